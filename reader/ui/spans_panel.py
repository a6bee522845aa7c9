"""The spans panel: the current document's spans in text order; Enter jumps to one, x deletes it.

Each row also says whether the span is linked ("←" a claim with its speaker, "→" a span
another links to) and whether it has a note ("✎"); the marks of the spans linked to the one
focused in the article are drawn as the article draws those spans (reversed, underlined).

A Line API scroll view over the document's `SpanIndex`, so a document with 10,000 spans lists
them without building 10,000 widgets or laying out 10,000 strings: only the rows on screen
are drawn, each once (cached). A row is the label, drawn as its spans are (colour, or the
attribute cue without colour), then the span's text laid out by the text engine, so Arabic
reads right to left, shaped, and no control character reaches the terminal. Textual's list
bindings are declared again here, with ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.editing.linking import RelationIndex
from reader.editing.span_index import SpanIndex
from reader.store.model import SpanRecord
from reader.text.one_line import one_line
from reader.text.shaping import DisplayOptions, ShapeCache
from reader.ui.annotations import LINKED, SpanLooks

LABEL_WIDTH = 7  # cells for the label name (longer names are cut)
ORPHANED = "⚠"  # a span whose text is no longer in the document
LINKED_FROM, LINKED_TO, NOTED = "←", "→", "✎"  # marks: a link starts here, ends here; a note


class SpansPanel(ScrollView, can_focus=True, inherit_bindings=False):
    """The spans of the open document, one per row."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"spans-panel--cursor", "spans-panel--empty"}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor(1)", "Next span in the list", show=False, id="spans-cursor-down"),
        Binding("up", "cursor(-1)", "Previous span in the list", show=False, id="spans-cursor-up"),
        Binding("home", "first", "First span in the list", show=False, id="spans-first"),
        Binding("end", "last", "Last span in the list", show=False, id="spans-last"),
        Binding("pagedown", "page(1)", "One page down the list", show=False, id="spans-page-down"),
        Binding("pageup", "page(-1)", "One page up the list", show=False, id="spans-page-up"),
        Binding("enter", "open", "Go to the span in the article", show=False, id="spans-open"),
        Binding("x,delete", "delete", "Delete the span", show=False, id="spans-delete"),
    ]

    @dataclass
    class Jump(Message):
        """Show span `span_id` in the article."""

        span_id: str

    @dataclass
    class Delete(Message):
        """Delete span `span_id`."""

        span_id: str

    def __init__(self, options: DisplayOptions, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.options = options
        self._shapes = ShapeCache(options)
        self.index = SpanIndex()
        self.looks: SpanLooks | None = None
        self.relations = RelationIndex()  # the open document's links, for the marks
        self.cursor = 0
        self._cache: LRUCache[tuple[object, ...], Strip] = LRUCache(256)

    # -- what it lists -----------------------------------------------------------------------------

    def show(
        self, index: SpanIndex, looks: SpanLooks, relations: RelationIndex | None = None
    ) -> None:
        """List the spans of `index` (a new document, or new looks) and mark their links."""
        self.index, self.looks = index, looks
        self.relations = RelationIndex() if relations is None else relations
        self.cursor = 0
        self._cache.clear()
        self.changed()
        self.scroll_to(y=0, animate=False, immediate=True)

    def changed(self) -> None:
        """The index changed: size and rows again (rows are cached by content, so few redraw)."""
        self.cursor = max(0, min(self.cursor, len(self.index) - 1))
        self.virtual_size = Size(self.scrollable_content_region.width, max(1, len(self.index)))
        self.refresh()

    def follow(self, span_id: str | None) -> None:
        """Put the list's cursor on a span (the one focused in the article)."""
        position = None if span_id is None else self.index.position(span_id)
        if position is not None and position != self.cursor:
            self._move(position)

    @property
    def current(self) -> str | None:
        """The id of the span under the list's cursor."""
        return self.index[self.cursor]["id"] if len(self.index) else None

    # -- keys --------------------------------------------------------------------------------------

    def _move(self, position: int) -> None:
        old = self.cursor
        self.cursor = max(0, min(position, len(self.index) - 1))
        top, height = round(self.scroll_offset.y), max(1, self.scrollable_content_region.height)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)
        self.refresh_lines(old)
        self.refresh_lines(self.cursor)

    def action_cursor(self, step: int) -> None:
        self._move(self.cursor + step)

    def action_page(self, step: int) -> None:
        self._move(self.cursor + step * max(1, self.scrollable_content_region.height - 1))

    def action_first(self) -> None:
        self._move(0)

    def action_last(self) -> None:
        self._move(len(self.index) - 1)

    def action_open(self) -> None:
        if self.current is not None:
            self.post_message(self.Jump(self.current))

    def action_delete(self) -> None:
        if self.current is not None:
            self.post_message(self.Delete(self.current))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        position = offset.y + round(self.scroll_offset.y)
        if 0 <= position < len(self.index):
            self._move(position)
            if event.chain == 2:
                self.action_open()

    def on_resize(self, event: events.Resize) -> None:
        self._cache.clear()
        self.changed()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    # -- drawing -----------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        position = round(self.scroll_offset.y) + y
        base = self.rich_style
        if not len(self.index) or self.looks is None:
            if y:
                return Strip.blank(width, base)
            style = base + self.get_component_rich_style("spans-panel--empty", partial=True)
            return Strip([Segment(" no spans yet", style)]).adjust_cell_length(width, base)
        if position >= len(self.index):
            return Strip.blank(width, base)
        span = self.index[position]
        cursor = position == self.cursor
        key = (
            span["id"],
            span["start"],
            span["end"],
            span["label"],
            span.get("orphaned"),
            self._marks(span),
            span["id"] in self.looks.linked,
            width,
            cursor,
            self.has_focus,
        )
        strip = self._cache.get(key)
        if strip is None:
            strip = self._cache[key] = self._draw(span, width, cursor, base)
        return strip

    def _draw(self, span: SpanRecord, width: int, cursor: bool, base: Style) -> Strip:
        assert self.looks is not None
        row = (
            base + self.get_component_rich_style("spans-panel--cursor", partial=True)
            if cursor
            else base
        )
        name = span["label"][:LABEL_WIDTH]
        segments = [
            Segment(" ", row),
            Segment(name, row + self.looks.swatch(span["label"])),
            Segment(" " * (LABEL_WIDTH - len(name) + 1), row),
        ]
        room = max(1, width - LABEL_WIDTH - 2)
        marks = self._marks(span)
        if marks.strip():
            partner = span["id"] in self.looks.linked  # linked to the span focused in the article
            segments.append(Segment(marks, row + (LINKED if partner else Style(bold=True))))
            segments.append(Segment(" ", row))
            room -= len(marks) + 1
        if span.get("orphaned"):
            segments.append(Segment(ORPHANED + " ", row))
            room -= 2
        shown = one_line(span["text"], room, self.options, self._shapes)
        if shown.rtl and self.options.reorder:
            segments.append(Segment(" " * max(0, room - shown.width), row))
        segments.append(Segment(shown.text, row))
        return Strip(segments).adjust_cell_length(width, row)

    def _marks(self, span: SpanRecord) -> str:
        """Two cells: the link mark (← from, → to), the note mark."""
        relations = self.relations
        link = (
            LINKED_FROM
            if relations.has_source(span["id"])
            else LINKED_TO
            if relations.of(span["id"])
            else " "
        )
        return link + (NOTED if span.get("note") else " ")

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
