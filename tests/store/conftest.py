"""Fixtures for the store tests: no user config or store, and a fresh store path."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads the user's config or store."""
    monkeypatch.setenv("READER_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.delenv("READER_STORE", raising=False)


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """Where a test's store goes (its folder does not exist yet)."""
    return tmp_path / "data" / "store.json"
