"""The note editor: one row where a note on a span or a document is typed, drawn through the
text engine.

Textual's Input draws text in logical order, unshaped: an Arabic note would read backwards.
Like the search field, this keeps the note as a string, edits it at its end (type, paste,
backspace, clear) and draws its last screen line with the engine. Enter saves (an empty
note removes it), Esc cancels; either gives the keyboard back to the article.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.widget import Widget

from reader.text.one_line import last_line
from reader.text.sanitise import sanitise
from reader.text.shaping import DisplayOptions, ShapeCache


class NoteEditor(Widget, can_focus=True):
    """Type a note; Enter saves, Esc cancels."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"note-editor--prompt", "note-editor--caret"}

    DEFAULT_CSS = """
    NoteEditor { split: bottom; height: 1; background: $panel; }
    NoteEditor > .note-editor--prompt { text-style: bold; color: $accent; }
    NoteEditor > .note-editor--caret { text-style: reverse; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "save", "Save the note (empty removes it)", show=False, id="note-save"),
        Binding("escape", "cancel", "Leave the note as it was", show=False, id="note-cancel"),
        Binding(
            "backspace",
            "delete_left",
            "Delete the last character of the note",
            show=False,
            id="note-delete-left",
        ),
        Binding("ctrl+u", "clear", "Clear the note", show=False, id="note-clear"),
    ]

    def __init__(self, options: DisplayOptions, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.options = options
        self._shapes = ShapeCache(options)
        self.prompt = ""
        self.typed = ""
        self._saved: Callable[[str], None] = lambda text: None
        self._return_to: Widget | None = None  # focused before the editor opened
        self.display = False

    def open(self, prompt: str, text: str, saved: Callable[[str], None]) -> None:
        """Show the field with the note so far and take the keyboard at once (keys typed in
        the same burst as the key that opened it are typed into the note)."""
        self.prompt, self.typed, self._saved = prompt, text, saved
        self._return_to = self.screen.focused
        self.display = True
        self.screen.set_focus(self)
        self.refresh()

    def close(self) -> None:
        self.display = False
        if self.screen.focused is self:
            self.screen.set_focus(self._return_to)

    def on_blur(self) -> None:
        """Focus went elsewhere (a click in the article): the note is left as it was."""
        self.display = False

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """Printable keys are typed into the note, never taken by a binding."""
        return self.display and character is not None and character.isprintable()

    def on_key(self, event: events.Key) -> None:
        if not (self.display and event.is_printable and event.character):
            return
        event.stop()
        event.prevent_default()
        self.typed += event.character
        self.refresh()

    def on_paste(self, event: events.Paste) -> None:
        event.stop()
        self.typed += " ".join(event.text.split())
        self.refresh()

    def action_delete_left(self) -> None:
        self.typed = self.typed[:-1]
        self.refresh()

    def action_clear(self) -> None:
        self.typed = ""
        self.refresh()

    def action_save(self) -> None:
        self.close()
        self._saved(self.typed)

    def action_cancel(self) -> None:
        self.close()

    def render(self) -> Text:
        width = self.size.width
        prompt = f" {sanitise(self.prompt)}: "
        field = max(2, width - len(prompt) - 1)
        shown, _caret = last_line(self.typed, field - 1, self.options, self._shapes)
        line = Text(no_wrap=True, overflow="crop", end="")
        line.append(prompt, self.get_component_rich_style("note-editor--prompt"))
        caret = self.get_component_rich_style("note-editor--caret")
        if shown.rtl and self.options.reorder:
            line.append(" " * max(0, field - shown.width - 1))
            line.append(" ", caret)
            line.append(shown.text)
        else:
            line.append(shown.text)
            line.append(" ", caret)
        line.truncate(width, pad=True)
        return line
