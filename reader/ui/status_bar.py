"""The status bar: which document, where the caret is, the spans, and the store's state.

Two rows. The first: the title (through the text engine, so it reads as Arabic and no
control character reaches the terminal), the caret as "¶3 ch 120/4021", and the store's
state ("saved", "read-only"). With `--bidi terminal` it also says
that mouse columns may be off, since the terminal, not we, decides where characters land.
The second: the label legend with each document's counts, every name drawn as its spans
are (so it is also the key to the styles without colour), the spans under the caret
("place ⊂ [actor] ⊂ claim", innermost first, the focused one in brackets), the focused
span's links and note ("claim ← actor: <its text>", or the document's note when no span is
focused; drawn through the text engine in the room left), and the document's status. Each field is reactive: it redraws only itself, and only when something
it shows changed.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from reader.store.model import status_display
from reader.text.one_line import one_line
from reader.text.sanitise import sanitise
from reader.text.shaping import DisplayOptions, ShapeCache

TERMINAL_BIDI_NOTE = "bidi: terminal — mouse columns may be off"


class StatusBar(Widget):
    """Title · caret position · store state · notes."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "status-bar--title",
        "status-bar--position",
        "status-bar--store",
        "status-bar--warning",
        "status-bar--here",
        "status-bar--status",
    }

    title_text = reactive("")
    doc_id = reactive("")
    position = reactive("")  # "¶3 ch 120/4021"
    store_state = reactive("")
    store_warning = reactive(False)
    legend: reactive[Text] = reactive(
        Text
    )  # the labels with their counts, each drawn as its spans are
    here = reactive("")  # the spans under the caret
    detail = reactive("")  # the focused span's links and note, or the document's note
    detail_first = reactive(False)  # the detail is the focused span's: it takes the legend's room
    status = reactive("")  # the document's status
    help_hint = reactive("? keys")  # where to find every key (the help key, as bound)

    def __init__(self, options: DisplayOptions, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.options = options
        self._shapes = ShapeCache(options)
        self.notes: list[str] = [] if options.reorder else [TERMINAL_BIDI_NOTE]

    def show_document(self, title: str, doc_id: str) -> None:
        self.title_text, self.doc_id = title, doc_id

    def show_caret(self, paragraph: int, caret: int, length: int, selected: int = 0) -> None:
        self.position = f"¶{paragraph} ch {caret}/{length}" + (
            f" sel {selected}" if selected else ""
        )

    def show_store(self, state: str, warning: bool) -> None:
        self.store_state, self.store_warning = sanitise(state), warning  # may quote a path

    def show_annotations(self, legend: Text, here: str, status: str) -> None:
        """The label legend with counts, the spans under the caret, the document's status."""
        self.legend, self.here, self.status = legend, here, status

    def show_detail(self, detail: str, first: bool = False) -> None:
        """The focused span's links and note (or the document's note): text from the data.
        With `first` (a span is focused) it is shown in place of the legend."""
        self.detail, self.detail_first = detail, first

    def render(self) -> Text:
        return Text("\n", end="").join([self._first_row(), self._second_row()])

    def _second_row(self) -> Text:
        width = self.size.width
        right = Text(no_wrap=True, overflow="crop", end="")
        if self.here:
            right.append(
                f" {self.here} ", self.get_component_rich_style("status-bar--here", partial=True)
            )
        if self.status:
            right.append(
                f" {sanitise(status_display(self.status))} ",
                self.get_component_rich_style("status-bar--status", partial=True),
            )
        if self.help_hint:
            right.append(
                f" {self.help_hint} ",
                self.get_component_rich_style("status-bar--position", partial=True),
            )
        line = Text(" ", no_wrap=True, overflow="crop", end="")
        if not (self.detail and self.detail_first):
            line.append_text(self.legend)
        room = width - line.cell_len - right.cell_len - 2
        if self.detail and room > 4:
            shown = one_line(self.detail, room, self.options, self._shapes)
            if not self.detail_first:
                line.append(" " * max(1, room - shown.width + 1))
            line.append(shown.text, self.get_component_rich_style("status-bar--here", partial=True))
        line.append(" " * max(1, width - line.cell_len - right.cell_len))
        line.append_text(right)
        line.truncate(width)
        return line

    def _first_row(self) -> Text:
        width = self.size.width
        right = Text(no_wrap=True, overflow="crop")
        right.append(
            f" {self.position} ",
            self.get_component_rich_style("status-bar--position", partial=True),
        )
        store_style = "status-bar--warning" if self.store_warning else "status-bar--store"
        right.append(
            f" {self.store_state} ", self.get_component_rich_style(store_style, partial=True)
        )
        for note in self.notes:
            right.append(
                f" {note} ", self.get_component_rich_style("status-bar--warning", partial=True)
            )
        room = width - right.cell_len - 1
        line = Text(no_wrap=True, overflow="crop", end="")
        if room > 4:
            label = one_line(self.title_text or self.doc_id, room, self.options, self._shapes)
            line.append(
                " " + label.text, self.get_component_rich_style("status-bar--title", partial=True)
            )
            used = label.width
            ident = one_line(self.doc_id, max(1, room - used - 3), self.options, self._shapes)
            if (
                self.title_text
                and ident.text
                and room - used > ident.width + 6
                and "…" not in ident.text
            ):
                line.append(
                    f" · {ident.text}",
                    self.get_component_rich_style("status-bar--position", partial=True),
                )
                used += ident.width + 3
            line.append(" " * max(0, room - used))
        line.append_text(right)
        line.truncate(width)
        return line
