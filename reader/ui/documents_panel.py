"""The documents panel: every open document with its status and span count.

Two rows a document: the title (laid out through the text engine, so Arabic reads right to
left and no control character reaches the terminal), then its status, span count and id,
dim. The one open is bold. Rows are drawn only when on screen (a `ListPanel`), so moving
between documents costs the same with ten of them or ten thousand. Enter or a click opens
the document under the cursor.
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

from reader.editing.library import Entry
from reader.store.status import status_display
from reader.text.one_line import one_line
from reader.text.sanitise import sanitise
from reader.text.shaping import DisplayOptions, ShapeCache
from reader.ui.list_panel import ListPanel


class DocumentsPanel(ListPanel):
    """The list of documents; Enter (or a click) opens one."""

    DEFAULT_CSS = """
    DocumentsPanel {
        width: 32;
    }
    DocumentsPanel > .documents-panel--cursor {
        background: $block-cursor-blurred-background;
    }
    DocumentsPanel:focus > .documents-panel--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    DocumentsPanel:nocolor > .documents-panel--cursor {
        text-style: reverse;
    }
    """

    ROWS = 2
    COMPONENT_CLASSES: ClassVar[set[str]] = {"documents-panel--cursor"}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(keys, action, description, show=False, id=binding_id)
        for keys, action, description, binding_id in (
            ("down", "cursor(1)", "Next document in the list", "documents-cursor-down"),
            ("up", "cursor(-1)", "Previous document in the list", "documents-cursor-up"),
            ("home", "first", "First document in the list", "documents-first"),
            ("end", "last", "Last document in the list", "documents-last"),
            ("pagedown", "page(1)", "One page down the list", "documents-page-down"),
            ("pageup", "page(-1)", "One page up the list", "documents-page-up"),
            ("enter", "open", "Open the highlighted document", "documents-open"),
        )
    ]

    @dataclass
    class Open(Message):
        """Open document number `index`."""

        index: int

    def __init__(self, options: DisplayOptions, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.display_options = options
        self._shapes = ShapeCache(options)
        self._entries: list[Entry] = []
        self._current = 0

    @property
    def item_count(self) -> int:
        return len(self._entries)

    def show(self, entries: list[Entry], current: int) -> None:
        """List `entries`, marking number `current` as the one open (the cursor goes there)."""
        moved = current != self._current
        self._entries, self._current = entries, current
        self.changed()
        if moved or not 0 <= self.cursor < len(entries):
            self.move_cursor(current)

    def update_entry(self, index: int, entry: Entry) -> None:
        """One entry's status or span count changed: its rows are drawn again."""
        if 0 <= index < len(self._entries):
            self.refresh_lines(index * self.ROWS, self.ROWS)

    def activate(self, position: int) -> None:
        self.post_message(self.Open(position))

    def on_click(self, event: events.Click) -> None:
        position = self.item_at(event)
        if position is not None:
            self.move_cursor(position)
            self.activate(position)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        row = round(self.scroll_offset.y) + y
        position, part = divmod(row, self.ROWS)
        base = self.rich_style
        if position >= len(self._entries):
            return Strip.blank(width, base)
        entry = self._entries[position]
        cursor = position == self.cursor
        key = (
            position,
            part,
            width,
            cursor,
            position == self._current,
            self.has_focus,
            entry.id,
            entry.title,
            entry.status,
            entry.span_count,
            entry.error,
        )
        strip = self._cache.get(key)
        if strip is None:
            style = base
            if cursor:
                style += self.get_component_rich_style("documents-panel--cursor", partial=True)
            strip = self._cache[key] = self._draw(entry, part, width, style, position)
        return strip

    def _draw(self, entry: Entry, part: int, width: int, style: Style, position: int) -> Strip:
        room = max(1, width - 2)
        segments = [Segment(" ", style)]
        if part == 0:
            title = one_line(entry.title or entry.id, room, self.display_options, self._shapes)
            if title.rtl and self.display_options.reorder:
                segments.append(Segment(" " * max(0, room - title.width), style))
            bold = Style(bold=True) if position == self._current else Style()
            segments.append(Segment(title.text, style + bold))
        else:
            status = sanitise(status_display(entry.status))
            spans = "1 span" if entry.span_count == 1 else f"{entry.span_count} spans"
            details = f"{status} · {spans} · " if entry.error is None else "cannot be read · "
            ident = one_line(
                entry.id, max(1, room - len(details)), self.display_options, self._shapes
            )
            segments.append(Segment(details + ident.text, style + Style(dim=True)))
        return Strip(segments).adjust_cell_length(width, style)
