"""Painting one row of the article view: cells, highlights, spans, selection, gutter, caret.

The view decides what a row shows (which line, where the caret and the selection are, which
highlights and spans touch it); this turns that into a `Strip`, cell by cell through the
layout's logical ranges, so a style over half a word never changes how the word is shaped.

Screen columns: one margin cell on the left (the caret past the end of a full right-to-left
line is drawn there), the layout's width, then one gutter cell on the right for claim marks.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from reader.editing import motion
from reader.text.layout import Line, TextLayout
from reader.ui.highlights import Highlight

if TYPE_CHECKING:
    from reader.store.model import SpanRecord
    from reader.ui.annotations import SpanLooks

MARGIN = 1  # cells left of the text
GUTTER = 1  # cells right of the text
CARET_IN_REVERSE = Style(reverse=False, underline=True)  # the caret on a reversed cell


class Row(NamedTuple):
    """What one screen row shows: a line of the layout, the caret's column, the selection."""

    layout: TextLayout
    line: Line
    width: int
    caret_column: int | None
    selection: tuple[int, int] | None


class RowStyles(NamedTuple):
    """The view's styles for the parts of a row."""

    base: Style
    marker: Style
    selection: Style
    gutter: Style
    caret: Style


def paint_row(
    row: Row,
    styles: RowStyles,
    highlights: Sequence[Highlight],
    spans: Sequence[SpanRecord],
    looks: SpanLooks | None,
    focused: str | None,
) -> Strip:
    """The row as a strip of `row.width` cells."""
    line, width, selection, base = row.line, row.width, row.selection, styles.base
    texts = [" "] * width
    cell_styles = [base] * width
    span_styles = looks.cell_styles(line.cells, spans, focused) if spans and looks else None
    text_width = width - GUTTER
    for k, (cell, column) in enumerate(zip(line.cells, line.columns, strict=False)):
        if not cell.width and not cell.marker:
            continue  # whitespace hanging past the margin
        x = column + MARGIN
        if x < 0 or x + max(1, cell.width) > text_width:
            continue
        style = base + styles.marker if cell.marker else base
        for h in highlights:
            if h.start < cell.end and cell.start < h.end:
                style += h.style
        if span_styles is not None and span_styles[k] is not None:
            style += span_styles[k]  # over search hits: a hit just tagged shows its label
        if selection is not None and selection[0] < cell.end and cell.start < selection[1]:
            style += styles.selection
        texts[x] = cell.text
        cell_styles[x] = style
        for extra in range(1, cell.width):
            texts[x + extra] = ""
            cell_styles[x + extra] = style
    end = motion.end_stop(row.layout, line)
    if end is not None and selection is not None and selection[0] <= end < selection[1]:
        end_column = line.column_of(end)
        if (
            end_column is not None
            and 0 <= end_column + MARGIN < text_width
            and texts[end_column + MARGIN] == " "
        ):
            cell_styles[end_column + MARGIN] = base + styles.selection
    gutter = looks.gutter(spans, focused) if spans and looks else None
    if gutter is not None:
        texts[width - 1] = gutter[0][:1]
        cell_styles[width - 1] = base + styles.gutter + gutter[1]
    if row.caret_column is not None:
        x = row.caret_column + MARGIN
        if 0 <= x < width:
            # Inside a reversed (focused) span the caret is the one cell not reversed.
            reversed_caret = cell_styles[x].reverse and styles.caret.reverse
            cell_styles[x] = cell_styles[x] + (CARET_IN_REVERSE if reversed_caret else styles.caret)
    return Strip(_segments(texts, cell_styles), width)


def paint_plain(line: Line, width: int, base: Style) -> Strip | None:
    """A row with nothing on it but its text (most rows when an article opens), painted
    from the line's text without building its cells; None when it needs `paint_row`."""
    pad = MARGIN + line.offset
    if not line.plain or pad + line.width > width - GUTTER:
        return None
    text = " " * pad + line.text
    return Strip([Segment(text + " " * (width - pad - line.width), base)], width)


def paint_message(lines: list[str], row: int, width: int, base: Style, style: Style) -> Strip:
    """Row `row` of a message shown instead of a document (why it cannot be read)."""
    if row >= len(lines):
        return Strip.blank(width, base)
    segments = [Segment(" " * MARGIN, base), Segment(lines[row], base + style)]
    return Strip(segments).adjust_cell_length(width, base)


def _segments(texts: list[str], styles: list[Style]) -> list[Segment]:
    """Runs of cells with equal styles, one segment each."""
    segments: list[Segment] = []
    run_text, run_style = texts[0], styles[0]
    for text, style in zip(texts[1:], styles[1:], strict=True):
        if style is run_style or style == run_style:
            run_text += text
        else:
            segments.append(Segment(run_text, run_style))
            run_text, run_style = text, style
    segments.append(Segment(run_text, run_style))
    return segments
