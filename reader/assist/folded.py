"""A document folded once, as search folds it, with matches mapped back to the original.

Every suggester matches on the folded text (harakat and tatweel gone; أ إ آ ٱ ا alike, ى ي
alike, ة ه alike; Latin case-folded), so its patterns are written once, without variants.
`span` turns a folded range into the original range, the marks on the last letter included.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import cache, cached_property
from itertools import accumulate

import regex

from reader.text.search import TATWEEL, fold
from reader.text.shaping import is_harakah

# The words of the folded text (no marks are left in it): runs of letters and digits, kept
# by the split. The stdlib's \w is twice as fast as regex's classes here, and this runs over
# a megabyte.
WORDS = re.compile(r"([^\W_]+)")


def fold_word(word: str) -> str:
    """A pattern word as the folded text spells it (for building patterns from word lists)."""
    return fold(word)[0]


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of folded, escaped words, longest first (so the longest wins)."""
    folded = {fold_word(word) for word in words}
    return "|".join(regex.escape(w) for w in sorted(folded, key=lambda w: (-len(w), w)) if w)


class _Table(dict[int, str]):
    """`str.translate` table of search's folding, each character folded on first sight; `odd`
    holds those that do not fold to exactly one character (harakat and tatweel fold to none)."""

    def __init__(self) -> None:
        super().__init__()
        self.odd: set[str] = set()

    def __missing__(self, code: int) -> str:
        value = self[code] = fold(chr(code))[0]
        if len(value) != 1:
            self.odd.add(chr(code))
        return value


_TABLE = _Table()


@cache
def _odd_pattern(odd: frozenset[str]) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(''.join(sorted(odd)))}]")


class Folded:
    """`text` folded for matching; `span` maps folded ranges back to `text`."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded = text.translate(_TABLE)
        # The folded text is the original shifted, by one more at each dropped mark: from
        # folded index _marks[k] on, the original index is the folded one plus _shifts[k].
        self._marks, self._shifts = [0], [0]
        if _TABLE.odd:
            for match in _odd_pattern(frozenset(_TABLE.odd)).finditer(text):
                self._shift(match.start(), len(_TABLE[ord(match.group())]))

    def _shift(self, at: int, size: int) -> None:
        """Record that the character at original index `at` folds to `size` characters."""
        folded = at - self._shifts[-1]
        for k in range(size):  # each of them comes from `at`
            self._marks.append(folded + k)
            self._shifts.append(at - folded - k)
        self._marks.append(folded + size)
        self._shifts.append(at + 1 - folded - size)

    def _origin(self, index: int) -> int:
        """The original index of folded index `index`."""
        return index + self._shifts[bisect_right(self._marks, index) - 1]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original range of the folded range [start, end), trailing marks included."""
        first = self._origin(start)
        last = self._origin(end - 1) + 1
        text = self.text
        while last < len(text) and (text[last] == TATWEEL or is_harakah(text[last])):
            last += 1
        return first, last

    @cached_property
    def _parts(self) -> list[str]:
        """The folded text cut into separator, word, separator, ..., separator (one C pass)."""
        return WORDS.split(self.folded)

    @cached_property
    def word_texts(self) -> list[str]:
        """The folded text of every word (a run of letters and digits), in order."""
        return self._parts[1::2]

    @cached_property
    def starts(self) -> list[int]:
        """Where each word of `word_texts` starts in the folded text."""
        return self._bounds[0::2][: len(self.word_texts)]

    @cached_property
    def ends(self) -> list[int]:
        """Where each word of `word_texts` ends in the folded text."""
        return self._bounds[1::2]

    @cached_property
    def _bounds(self) -> list[int]:
        return list(accumulate(map(len, self._parts)))

    @cached_property
    def _gaps(self) -> list[str]:
        return self._parts[0::2]

    def joined(self, index: int) -> bool:
        """Whether word `index` and the next are one phrase: only a space between them."""
        return index + 1 < len(self.word_texts) and self._gaps[index + 1] == " "

    def matches(
        self, pattern: regex.Pattern[str], triggers: frozenset[str]
    ) -> Iterator[regex.Match[str]]:
        """`pattern`'s matches that hold a trigger word or a number, leftmost first.

        Scanning a megabyte with a large pattern is slow; a set lookup per word is not. The
        pattern is tried only at the starts of the two words before a trigger, the trigger
        itself, and an opening bracket just before them; each position once (a position tried
        for one trigger and not matching past it matches past no later trigger either).
        """
        folded, starts = self.folded, self.starts
        done, tried = 0, -1
        for index in self.indices(triggers, numbers=True):
            start = starts[index]
            if start < done:
                continue
            for first in starts[max(0, index - 2) : index + 1]:
                if first < done:
                    continue
                for at in (first - 2, first - 1, first):
                    # No pattern starts with a space: before the word, only a bracket is tried.
                    if at <= tried or at < done or (at < first and folded[at] != "("):
                        continue
                    tried = at
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
