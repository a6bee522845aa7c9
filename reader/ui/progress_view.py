"""The progress view (`show-progress`): spans per label, documents by status, per day and per
annotator, as bars, over the whole store.

The numbers are `reader.progress.summarise` over the store the app has open (read-only or not),
counted when the view opens, in a thread (every document's spans are read: on a big store
that takes a while, and the app stays responsive); the picture is `ProgressReport`, the same
renderable a terminal gets from `reader stats`. Esc (or the key that opened it) closes it.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.progress import ProgressReport, summarise
from reader.ui.app import ReaderApp

DAYS = 10  # days of spans drawn: with four labels, the whole view fits 24 rows


class ProgressScreen(ModalScreen[None]):
    """The progress of the store the app has open, as bars."""

    DEFAULT_CSS = """
    ProgressScreen { align: center middle; }
    ProgressScreen > VerticalScroll {
        width: 100%; max-width: 110; height: 100%; max-height: 40;
        border: round $accent; border-title-align: center; background: $surface; padding: 0 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f4", "dismiss", "Close the progress view", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="progress-body"):
            yield Static(id="progress-report")

    def on_mount(self) -> None:
        body = self.query_one(VerticalScroll)
        body.border_title = "progress (Esc closes)"
        self.query_one("#progress-report", Static).update(Text("Counting…", style="dim"))
        body.focus()
        self.run_worker(self._count, thread=True, exclusive=True)

    def _count(self) -> None:
        report = self.report()
        self.app.call_from_thread(self.query_one("#progress-report", Static).update, report)

    def report(self) -> ProgressReport | Text:
        """The bars for the app's store, or why there are none."""
        app = self.app
        assert isinstance(app, ReaderApp)
        store = app.library.store
        if store is None:
            return Text("No store is open yet: nothing to count.")
        config = app.config
        colours = {label.name: label.colour for label in config.labels}
        progress = summarise(store, config.label_names)
        return ProgressReport(progress, colours, app.options, days=DAYS)
