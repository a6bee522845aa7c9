"""A line filter that shows controls as symbols in everything the app draws.

The article's cells are sanitised by the text engine, and strings from data are sanitised
where they are drawn; this is the last guard, on every line of every widget: a C0 or C1
control or ESC that slipped into a label, an id, an annotator or a message is drawn as its
symbol (ESC as ␛) and never drives the terminal (no window title, no clipboard write).
"""

from __future__ import annotations

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from reader.text.sanitise import DRIVING


class ControlsShown(LineFilter):
    """Every control character in a line's text replaced by its symbol, every explicit
    bidi override or isolate by its marker."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [
            Segment(text.translate(DRIVING), style, control)
            if control is None and not text.isprintable()
            else Segment(text, style, control)
            for text, style, control in segments
        ]
