"""UI tests: pictures in full colour whatever terminal runs them, no suggestion worker."""

from __future__ import annotations

import pytest

from tests.helpers.ui import use_colours


@pytest.fixture(autouse=True)
def _full_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    """Full colour whatever terminal runs the tests, so pictures are the same everywhere
    (a test asks for 16 colours or NO_COLOR itself)."""
    monkeypatch.setattr("textual.constants.COLOR_SYSTEM", "truecolor")
    # No suggestions computed on open (a worker's timing): test_suggestions turns them on.
    monkeypatch.setattr("reader.ui.suggesting.SUGGEST_ON_OPEN", False)


@pytest.fixture(params=["256-colours", "16-colours", "no-color"])
def colours(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The colour modes a snapshot is taken in (a test file may ask for full colour too)."""
    use_colours(request.param, monkeypatch)
    return str(request.param)
