"""A document folded once, as search folds it, with matches mapped back to the original.

Every suggester matches on the folded text (harakat and tatweel gone; أ إ آ ٱ ا alike, ى ي
alike, ة ه alike; Latin case-folded), so its patterns are written once, without variants.
`span` turns a folded range into the original range, the marks on the last letter included.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cached_property

import regex

from reader.text.search import TATWEEL, fold
from reader.text.shaping import is_harakah

# Letters, marks and digits: what a word is made of (ZWJ/ZWNJ join words too).
WORD = regex.compile(r"[\p{L}\p{M}\p{N}\u200c\u200d]+")


def fold_word(word: str) -> str:
    """A pattern word as the folded text spells it (for building patterns from word lists)."""
    return fold(word)[0]


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of folded, escaped words, longest first (so the longest wins)."""
    folded = {fold_word(word) for word in words}
    return "|".join(regex.escape(w) for w in sorted(folded, key=lambda w: (-len(w), w)) if w)


class Folded:
    """`text` folded for matching; `span` maps folded ranges back to `text`."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded, self._origin = fold(text)

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
        for index, (start, end) in enumerate(words):
            if start < done:
                continue
            word = folded[start:end]
            if word not in triggers and word.isalpha():
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
