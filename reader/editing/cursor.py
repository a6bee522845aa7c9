"""The caret and the selection: a logical index, and the anchor a selection grows from.

A selection is always a logical range [start, end), whatever it looks like on screen: in a
line that mixes directions its cells may be apart, which is correct. The goal column keeps
Up/Down in one screen column across short lines.
"""

from __future__ import annotations

Range = tuple[int, int]


class Cursor:
    """Where the caret is in a text of `length` code points, and where a selection began.

    A plain class: every start makes it before the first paint, where a dataclass's
    generated methods cost more than all the rest of this module."""

    __slots__ = ("anchor", "caret", "goal_column", "length")
    length: int
    caret: int
    anchor: int | None
    goal_column: int | None

    def __init__(self, length: int = 0) -> None:
        self.reset(length)

    @property
    def selection(self) -> Range | None:
        """The selected logical range [start, end), or None."""
        if self.anchor is None or self.anchor == self.caret:
            return None
        return (min(self.anchor, self.caret), max(self.anchor, self.caret))

    def _clamp(self, index: int) -> int:
        return max(0, min(index, self.length))

    def move(self, index: int, extend: bool = False, keep_column: bool = False) -> None:
        """The caret to `index`; with `extend` the selection grows or shrinks to it."""
        if extend:
            if self.anchor is None:
                self.anchor = self.caret
        else:
            self.anchor = None
        self.caret = self._clamp(index)
        if not keep_column:
            self.goal_column = None

    def select(self, start: int, end: int, caret_at_end: bool = False) -> None:
        """Select [start, end); the caret at `start` (or `end`), the anchor at the other."""
        start, end = self._clamp(start), self._clamp(end)
        self.anchor, self.caret = (start, end) if caret_at_end else (end, start)
        self.goal_column = None

    def reset(self, length: int, caret: int = 0) -> None:
        """A new text: no selection, the caret at `caret`."""
        self.length = length
        self.anchor = None
        self.goal_column = None
        self.caret = self._clamp(caret)


def changed_range(old: Range | None, new: Range | None) -> Range | None:
    """The logical range whose selected state differs between two selections (a bound)."""
    if old is None or new is None:
        return old or new
    if old[0] != new[0] and old[1] != new[1]:
        return min(old[0], new[0]), max(old[1], new[1])
    if old[0] != new[0]:
        return min(old[0], new[0]), max(old[0], new[0])
    if old[1] != new[1]:
        return min(old[1], new[1]), max(old[1], new[1])
    return None
