"""`?` help: every key the app answers to, generated from the live bindings.

Nothing here is written by hand: the screen walks the app, the main screen's widgets and
itself, applies the keymap in force (keymap file, config overrides, Arabic-layout twins)
the way Textual does on each key press, and lists each binding id with its keys and
description. A keymap change shows up here at once, so the help is never wrong.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.ui.keymap import keys_by_id

# What each kind of node's bindings are about, in the order shown.
SECTIONS: dict[str, str] = {
    "ReaderApp": "Everywhere (annotating too)",
    "ArticleView": "Reading: caret, selection, span focus",
    "SearchBar": "While typing a search",
    "LinkBar": "While choosing a link",
    "NoteEditor": "While writing a note",
    "DocumentsPanel": "In the documents list",
    "SpansPanel": "In the spans list",
    "ReaderScreen": "Focus",
    "HelpScreen": "This help",
    "HelpScroll": "This help",
}


class HelpScroll(VerticalScroll, inherit_bindings=False):
    """The help's scrolling body; Textual's scroll bindings declared again, with ids."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "scroll_down", "Scroll the help down", show=False, id="help-scroll-down"),
        Binding("up", "scroll_up", "Scroll the help up", show=False, id="help-scroll-up"),
        Binding("pagedown", "page_down", "One page down the help", show=False, id="help-page-down"),
        Binding("pageup", "page_up", "One page up the help", show=False, id="help-page-up"),
        Binding("home", "scroll_home", "Top of the help", show=False, id="help-top"),
        Binding("end", "scroll_end", "Bottom of the help", show=False, id="help-bottom"),
    ]


class HelpScreen(ModalScreen[None], inherit_bindings=False):
    """The keys, by where they work."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
    }
    HelpScroll {
        width: 100%;
        max-width: 110;
        height: 100%;
        max-height: 40;
        border: round $accent;
        border-title-align: center;
        background: $surface;
        padding: 0 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark", "dismiss", "Close the help", show=False, id="help-close"),
    ]

    def __init__(self, nodes: Iterable[DOMNode]) -> None:
        super().__init__()
        self._sources = list(nodes)

    def compose(self) -> ComposeResult:
        with HelpScroll(id="help-body"):
            yield Static(id="help-table")

    def on_mount(self) -> None:
        body = self.query_one(HelpScroll)
        body.border_title = "keys (from the live bindings; Esc closes)"
        self.query_one("#help-table", Static).update(self.table())
        body.focus()

    def table(self) -> Group:
        """The bindings of every node (and of this screen), keymap applied, by section."""
        keymap = getattr(self.app, "_keymap", {})  # exactly what Textual applies on key presses
        nodes = [*self._sources, self, *self.query(HelpScroll)]
        rows: dict[str, list[tuple[str, Binding, list[str]]]] = {}
        seen: set[tuple[str, str]] = set()
        for node in nodes:
            section = next(  # a subclass (the app made per config) shows as its base
                (SECTIONS[c.__name__] for c in type(node).__mro__ if c.__name__ in SECTIONS),
                type(node).__name__,
            )
            for binding, keys in keys_by_id(node._bindings, keymap):
                name = binding.id or binding.action
                if (section, name) in seen:
                    continue
                seen.add((section, name))
                rows.setdefault(section, []).append((name, binding, keys))
        order = list(dict.fromkeys(SECTIONS.values()))
        tables = []
        for section in sorted(rows, key=lambda s: order.index(s) if s in order else len(order)):
            table = Table(
                box=None,
                expand=True,
                show_header=False,
                padding=(0, 1),
                title=section,
                title_justify="left",
                title_style="bold underline",
            )
            table.add_column("keys", width=14)
            table.add_column("what", ratio=1)
            table.add_column("id", width=21, no_wrap=True, style="dim")
            for name, binding, keys in rows[section]:
                shown = "  ".join(key_display(self.app, binding, key) for key in keys)
                table.add_row(Text(shown), Text(binding.description or binding.action), Text(name))
            tables.append(table)
        return Group(*tables)


def key_display(app: App[object], binding: Binding, key: str) -> str:
    """How a key is shown: Textual's display, or the character a named key types ("؟")."""
    shown = app.get_key_display(binding.with_key(key))
    if "_" in shown and "+" not in shown:
        try:
            return unicodedata.lookup(shown.replace("_", " ").upper())
        except KeyError:
            pass
    return shown
