"""A document folded once, as search folds it, with matches mapped back to the original.

Every suggester matches on the folded text (harakat and tatweel gone; أ إ آ ٱ ا alike, ى ي
alike, ة ه alike; Latin case-folded), so its patterns are written once, without variants.
`span` turns a folded range into the original range, the marks on the last letter included.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property

import regex

from reader.text.search import TATWEEL, fold
from reader.text.shaping import is_harakah

# A word of the folded text (no marks are left in it): letters and digits. The stdlib's
# \w is twice as fast as regex's classes here, and this runs over every word of a megabyte.
WORD = re.compile(r"[^\W_]+")


def fold_word(word: str) -> str:
    """A pattern word as the folded text spells it (for building patterns from word lists)."""
    return fold(word)[0]


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of folded, escaped words, longest first (so the longest wins)."""
    folded = {fold_word(word) for word in words}
    return "|".join(regex.escape(w) for w in sorted(folded, key=lambda w: (-len(w), w)) if w)


def _fold(text: str) -> tuple[str, Sequence[int]]:
    """search's `fold`, fast on a long text: each distinct character is folded once, and the
    index map is built run by run between the few characters that do not fold to one."""
    table = {ord(char): fold(char)[0] for char in set(text)}
    folded = text.translate(table)
    odd = "".join(chr(code) for code, value in table.items() if len(value) != 1)
    if not odd:
        return folded, range(len(text))
    origin: list[int] = []
    at = 0
    for match in re.finditer(f"[{re.escape(odd)}]", text):
        origin.extend(range(at, match.start()))
        origin.extend([match.start()] * len(table[ord(match.group())]))
        at = match.end()
    origin.extend(range(at, len(text)))
    return folded, origin


class Folded:
    """`text` folded for matching; `span` maps folded ranges back to `text`."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded, self._origin = _fold(text)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original range of the folded range [start, end), trailing marks included."""
        first = self._origin[start]
        last = self._origin[end - 1] + 1
        text = self.text
        while last < len(text) and (text[last] == TATWEEL or is_harakah(text[last])):
            last += 1
        return first, last

    @cached_property
    def words(self) -> list[tuple[int, int]]:
        """Every word of the folded text as a (start, end) range, in order."""
        return [m.span() for m in WORD.finditer(self.folded)]

    @cached_property
    def word_texts(self) -> list[str]:
        """The folded text of every word, in the order of `words`."""
        return WORD.findall(self.folded)

    def joined(self, index: int) -> bool:
        """Whether word `index` and the next are one phrase: only a space between them."""
        words = self.words
        return index + 1 < len(words) and self.folded[words[index][1] : words[index + 1][0]] == " "

    def matches(
        self, pattern: regex.Pattern[str], triggers: frozenset[str]
    ) -> Iterator[regex.Match[str]]:
        """`pattern`'s matches that hold a trigger word or a number, leftmost first.

        Scanning a megabyte with a large pattern is slow; a set lookup per word is not. The
        pattern is tried only at the starts of the two words before a trigger, the trigger
        itself, and an opening bracket just before them.
        """
        folded, words = self.folded, self.words
        done = 0
        for index in self.indices(triggers, numbers=True):
            start = words[index][0]
            if start < done:
                continue
            for first, _ in words[max(0, index - 2) : index + 1]:
                if first < done:
                    continue
                for at in (first - 2, first - 1, first):
                    if at < done or (at < first and folded[at] not in "( "):
                        continue
                    match = pattern.match(folded, at)
                    if match is not None and match.end() > start:
                        yield match
                        done = match.end()
                        break
                if done > start:
                    break

    def indices(self, wanted: frozenset[str], numbers: bool = False) -> list[int]:
        """The indices of the words in `wanted` (and of those holding a digit, if `numbers`)."""
        if numbers:
            return [
                i for i, word in enumerate(self.word_texts) if word in wanted or not word.isalpha()
            ]
        return [i for i, word in enumerate(self.word_texts) if word in wanted]
