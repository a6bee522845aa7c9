"""Every test runs away from the developer's own files: no user config, store or positions."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the user's config, store or saved carets, and none inherits
    the developer's NO_COLOR (a test that wants it sets it)."""
    monkeypatch.setenv("READER_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.delenv("READER_STORE", raising=False)
    monkeypatch.setenv("READER_STATE", str(tmp_path / "state"))
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def anyio_backend() -> str:
    """The async UI tests run on asyncio (anyio's pytest plugin)."""
    return "asyncio"


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """Where a test's store goes (its folder does not exist yet)."""
    return tmp_path / "data" / "store.json"
