"""The search field: one row where the query is typed, drawn through the text engine.

Textual's Input draws text in logical order, unshaped: an Arabic query would read
backwards. This field keeps the query as a string and draws its last screen line with the
engine, caret at the logical end. It edits only at the end (type, backspace, clear), which
is all a search needs. It says what happens through small messages; the app searches.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widget import Widget

from reader.text.one_line import last_line
from reader.text.shaping import DisplayOptions, ShapeCache

PROMPT = " / "


class SearchBar(Widget, can_focus=True):
    """Type a query; Enter ends it, Escape cancels."""

    DEFAULT_CSS = """
    SearchBar {
        split: bottom;
        height: 1;
        background: $panel;
    }
    SearchBar > .search-bar--prompt {
        text-style: bold;
        color: $accent;
    }
    SearchBar > .search-bar--caret {
        text-style: reverse;
    }
    SearchBar > .search-bar--count {
        color: $text-muted;
    }
    SearchBar > .search-bar--none {
        color: $error;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "search-bar--prompt",
        "search-bar--caret",
        "search-bar--count",
        "search-bar--none",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter", "submit", "End the query and select the hit", show=False, id="search-submit"
        ),
        Binding("escape", "cancel", "Cancel the search", show=False, id="search-cancel"),
        Binding(
            "backspace",
            "delete_left",
            "Delete the last character of the query",
            show=False,
            id="search-delete-left",
        ),
        Binding("ctrl+u", "clear", "Clear the query", show=False, id="search-clear"),
    ]

    class Cancelled(Message):
        """Escape: forget the search."""

    class _Query(Message):
        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Changed(_Query):
        """The query changed (search as you type)."""

    class Submitted(_Query):
        """Enter: the query is final."""

    def __init__(self, options: DisplayOptions, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.options = options
        self._shapes = ShapeCache(options)
        self.typed = ""
        self.count = ""  # e.g. "3/17", or "no match"
        self._return_to: Widget | None = None  # focused before the field opened
        self.display = False  # until `/` opens it

    def open(self) -> None:
        """Show the field, empty, and take the keyboard at once: keys that arrive in the same
        burst as `/` (a fast typist, a slow SSH link) are typed into the query, never taken
        as bindings of the view (`Widget.focus` would only move focus after them)."""
        self.typed = ""
        self.count = ""
        self._return_to = self.screen.focused
        self.display = True
        self.screen.set_focus(self)
        self.refresh()

    def close(self) -> None:
        """Hide the field and give the keyboard back at once, to whoever had it."""
        if self.display:
            self.display = False
            if self.screen.focused is self:
                self.screen.set_focus(self._return_to)

    def show_count(self, count: str) -> None:
        if count != self.count:
            self.count = count
            self.refresh()

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """Printable keys are typed into the query, never taken by a binding."""
        return self.display and character is not None and character.isprintable()

    def _set(self, query: str) -> None:
        if query != self.typed:
            self.typed = query
            self.refresh()
            self._tell_app(self.Changed(query))

    def _tell_app(self, message: Message) -> None:
        """Post to the app itself, not bubbled through the screen: keys of the same burst that
        came after Enter are sent to the app too (`on_key`), and must reach it after this."""
        self.app.post_message(message)

    def on_key(self, event: events.Key) -> None:
        if not self.display:
            # Closed by an Enter or Escape in the same burst of keys: this key came after, so
            # it is a key press of its own (a label key to tag the hit, `/` for another
            # search). Sent again, it reaches the app after the query's messages, in order.
            event.stop()
            event.prevent_default()
            self.app.post_message(events.Key(event.key, event.character))
            return
        if event.key in ("enter", "escape", "backspace"):
            # Here, in the order keys arrived, not later through the bindings: a key typed
            # in the same burst right after Enter must find the search already ended.
            event.stop()
            event.prevent_default()
            {"enter": self.action_submit, "escape": self.action_cancel}.get(
                event.key, self.action_delete_left
            )()
            return
        if not (event.is_printable and event.character):
            return
        event.stop()
        event.prevent_default()
        self._set(self.typed + event.character)

    def on_paste(self, event: events.Paste) -> None:
        event.stop()
        first = event.text.splitlines()[0] if event.text else ""
        self._set(self.typed + first)

    def action_delete_left(self) -> None:
        self._set(self.typed[:-1])

    def action_clear(self) -> None:
        self._set("")

    def action_submit(self) -> None:
        self.close()
        self._tell_app(self.Submitted(self.typed))

    def action_cancel(self) -> None:
        self.close()
        self._tell_app(self.Cancelled())

    def render(self) -> Text:
        width = self.size.width
        prompt_style = self.get_component_rich_style("search-bar--prompt", partial=True)
        count_style = self.get_component_rich_style(
            "search-bar--none" if self.count == "no match" else "search-bar--count", partial=True
        )
        count = f" {self.count} " if self.count else ""
        field = max(1, width - len(PROMPT) - len(count) - 1)
        shown, _caret = last_line(self.typed, field - 1, self.options, self._shapes)
        line = Text(no_wrap=True, overflow="crop", end="")
        line.append(PROMPT, prompt_style)
        caret_style = self.get_component_rich_style("search-bar--caret", partial=True)
        if shown.rtl and self.options.reorder:
            # right-aligned in the field; the caret (logical end) sits left of the text
            pad = field - shown.width - 1
            line.append(" " * max(0, pad))
            line.append(" ", caret_style)
            line.append(shown.text)
        else:
            line.append(shown.text)
            line.append(" ", caret_style)
            line.append(" " * max(0, field - shown.width - 1))
        line.append(count, count_style)
        line.truncate(width, pad=True)
        return line
