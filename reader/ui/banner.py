"""The read-only banner: one row across the top, there only while nothing can be saved.

When another process holds the store, the app still opens (read-only) so the articles and
their spans can be read; the banner says so, and who holds it, before anyone starts tagging.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from reader.text.sanitise import sanitise


def read_only_message(holder: str | None) -> str:
    """What the banner says: read-only, who holds the store, and what to do."""
    who = f"the store is locked by {holder}" if holder else "the store cannot be written"
    return (
        f"READ-ONLY: {who}; nothing can be tagged or changed here. When that reader quits,"
        " this one takes over and saves again."
    )


class ReadOnlyBanner(Widget):
    """Shown when the store is read-only; hidden otherwise."""

    DEFAULT_CSS = """
    ReadOnlyBanner {
        split: top;
        height: auto;
        background: $error;
        color: $text;
        text-style: bold;
    }
    ReadOnlyBanner:nocolor {
        text-style: bold reverse;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.message = ""
        self.display = False

    def show_holder(self, read_only: bool, holder: str | None = None) -> None:
        """Show the banner (read-only, held by `holder`), or hide it."""
        self.message = read_only_message(holder) if read_only else ""
        self.display = read_only
        self.refresh()

    def render(self) -> Text:
        return Text(" " + sanitise(self.message), end="")  # wraps: a long host name takes two rows
