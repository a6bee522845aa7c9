"""Search with Arabic normalisation, every match mapped back to a range of the original text.

Harakat and tatweel are ignored; أ إ آ ٱ ا match alike, ى ي alike, ة ه alike; Arabic-Indic
(٠-٩) and Eastern Arabic-Indic (۰-۹) digits match Western ones (19 finds ١٩ and ۱۹); Latin
is matched without case or accents (Erdogan finds Erdoğan). Both the
query and the text are folded the same way; the folded text keeps, for every character,
the index it came from, so a match is a logical range of the document.
"""

from __future__ import annotations

import unicodedata

from reader.text.shaping import is_harakah

TATWEEL = "\u0640"
_ARABIC_FOLD = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"}
_ARABIC_FOLD.update({chr(0x0660 + d): str(d) for d in range(10)})  # Arabic-Indic digits
_ARABIC_FOLD.update({chr(0x06F0 + d): str(d) for d in range(10)})  # Eastern (Persian, Urdu)


def _fold_char(char: str) -> str:
    """What one character searches as: "" if ignored, else its folded form (maybe longer)."""
    if char == TATWEEL or is_harakah(char):
        return ""
    char = _ARABIC_FOLD.get(char, char)
    if char < "\u0590" or "\u1e00" <= char <= "\u1eff":  # Latin, Greek, Cyrillic: drop accents
        char = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        )
    return char.casefold()


class _FoldTable(dict[int, str]):
    """`str.translate` table of `_fold_char`, filled on first sight."""

    def __missing__(self, code_point: int) -> str:
        folded = self[code_point] = _fold_char(chr(code_point))
        return folded


_TABLE = _FoldTable()


def fold(text: str) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, its index in `text`."""
    folded = text.translate(_TABLE)
    if len(folded) == len(text) and all(len(_TABLE[ord(c)]) == 1 for c in set(text)):
        return folded, list(range(len(text)))
    origin = [i for i, char in enumerate(text) for _ in _TABLE[ord(char)]]
    return folded, origin


class Searcher:
    """Finds a query in one text; the text is folded once and reused for every query."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded, self._origin = fold(text)

    def find_all(self, query: str) -> list[tuple[int, int]]:
        """Every non-overlapping match of `query`, as (start, end) logical ranges."""
        needle, _ = fold(query)
        if not needle:
            return []
        hits: list[tuple[int, int]] = []
        at = self._folded.find(needle)
        while at != -1:
            if hits and self._origin[at] < hits[-1][1]:  # inside a character already matched (ß)
                at = self._folded.find(needle, at + 1)
                continue
            last = at + len(needle) - 1
            start, end = self._origin[at], self._origin[last] + 1
            while (
                end < len(self.text) and not _TABLE[ord(self.text[end])]
            ):  # marks on the last letter
                end += 1
            hits.append((start, end))
            at = self._folded.find(needle, at + len(needle))
        return hits


def find_all(text: str, query: str) -> list[tuple[int, int]]:
    """Every match of `query` in `text` under Arabic normalisation, as logical ranges."""
    return Searcher(text).find_all(query)
