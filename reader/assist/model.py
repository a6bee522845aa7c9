"""What a suggester proposes: a labelled range of the text, and who proposed it."""

from __future__ import annotations

from dataclasses import dataclass

LABELS = ("date", "place", "actor", "claim")


@dataclass(frozen=True, order=True)
class Suggestion:
    """A proposed span `text[start:end]` (code points, end exclusive).

    `suggester` names the rule set and its version ("date/1"), which the store records as the
    annotator. A claim may carry `speaker`, the range of the actor it is attributed to, so a
    said_by relation can be proposed with it.
    """

    start: int
    end: int
    label: str
    suggester: str
    speaker: tuple[int, int] | None = None
