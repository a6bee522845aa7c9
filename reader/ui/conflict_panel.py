"""The conflict panel: the versions of the conflict under the caret, one row per annotator.

Shown under the article while the open document has conflicts of `reader merge` to settle.
Each row is the annotator's number (the key that takes their version), drawn with the line
that marks their version in the article (underline, strike-through...), so the two are
told apart without colour; then their name and their spans, each label drawn as its spans
are and each text laid out by the text engine (Arabic right to left, shaped, no control
character reaching the terminal). A version can be to mark nothing: "(nothing here)".
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

from reader.editing.adjudicating import Conflict
from reader.text.one_line import one_line
from reader.text.sanitise import sanitise
from reader.text.shaping import DisplayOptions, ShapeCache
from reader.ui.annotations import SpanLooks

NAME_WIDTH = 10  # cells for an annotator's name
KEYS = "1 2… take · b all · 0 none · v next"

#: What marks each annotator's version in the article, by their number (from 1): lines a
#: terminal draws without colour (strike-through before overline, which fewer terminals draw).
VERSION_CUES: tuple[Style, ...] = (
    Style(underline=True),
    Style(strike=True),
    Style(overline=True),
    Style(italic=True),
)
NO_CUE = Style(underline=False, strike=False, overline=False, italic=False)


def version_cue(numbers: Iterable[int]) -> Style:
    """The lines that mark a span held by these annotators' versions (numbers from 1), and no
    other line (so a conflict drawn underlined below does not show through)."""
    style = NO_CUE
    for number in numbers:
        style += VERSION_CUES[(number - 1) % len(VERSION_CUES)]
    return style


class ConflictPanel(Widget):
    """The focused conflict's versions (see the module docstring)."""

    DEFAULT_CSS = """
    ConflictPanel {
        split: bottom;
        height: auto;
        max-height: 8;
        background: $panel;
    }
    """

    def __init__(self, options: DisplayOptions, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.options = options
        self._shapes = ShapeCache(options)
        self.conflict: Conflict | None = None
        self.looks: SpanLooks | None = None
        self.heading = ""

    def show(self, conflict: Conflict | None, looks: SpanLooks, heading: str) -> None:
        """Show a conflict's versions (None: say how to reach one)."""
        rows_before = self._rows()
        self.conflict, self.looks, self.heading = conflict, looks, heading
        self.refresh(layout=self._rows() != rows_before)

    def _rows(self) -> int:
        return 1 + (len(self.conflict.among) if self.conflict is not None else 1)

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return self._rows()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if y == 0:
            head = f" {self.heading}"
            keys = f"{KEYS} "
            gap = width - len(head) - len(keys)
            text = head + " " * gap + keys if gap > 1 else head
            return Strip([Segment(text, base + Style(bold=True))]).adjust_cell_length(width, base)
        conflict = self.conflict
        if conflict is None or self.looks is None:
            if y == 1:
                line = " no conflict under the caret: v goes to the next one"
                return Strip([Segment(line, base + Style(dim=True))]).adjust_cell_length(
                    width, base
                )
            return Strip.blank(width, base)
        if y > len(conflict.among):
            return Strip.blank(width, base)
        name = conflict.among[y - 1]
        shown_name = sanitise(name)[:NAME_WIDTH]
        segments = [
            Segment(" ", base),
            Segment(f"{y} {shown_name}", base + version_cue([y]) + Style(bold=True)),
            Segment(" " * (NAME_WIDTH - len(shown_name) + 1), base),
        ]
        room = width - NAME_WIDTH - 4
        spans = conflict.version(name)
        if not spans:
            segments.append(Segment("(nothing here)", base + Style(dim=True)))
        for span in spans:
            label = sanitise(span["label"])
            if room < len(label) + 4:
                break
            segments.append(Segment(label, base + self.looks.swatch(span["label"])))
            room -= len(label) + 1
            quote = one_line(span["text"], max(1, min(room - 3, 40)), self.options, self._shapes)
            segments.append(Segment(f" {quote.text}   ", base))
            room -= quote.width + 4
        return Strip(segments).adjust_cell_length(width, base)
