"""Extending a selection sideways: its moving edge goes one cell (or word) at a time on screen.

A selection is a logical range, but Shift+Left/Right move an edge across the screen. A logical
boundary is drawn on the start side of the cell after it (its left edge in a left-to-right run,
its right edge in a right-to-left one). Where directions mix, one screen gap between two cells
can stand for two boundaries, and moving a boundary one character can move it across the row:
selecting "Stéphane Dujarric" inside an Arabic line that way could never reach the last letter,
and Shift+Left from the name selected all of it.

So while a selection is extended sideways on one row, its two edges are kept as gaps in the
row's cells (screen order, gap k lies left of cell k), and the selection is the logical hull of
the cells between them. Leaving the row, or any other motion, goes back to logical edges.
"""

from __future__ import annotations

from typing import NamedTuple

from reader.text.layout import Cell, Line, TextLayout
from reader.text.words import word_at

Range = tuple[int, int]


class Edges(NamedTuple):
    """A selection's two edges as gaps in one row's cells (0 .. number of cells)."""

    row: int
    anchor: int
    caret: int


def gap_of(cells: list[Cell], boundary: int) -> int | None:
    """The gap where a logical boundary is drawn on a row: the start side of the cell that
    begins there, else the end side of the cell that ends there; None when not on the row."""
    for k, cell in enumerate(cells):
        if cell.start == boundary:
            return k if cell.level % 2 == 0 else k + 1
    for k, cell in enumerate(cells):
        if cell.end == boundary:
            return k + 1 if cell.level % 2 == 0 else k
    return None


def boundaries(cells: list[Cell], gap: int) -> set[int]:
    """The logical boundaries a gap can stand for (the sides of its two neighbours)."""
    found: set[int] = set()
    if gap > 0:
        left = cells[gap - 1]
        found.add(left.end if left.level % 2 == 0 else left.start)
    if gap < len(cells):
        right = cells[gap]
        found.add(right.start if right.level % 2 == 0 else right.end)
    return found


def hull(cells: list[Cell], a: int, b: int) -> Range | None:
    """The logical range of the cells between two gaps, or None when there are none."""
    lo, hi = min(a, b), max(a, b)
    if lo == hi:
        return None
    between = cells[lo:hi]
    return min(cell.start for cell in between), max(cell.end for cell in between)


def _is_word_start(text: str, index: int) -> bool:
    word = word_at(text, index) if index < len(text) else None
    return word is not None and word[0] == index


def extend(
    layout: TextLayout,
    anchor: int,
    caret: int,
    edges: Edges | None,
    step: int,
    by_word: bool = False,
) -> tuple[Edges, int, int] | None:
    """Move the moving edge one cell (or to the next word start) left (-1) or right (+1).

    Returns the new edges and the logical (anchor, caret); None when the move leaves the row
    (the caller then moves logically, as before).
    """
    row = layout.locate(caret)[0]
    line: Line = layout.line(row)
    cells = line.cells
    if edges is None or edges.row != row:
        edges = _fresh_edges(cells, row, anchor, caret, step)
        if edges is None:
            return None
    gap = edges.caret
    crossed: Cell | None = None
    while True:
        gap += step
        if not 0 <= gap <= len(cells):
            return None
        crossed = cells[gap - 1] if step > 0 else cells[gap]
        if not by_word or any(_is_word_start(layout.text, b) for b in boundaries(cells, gap)):
            break
    assert crossed is not None
    moved = Edges(row, edges.anchor, gap)
    selected = hull(cells, moved.anchor, moved.caret)
    if selected is None:
        here = boundaries(cells, gap)
        index = anchor if anchor in here else min(here)
        return moved, index, index
    start, end = selected
    # The caret is the hull's edge on the far side of the cell just crossed.
    ltr = crossed.level % 2 == 0
    far = (
        (crossed.end if ltr else crossed.start)
        if step > 0
        else (crossed.start if ltr else crossed.end)
    )
    if far not in (start, end):
        far = end if step > 0 else start
    return moved, (start if far == end else end), far


def _fresh_edges(cells: list[Cell], row: int, anchor: int, caret: int, step: int) -> Edges | None:
    """Edges for a selection (or a caret) not extended sideways yet; the moving one is the
    caret, or for an existing selection the edge further in the direction of the move."""
    caret_gap = gap_of(cells, caret)
    anchor_gap = gap_of(cells, anchor)
    if caret_gap is None or anchor_gap is None:
        return None
    if anchor != caret:
        low, high = sorted((anchor_gap, caret_gap))
        return Edges(row, low, high) if step > 0 else Edges(row, high, low)
    return Edges(row, anchor_gap, caret_gap)
