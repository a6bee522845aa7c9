"""UI test helpers: the app built by the real factory, on fixture files, with no user config."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from reader.config import Config
from reader.text.shaping import DisplayOptions
from reader.ui.app import ReaderApp, make_app

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def _no_user_files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the developer's config or store."""
    monkeypatch.setenv("READER_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.setenv("READER_STORE", str(tmp_path / "store.json"))
    monkeypatch.setenv("READER_STATE", str(tmp_path / "state"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    # Full colour whatever terminal runs the tests, so pictures are the same everywhere
    # (a test asks for 16 colours or NO_COLOR itself).
    monkeypatch.setattr("textual.constants.COLOR_SYSTEM", "truecolor")
    # No suggestions computed on open (a worker's timing): test_suggestions turns them on.
    monkeypatch.setattr("reader.ui.suggesting.SUGGEST_ON_OPEN", False)


def build(
    paths: Sequence[Path | str] | None = None,
    config: Config | None = None,
    options: DisplayOptions | None = None,
    store=None,
) -> ReaderApp:
    """The app on fixture files (default: harakat.txt), no store unless given."""
    paths = [FIXTURES / "harakat.txt"] if paths is None else paths
    return make_app(
        paths, config or Config(store_path=Path("/nonexistent/store.json")), options, store
    )


def fixture(name: str) -> Path:
    return FIXTURES / name


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
