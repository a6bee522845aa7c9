"""Highlights: logical ranges drawn with a style, found quickly for any screen line.

The article view draws search hits this way (annotation spans have their own index and
looks): each is a `Highlight` in a named layer, a logical range with a Rich style. The view
asks a layer for the highlights overlapping a line's logical range and styles each cell from
them, through the layout's cell ranges, so a highlight over half a word never changes how the
word is shaped.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from rich.style import Style


class Highlight(NamedTuple):
    """A logical range [start, end) drawn with `style`."""

    start: int
    end: int
    style: Style


class HighlightLayer:
    """Highlights kept sorted by start; overlapping or nested ranges are fine."""

    def __init__(self, highlights: Iterable[Highlight] = ()) -> None:
        self._items = sorted(
            (h for h in highlights if h.end > h.start), key=lambda h: (h.start, h.end)
        )
        self._starts = [h.start for h in self._items]
        self._longest = max((h.end - h.start for h in self._items), default=0)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Highlight]:
        return iter(self._items)

    def overlapping(self, start: int, end: int) -> list[Highlight]:
        """The highlights that share at least one index with [start, end)."""
        if not self._items:
            return []
        lo = bisect_left(self._starts, start - self._longest)
        hi = bisect_left(self._starts, max(end, start + 1))
        return [h for h in self._items[lo:hi] if h.end > start]
