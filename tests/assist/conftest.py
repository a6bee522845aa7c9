"""Helpers for the suggester tests: what was suggested, as (label, text) pairs."""

import pytest

from reader.assist import suggest


def found(text: str, label: str) -> list[str]:
    """The texts of the `label` suggestions for `text`, in order."""
    return [text[s.start : s.end] for s in suggest(text, only=[label])]


@pytest.fixture
def dates():
    return lambda text: found(text, "date")


@pytest.fixture
def places():
    return lambda text: found(text, "place")
