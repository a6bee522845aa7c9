"""Search with Arabic normalisation, every match mapped back to a range of the original text.

Harakat and tatweel are ignored; أ إ آ ٱ ا match alike, ى ي alike, ة ه alike. Both the
query and the text are folded the same way; the folded text keeps, for every character,
the index it came from, so a match is a logical range of the document.
"""

from __future__ import annotations

from reader.text.shaping import is_harakah

TATWEEL = "\u0640"
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})


def _ignored(char: str) -> bool:
    return char == TATWEEL or is_harakah(char)


def fold(text: str) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, its index in `text`."""
    kept = [i for i, char in enumerate(text) if not _ignored(char)]
    folded = "".join(text[i] for i in kept).translate(_FOLD).casefold() if kept else ""
    if len(folded) != len(kept):  # casefold grew a character (ß -> ss): map one by one
        pieces = [text[i].translate(_FOLD).casefold() for i in kept]
        folded = "".join(pieces)
        kept = [i for i, piece in zip(kept, pieces) for _ in piece]
    return folded, kept


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
        hits = []
        at = self._folded.find(needle)
        while at != -1:
            last = at + len(needle) - 1
            start, end = self._origin[at], self._origin[last] + 1
            while end < len(self.text) and _ignored(self.text[end]):  # marks on the last letter
                end += 1
            hits.append((start, end))
            at = self._folded.find(needle, at + len(needle))
        return hits


def find_all(text: str, query: str) -> list[tuple[int, int]]:
    """Every match of `query` in `text` under Arabic normalisation, as logical ranges."""
    return Searcher(text).find_all(query)
