"""The app as the UI tests use it: built by the real factory, on fixture files."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from textual.pilot import Pilot

from reader.config import Config
from reader.store import AnnotationStore
from reader.text.shaping import DisplayOptions
from reader.ui.app import ReaderApp, make_app

FIXTURES = Path(__file__).resolve().parent.parent / "ui" / "fixtures"


def build(
    paths: Sequence[Path | str] | None = None,
    config: Config | None = None,
    options: DisplayOptions | None = None,
    store: AnnotationStore | Callable[[], AnnotationStore] | None = None,
) -> ReaderApp:
    """The app on fixture files (default: harakat.txt), no store unless given (a function
    that opens it: opened after the first paint, as the command does)."""
    paths = [FIXTURES / "harakat.txt"] if paths is None else paths
    return make_app(
        paths, config or Config(store_path=Path("/nonexistent/store.json")), options, store
    )


def fixture(name: str) -> Path:
    return FIXTURES / name


def status_text(app: ReaderApp) -> str:
    """Both rows of the status bar as plain text, one per line."""
    rows = (app.status_bar.render_line(y) for y in (0, 1))
    return "\n".join("".join(segment.text for segment in row) for row in rows).rstrip()


def said(app: ReaderApp) -> str:
    """Every notification shown so far, one per line."""
    return "\n".join(notification.message for notification in app._notifications)


async def ready(pilot: Pilot[None]) -> None:
    """Wait until the app has painted and its workers (store, suggestions) are done."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def use_colours(mode: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the app with 256 colours, 16 colours or NO_COLOR ("color": full colour, as set)."""
    if mode == "256-colours":
        monkeypatch.setattr("textual.constants.COLOR_SYSTEM", "256")
    elif mode == "16-colours":
        monkeypatch.setattr("textual.constants.COLOR_SYSTEM", "standard")
    elif mode == "no-color":
        monkeypatch.setenv("NO_COLOR", "1")
