"""The documents panel: every open document with its status and span count.

An OptionList whose prompts are plain Rich Text (never markup): the title laid out by
the text engine (right-aligned when it reads right to left), then a dim line with the
status, the number of spans and the id (controls replaced by visible symbols). Textual's
own OptionList bindings have no ids, so the ones kept are declared again here with ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.editing.library import Entry
from reader.text.one_line import one_line
from reader.text.sanitise import sanitise
from reader.text.shaping import DisplayOptions, ShapeCache

STATUS_NAMES = {"todo": "to do", "in_progress": "in progress", "done": "done", "skipped": "skipped"}


class DocumentsPanel(OptionList, inherit_bindings=False):
    """The list of documents; Enter (or a click) opens one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "down",
            "cursor_down",
            "Next document in the list",
            show=False,
            id="documents-cursor-down",
        ),
        Binding(
            "up", "cursor_up", "Previous document in the list", show=False, id="documents-cursor-up"
        ),
        Binding("home", "first", "First document in the list", show=False, id="documents-first"),
        Binding("end", "last", "Last document in the list", show=False, id="documents-last"),
        Binding(
            "pagedown", "page_down", "One page down the list", show=False, id="documents-page-down"
        ),
        Binding("pageup", "page_up", "One page up the list", show=False, id="documents-page-up"),
        Binding(
            "enter", "select", "Open the highlighted document", show=False, id="documents-open"
        ),
    ]

    @dataclass
    class Open(Message):
        """Open document number `index`."""

        index: int

    def __init__(self, options: DisplayOptions, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.display_options = options
        self._shapes = ShapeCache(options)
        self._entries: list[Entry] = []
        self._current = 0

    def show(self, entries: list[Entry], current: int) -> None:
        """List `entries`, marking number `current` as the one open."""
        self._entries, self._current = entries, current
        self._rebuild()

    def _prompt(self, entry: Entry, index: int, width: int) -> Text:
        title = one_line(entry.title or entry.id, width, self.display_options, self._shapes)
        prompt = Text(no_wrap=True, overflow="crop", end="")
        style = Style(bold=True) if index == self._current else Style()
        if title.rtl and self.display_options.reorder:
            prompt.append(" " * max(0, width - title.width))
        prompt.append(title.text, style)
        status = STATUS_NAMES.get(entry.status, sanitise(entry.status))
        spans = "1 span" if entry.span_count == 1 else f"{entry.span_count} spans"
        details = f"{status} · {spans} · " if entry.error is None else "cannot be read · "
        ident = one_line(entry.id, max(1, width - len(details)), self.display_options, self._shapes)
        prompt.append("\n")
        prompt.append(details + ident.text, Style(dim=True))
        return prompt

    def _rebuild(self) -> None:
        width = max(8, self.scrollable_content_region.width - 2 if self.size.width else 28)
        highlighted = self.highlighted
        self.clear_options()
        self.add_options(
            Option(self._prompt(entry, i, width), id=str(i))
            for i, entry in enumerate(self._entries)
        )
        if self._entries:
            self.highlighted = (
                highlighted
                if highlighted is not None and highlighted < len(self._entries)
                else self._current
            )

    def update_entry(self, index: int, entry: Entry) -> None:
        """Show one entry's new status or span count (the others are left as they are)."""
        if 0 <= index < len(self._entries) and index < self.option_count:
            width = max(8, self.scrollable_content_region.width - 2 if self.size.width else 28)
            self.replace_option_prompt_at_index(index, self._prompt(entry, index, width))

    def on_resize(self, event: events.Resize) -> None:
        if self._entries:
            self._rebuild()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Open(event.option_index))
