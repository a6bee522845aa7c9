"""The spans panel: the current document's spans in text order; Enter jumps to one, x deletes it
(or rejects a suggestion).

After the spans come the document's pending suggestions, in text order too: marked "?",
their label drawn as the article draws suggestions (underlined; dim without colour) and
their text dim, so they never read as annotations, with or without colour; Enter goes to
one in the article (where Enter accepts it). They are the suggestion keys' own index, so
the list follows accept, reject and undo.

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
from textual.message import Message
from textual.strip import Strip

from reader.editing.linking import RelationIndex
from reader.editing.span_index import SpanIndex
from reader.store.model import SpanRecord
from reader.text.one_line import one_line
from reader.text.shaping import DisplayOptions, ShapeCache
from reader.ui.annotations import LINKED, SpanLooks
from reader.ui.list_panel import ListPanel

LABEL_WIDTH = 7  # cells for the label name (longer names are cut)
ORPHANED = "⚠"  # a span whose text is no longer in the document
LINKED_FROM, LINKED_TO, NOTED = "←", "→", "✎"  # marks: a link starts here, ends here; a note
SUGGESTED = "?"  # mark: a suggestion, not an annotation (yet)
DIM = Style(dim=True)


class SpansPanel(ListPanel):
    """The spans of the open document, one per row."""

    DEFAULT_CSS = """
    SpansPanel {
        width: 34;
    }
    SpansPanel > .spans-panel--cursor {
        background: $accent 30%;
        text-style: bold;
    }
    SpansPanel:focus > .spans-panel--cursor {
        background: $accent 60%;
    }
    SpansPanel:nocolor > .spans-panel--cursor {
        text-style: bold reverse;
    }
    SpansPanel > .spans-panel--empty {
        color: $text-muted;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"spans-panel--cursor", "spans-panel--empty"}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(keys, action, description, show=False, id=binding_id)
        for keys, action, description, binding_id in (
            ("down", "cursor(1)", "Next span in the list", "spans-cursor-down"),
            ("up", "cursor(-1)", "Previous span in the list", "spans-cursor-up"),
            ("home", "first", "First span in the list", "spans-first"),
            ("end", "last", "Last span in the list", "spans-last"),
            ("pagedown", "page(1)", "One page down the list", "spans-page-down"),
            ("pageup", "page(-1)", "One page up the list", "spans-page-up"),
            ("enter", "open", "Go to the span in the article", "spans-open"),
            ("x,delete", "delete", "Delete the span (reject a suggestion)", "spans-delete"),
        )
    ]

    @dataclass
    class Jump(Message):
        """Show span `span_id` in the article."""

        span_id: str

    @dataclass
    class GoToSuggestion(Message):
        """Show suggestion `suggestion_id` in the article, focused."""

        suggestion_id: str

    @dataclass
    class Delete(Message):
        """Delete span `span_id`."""

        span_id: str

    @dataclass
    class RejectSuggestion(Message):
        """Reject suggestion `suggestion_id` (never proposed again)."""

        suggestion_id: str

    def __init__(self, options: DisplayOptions, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.options = options
        self._shapes = ShapeCache(options)
        self.index = SpanIndex()
        self.looks: SpanLooks | None = None
        self.relations = RelationIndex()  # the open document's links, for the marks
        self.suggestions = SpanIndex()  # the open document's pending ones, listed after the spans

    # -- what it lists -----------------------------------------------------------------------------

    def show(
        self, index: SpanIndex, looks: SpanLooks, relations: RelationIndex | None = None
    ) -> None:
        """List the spans of `index` (a new document, or new looks) and mark their links."""
        self.index, self.looks = index, looks
        self.relations = RelationIndex() if relations is None else relations
        self.suggestions = SpanIndex()  # until the document's are listed (`list_suggestions`)
        self.cursor = 0
        self._cache.clear()
        self.changed()
        self.scroll_to(y=0, animate=False, immediate=True)

    def list_suggestions(self, suggestions: SpanIndex) -> None:
        """List these pending suggestions after the spans. The suggestion keys change this index
        in place, so `changed` is enough to follow them."""
        self.suggestions = suggestions
        self.changed()

    @property
    def item_count(self) -> int:
        return len(self.index) + len(self.suggestions)

    def _item(self, position: int) -> tuple[SpanRecord, bool]:
        """The span or suggestion at `position`, and whether it is a suggestion."""
        spans = len(self.index)
        if position < spans:
            return self.index[position], False
        return self.suggestions[position - spans], True

    def follow(self, span_id: str | None) -> None:
        """Put the list's cursor on a span or a suggestion (the one focused in the article)."""
        position = None if span_id is None else self.index.position(span_id)
        if position is None and span_id is not None:
            position = self.suggestions.position(span_id)
            position = None if position is None else len(self.index) + position
        if position is not None and position != self.cursor:
            self.move_cursor(position)

    # -- keys --------------------------------------------------------------------------------------

    def activate(self, position: int) -> None:
        item, suggested = self._item(position)
        self.post_message(self.GoToSuggestion(item["id"]) if suggested else self.Jump(item["id"]))

    def action_delete(self) -> None:
        if not self.item_count:
            return
        item, suggested = self._item(self.cursor)
        if suggested:
            self.post_message(self.RejectSuggestion(item["id"]))
        else:
            self.post_message(self.Delete(item["id"]))

    def on_click(self, event: events.Click) -> None:
        position = self.item_at(event)
        if position is not None:
            self.move_cursor(position)
            if event.chain == 2:
                self.activate(position)

    # -- drawing -----------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        position = round(self.scroll_offset.y) + y
        base = self.rich_style
        if not self.item_count or self.looks is None:
            if y:
                return Strip.blank(width, base)
            style = base + self.get_component_rich_style("spans-panel--empty", partial=True)
            return Strip([Segment(" no spans yet", style)]).adjust_cell_length(width, base)
        if position >= self.item_count:
            return Strip.blank(width, base)
        span, suggested = self._item(position)
        cursor = position == self.cursor
        key = (
            suggested,
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
            strip = self._cache[key] = self._draw(span, width, cursor, base, suggested)
        return strip

    def _draw(
        self, span: SpanRecord, width: int, cursor: bool, base: Style, suggested: bool
    ) -> Strip:
        assert self.looks is not None
        row = (
            base + self.get_component_rich_style("spans-panel--cursor", partial=True)
            if cursor
            else base
        )
        name = span["label"][:LABEL_WIDTH]
        looks = self.looks
        segments = [
            Segment(" ", row),
            Segment(
                name,
                row
                + (looks.suggestion(span["label"]) if suggested else looks.swatch(span["label"])),
            ),
            Segment(" " * (LABEL_WIDTH - len(name) + 1), row),
        ]
        room = max(1, width - LABEL_WIDTH - 2)
        marks = SUGGESTED + " " if suggested else self._marks(span)
        if suggested:
            row += DIM  # the mark and the text: a suggestion reads fainter than a span
            segments.append(Segment(marks + " ", row))
            room -= len(marks) + 1
        elif marks.strip():
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
