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

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from reader.store.status import status_display
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

    def render_line(self, y: int) -> Strip:
        """Row `y`, drawn from segments (the line API, as the article view): no Rich text to
        wrap, and the widths known, so Rich's width table is not read before the first paint."""
        width, base = self.size.width, self.rich_style
        if y > 1:
            return Strip.blank(width, base)
        pieces = self._first_row(width) if y == 0 else self._second_row(width)
        segments = [Segment(text, base + style if style else base) for text, style, _ in pieces]
        return Strip(segments, _width(pieces)).adjust_cell_length(width, base)

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name, partial=True)

    def _second_row(self, width: int) -> list[Piece]:
        right: list[Piece] = []
        if self.here:  # (label names, which may be Arabic, as the legend draws them)
            right.append(self._laid(f" {self.here} ", self._style("status-bar--here")))
        if self.status:
            status = sanitise(status_display(self.status))
            right.append(_piece(f" {status} ", self._style("status-bar--status")))
        if self.help_hint:
            right.append(_piece(f" {self.help_hint} ", self._style("status-bar--position")))
        line = [_piece(" ")]
        if not (self.detail and self.detail_first):
            legend = self.legend.render(self.app.console)
            line += [self._laid(segment.text, segment.style) for segment in legend]
        right_width = _width(right)
        room = width - _width(line) - right_width - 2
        if self.detail and room > 4:
            shown = one_line(self.detail, room, self.options, self._shapes)
            if not self.detail_first:
                line.append(_piece(" " * max(1, room - shown.width + 1)))
            line.append((shown.text, self._style("status-bar--here"), shown.width))
        line.append(_piece(" " * max(1, width - _width(line) - right_width)))
        return line + right

    def _laid(self, text: str, style: Style | None) -> Piece:
        """Label names or a key (which may be Arabic) through the text engine, the spaces
        around them kept where they are."""
        if text.isascii():
            return _piece(text, style)
        core = text.strip(" ")
        before, after = text[: text.index(core)], text[text.index(core) + len(core) :]
        shown = one_line(core, 2 * len(core), self.options, self._shapes)
        return before + shown.text + after, style, len(before) + shown.width + len(after)

    def _first_row(self, width: int) -> list[Piece]:
        store_style = "status-bar--warning" if self.store_warning else "status-bar--store"
        right = [
            _piece(f" {self.position} ", self._style("status-bar--position")),
            _piece(f" {self.store_state} ", self._style(store_style)),
            *(_piece(f" {note} ", self._style("status-bar--warning")) for note in self.notes),
        ]
        room = width - _width(right) - 1
        if room <= 4:
            return right
        label = one_line(self.title_text or self.doc_id, room, self.options, self._shapes)
        line: list[Piece] = [(" " + label.text, self._style("status-bar--title"), 1 + label.width)]
        used = label.width
        ident = one_line(self.doc_id, max(1, room - used - 3), self.options, self._shapes)
        if (
            self.title_text
            and ident.text
            and room - used > ident.width + 6
            and "…" not in ident.text
        ):
            line.append((f" · {ident.text}", self._style("status-bar--position"), ident.width + 3))
            used += ident.width + 3
        line.append(_piece(" " * max(0, room - used)))
        return line + right


#: A run of text, its component style (None: the bar's own) and the cells it takes.
Piece = tuple[str, Style | None, int]

# Characters one cell wide that the bar's own words hold ("¶3 ch 120/4021 · saved…"): text
# made only of them is measured by its length.
_ONE_CELL = frozenset(chr(c) for c in range(0x20, 0x7F)) | frozenset("¶·…←⊂[]")


def _cells(text: str) -> int:
    """Cells `text` takes: its length for the bar's own words, else as Rich measures it."""
    return len(text) if _ONE_CELL.issuperset(text) else cell_len(text)


def _piece(text: str, style: Style | None = None) -> Piece:
    return text, style, _cells(text)


def _width(pieces: list[Piece]) -> int:
    return sum(cells for _, _, cells in pieces)
