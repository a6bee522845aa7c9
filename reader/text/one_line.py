"""Short strings (titles, queries) drawn through the text engine, on one screen line.

Anything from an article that reaches the screen outside the article view, such as a
title in the documents panel or the status bar, or the query in the search bar, is laid
out here: shaped, in visual order, controls made visible. It never goes through markup.
"""

from __future__ import annotations

from typing import NamedTuple

from reader.text.layout import TextLayout
from reader.text.shaping import DisplayOptions, ShapeCache

ELLIPSIS = "…"


class OneLine(NamedTuple):
    """A string in screen order, its width in cells, and whether it reads right to left."""

    text: str
    width: int
    rtl: bool


def one_line(
    text: str, width: int, options: DisplayOptions, shapes: ShapeCache | None = None
) -> OneLine:
    """The first paragraph of `text` in at most `width` cells; cut with an ellipsis at its
    logical end (on the left for right-to-left text) when it does not fit."""
    width = max(1, width)
    first = TextLayout(text, 10_000, options, shapes).paragraph(0) if text else None
    if first is None or not first.lines:
        return OneLine("", 0, False)
    whole = first.lines[0]
    if whole.width <= width and len(first.lines) == 1 and first.end == len(text):
        return OneLine(whole.text, whole.width, whole.rtl)
    cut = TextLayout(text[first.start : first.end], max(1, width - 1), options, shapes).line(0)
    rtl = cut.rtl and options.reorder
    shown = cut.text
    return OneLine(ELLIPSIS + shown if rtl else shown + ELLIPSIS, cut.width + 1, cut.rtl)


def last_line(
    text: str, width: int, options: DisplayOptions, shapes: ShapeCache | None = None
) -> tuple[OneLine, int | None]:
    """The last screen line of `text` wrapped at `width` (what an input field shows while
    typing), and the column of the caret at the text's logical end on that line."""
    width = max(1, width)
    layout = TextLayout(text, width, options, shapes)
    row, column = layout.locate(len(text))
    line = layout.line(row)
    shown = OneLine(line.text, line.width, line.rtl)
    return shown, column - line.offset
