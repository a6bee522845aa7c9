"""The span triple compared by agreement and merge: (start, end, label), nothing else.

Who made a span, when, and its id do not decide whether two annotators agree; only where it is
and what it says. Orphaned spans (their text no longer found in the document) are left out:
their offsets are clipped guesses, not an annotator's choice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple


class Span(NamedTuple):
    """A labelled range of a document: code points, end exclusive."""

    start: int
    end: int
    label: str


def spans_of(records: Iterable[Mapping[str, Any]]) -> list[Span]:
    """The distinct anchored spans of store span dicts, sorted (orphaned ones left out)."""
    return sorted(
        {
            Span(record["start"], record["end"], record["label"])
            for record in records
            if not record.get("orphaned")
        }
    )
