"""Grapheme, word and sentence boundaries in logical offsets.

A word is a run of letters, marks, digits and joiners (tatweel and ZWJ/ZWNJ included), so
`مُحَمَّد`, `Erdoğan`, `٢٠١٩` and `COVID-19`'s parts are words; punctuation is not.
Sentences end at . ! ? ؟ … and the Arabic full stop ۔ (and at paragraph ends).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import regex

# The patterns are compiled on first use: importing `regex` costs about 10 ms, which the
# first paint of an article never needs.
_GRAPHEME = r"\X"
_WORD = r"[\p{L}\p{M}\p{N}\u0640\u200c\u200d]+"
_SENTENCE_END = r"[.!?؟…۔]+[\"'”’»)\]]*|\n"


@cache
def _compiled(pattern: str) -> regex.Pattern[str]:
    import regex

    return regex.compile(pattern)


def grapheme_pattern() -> regex.Pattern[str]:
    """One extended grapheme cluster (UAX #29)."""
    return _compiled(_GRAPHEME)


def grapheme_boundaries(text: str) -> list[int]:
    """Every extended grapheme cluster boundary, 0 and len(text) included."""
    return [0] + [m.end() for m in grapheme_pattern().finditer(text)]


def word_at(text: str, index: int) -> tuple[int, int] | None:
    """The word that holds `index` (or ends just before it), else None."""
    word = _compiled(_WORD)
    for probe in (index, index - 1):
        if 0 <= probe < len(text):
            lo = max(0, probe - 256)
            for match in word.finditer(text, lo, min(len(text), probe + 256)):
                if match.start() <= probe < match.end():
                    start, end = match.span()
                    # a word longer than the window: widen until its edges are found
                    while start == lo and lo > 0 and word.match(text, start - 1):
                        start -= 1
                        lo -= 1
                    while end < len(text) and word.match(text, end):
                        end += 1
                    return start, end
    return None


def word_starts(text: str) -> list[int]:
    """The start of every word, in order."""
    return [m.start() for m in _compiled(_WORD).finditer(text)]


def next_word(text: str, index: int) -> int:
    """The start of the first word after `index` (len(text) if none)."""
    word = _compiled(_WORD)
    match = word.search(text, index)
    if match is not None and match.start() <= index:
        match = word.search(text, match.end())
    return len(text) if match is None else match.start()


def previous_word(text: str, index: int) -> int:
    """The start of the word before `index` (0 if none)."""
    start = 0
    for match in _compiled(_WORD).finditer(text, max(0, index - 4096), index):
        if match.start() < index:
            start = match.start()
    return start


def sentence_at(text: str, index: int) -> tuple[int, int]:
    """The sentence around `index`: from after the previous sentence end to its own end
    (closing quotes and brackets after the full stop included: `».`, `.)`, `."`), leading
    and trailing whitespace trimmed. A caret on the closing `»` of `.»` is in the sentence
    that `.»` ends."""
    index = max(0, min(index, len(text)))
    start, end = 0, len(text)
    for match in _compiled(_SENTENCE_END).finditer(text, max(0, index - 20_000)):
        if match.end() <= index:
            start = match.end()
        else:
            end = match.start() if match.group() == "\n" else match.end()
            break
    return trim(text, start, end)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The range with leading and trailing whitespace removed."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
