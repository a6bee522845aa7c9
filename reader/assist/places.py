"""The place suggester (stub replaced below)."""

from __future__ import annotations

from reader.assist.folded import Folded
from reader.assist.model import Suggestion


def suggest_places(doc: Folded) -> list[Suggestion]:
    return []
