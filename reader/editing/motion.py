"""Where the caret goes: visual left/right, by word, up/down by screen column, line ends.

Pure logic over a `TextLayout` (no Textual), so every motion is tested directly. The caret
is a logical index; the screen is only consulted through the layout's maps. A screen row's
caret stops are its drawn cells, left to right, plus one stop past the line's logical end
(the paragraph's end, or the whitespace that hangs where the line wraps). Leaving a row by
its logical-end side (left in right-to-left text) goes to the next row's start; leaving by
its logical-start side goes to the previous row's last stop.
"""

from __future__ import annotations

from typing import NamedTuple

from reader.text.layout import Line, TextLayout
from reader.text.words import word_at

WORD_STEP_LIMIT = 4096  # a word motion gives up after this many cells (a huge non-word run)


class Stop(NamedTuple):
    """A place the caret can be on a screen row: its column and logical index."""

    column: int
    offset: int


def row_exists(layout: TextLayout, row: int) -> bool:
    """Whether screen row `row` holds a line (lays out paragraphs up to it, no further)."""
    if row < 0:
        return False
    layout.line(row)
    return row < layout.rows_known()


def last_row(layout: TextLayout) -> int:
    """The last screen row (lays out the whole document)."""
    return layout.row_count - 1


def is_paragraph_end(layout: TextLayout, line: Line) -> bool:
    return line.end == layout.paragraphs[line.paragraph][1]


def end_stop(layout: TextLayout, line: Line) -> int | None:
    """The stop past the line's logical end: the paragraph end, or where hanging space starts."""
    if is_paragraph_end(layout, line):
        return line.end
    hanging = [cell.start for cell in line.cells if not cell.width and not cell.marker]
    return min(hanging) if hanging else None


def stops(layout: TextLayout, row: int) -> list[Stop]:
    """The caret stops on a row, left to right."""
    line = layout.line(row)
    out = [
        Stop(column, cell.start)
        for cell, column in zip(line.cells, line.columns, strict=False)
        if cell.width or cell.marker
    ]
    end = end_stop(layout, line)
    if end is not None:
        column = line.column_of(end)
        if column is not None:
            out.append(Stop(column, end))
            out.sort()
    return out


def _reads_rtl(layout: TextLayout, line: Line) -> bool:
    return line.rtl and layout.options.reorder


def _nearest(row_stops: list[Stop], column: int) -> int:
    """Position in `row_stops` of the stop at `column`, else the nearest one."""
    best, distance = 0, None
    for k, stop in enumerate(row_stops):
        d = abs(stop.column - column)
        if distance is None or d < distance:
            best, distance = k, d
            if d == 0:
                break
    return best


def move_visual(layout: TextLayout, index: int, step: int) -> int:
    """One cell left (`step` -1) or right (+1) on screen from the caret at `index`."""
    row, column = layout.locate(index)
    line = layout.line(row)
    row_stops = stops(layout, row)
    if not row_stops:
        return index
    k = _nearest(row_stops, column) + step
    if 0 <= k < len(row_stops):
        return row_stops[k].offset
    leaving_end = (step < 0) == _reads_rtl(layout, line)  # off the logical-end side
    if leaving_end:
        return layout.line(row + 1).start if row_exists(layout, row + 1) else index
    if row == 0:
        return index
    return max(stop.offset for stop in stops(layout, row - 1))


def is_word_start(text: str, index: int) -> bool:
    """Whether a word begins at `index`."""
    if index >= len(text):
        return False
    word = word_at(text, index)
    return word is not None and word[0] == index and word[1] > index


def move_word(layout: TextLayout, index: int, step: int) -> int:
    """Cell by cell on screen (left -1, right +1) until the start of a word, or an edge."""
    text = layout.text
    current = index
    for _ in range(WORD_STEP_LIMIT):
        moved = move_visual(layout, current, step)
        if moved == current:
            return current
        current = moved
        if is_word_start(text, current):
            return current
    return current


def move_vertical(
    layout: TextLayout, index: int, rows: int, column: int | None = None
) -> tuple[int, int]:
    """Up (negative) or down `rows` screen rows, keeping `column` (the caret's, if None).

    Returns the new index and the column kept, so repeated moves remember where they began.
    """
    row, here = layout.locate(index)
    column = here if column is None else column
    target = max(0, row + rows)
    if rows > 0 and not row_exists(layout, target):
        target = row
        while row_exists(layout, target + 1) and target < row + rows:
            target += 1
        if target == row:  # already on the last row: go to its end
            return max(stop.offset for stop in stops(layout, row)) if stops(
                layout, row
            ) else index, column
    if rows < 0 and row == 0:
        return layout.line(0).start, column
    return layout.line(target).index_at(column), column


def line_start(layout: TextLayout, index: int) -> int:
    """The logical start of the caret's screen line."""
    return layout.line(layout.locate(index)[0]).start


def line_end(layout: TextLayout, index: int) -> int:
    """The logical end of the caret's screen line (its last stop in logical order)."""
    row = layout.locate(index)[0]
    row_stops = stops(layout, row)
    return max(stop.offset for stop in row_stops) if row_stops else index


def index_at(layout: TextLayout, row: int, column: int) -> int:
    """The logical index under screen (row, column); below the last row, the document end."""
    if row < 0:
        return 0
    if not row_exists(layout, row):
        return len(layout.text)
    return layout.line(row).index_at(column)


def cluster_end(layout: TextLayout, index: int) -> int:
    """The end of the cluster (cell) that draws `index`."""
    if index >= len(layout.text):
        return index
    line = layout.line(layout.locate(index)[0])
    k = line.cell_index(index)
    return line.cells[k].end if k is not None else index + 1


def drag_range(layout: TextLayout, origin: int, index: int) -> tuple[int, int, bool]:
    """What a mouse drag from `origin` to `index` selects: (start, end, caret at the end).
    Forward, the character under the pointer is included; backward, the one it began on."""
    if index >= origin:
        return origin, cluster_end(layout, index) if index > origin else origin, True
    return index, cluster_end(layout, origin), False
