"""A list drawn line by line: items of a few rows each, a cursor, keys to move it, Enter.

The documents panel (10,000 documents) and the spans panel (10,000 spans) both list more
than an OptionList can build at every change, so they are Line API scroll views: a row is
drawn when it is on screen, and cached by what it shows. This base holds the cursor and
its keys; a subclass says how many items there are, draws a row, and says what Enter does.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.cache import LRUCache
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip


class ListPanel(ScrollView, can_focus=True, inherit_bindings=False):
    """Items of `ROWS` screen rows each, with a cursor (subclasses bind the actions)."""

    DEFAULT_CSS = """
    ListPanel {
        split: right;
        border: none;
        border-left: vkey $panel;
        background: $surface;
        scrollbar-size-vertical: 1;
    }
    ListPanel:focus {
        border: none;
        border-left: vkey $accent;
    }
    """

    ROWS: ClassVar[int] = 1  # screen rows per item

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.cursor = 0
        self._cache: LRUCache[tuple[object, ...], Strip] = LRUCache(512)

    @property
    def item_count(self) -> int:
        """How many items the list holds."""
        raise NotImplementedError

    def activate(self, position: int) -> None:
        """What Enter (or a click) does to item `position`."""
        raise NotImplementedError

    def changed(self) -> None:
        """The items changed: size and rows again (rows are cached by content, so few redraw)."""
        self.cursor = max(0, min(self.cursor, self.item_count - 1))
        rows = max(1, self.item_count * self.ROWS)
        self.virtual_size = Size(self.scrollable_content_region.width, rows)
        self.refresh()

    def move_cursor(self, position: int) -> None:
        """Put the cursor on item `position`, scrolled into view."""
        old = self.cursor
        self.cursor = max(0, min(position, self.item_count - 1))
        top, height = round(self.scroll_offset.y), max(1, self.scrollable_content_region.height)
        first, last = self.cursor * self.ROWS, self.cursor * self.ROWS + self.ROWS - 1
        if first < top:
            self.scroll_to(y=first, animate=False, immediate=True)
        elif last >= top + height:
            self.scroll_to(y=last - height + 1, animate=False, immediate=True)
        for position in (old, self.cursor):
            self.refresh_lines(position * self.ROWS, self.ROWS)

    def action_cursor(self, step: int) -> None:
        self.move_cursor(self.cursor + step)

    def action_page(self, step: int) -> None:
        page = max(1, self.scrollable_content_region.height // self.ROWS - 1)
        self.move_cursor(self.cursor + step * page)

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(self.item_count - 1)

    def action_open(self) -> None:
        if self.item_count:
            self.activate(self.cursor)

    def item_at(self, event: events.Click) -> int | None:
        """The item under a click, if any."""
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        position = (offset.y + round(self.scroll_offset.y)) // self.ROWS
        return position if 0 <= position < self.item_count else None

    def on_resize(self, event: events.Resize) -> None:
        self._cache.clear()
        self.changed()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
