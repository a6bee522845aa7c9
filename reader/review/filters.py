"""Filters by review state and by annotator, for `reader export` and `reader stats`.

Review state is a document's place in adjudication: "reviewed" (its conflicts settled in
`reader adjudicate`), "settled" (no conflict left to settle: reviewed, or none to begin with)
or "unsettled" (conflicts still pending). An annotator's spans are those they made
("annotator") or, in a gold store, those they agreed on or whose version was taken
("annotators", the provenance).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import replace
from typing import Any

from reader.formats.records import Record

REVIEWED, SETTLED, UNSETTLED = "reviewed", "settled", "unsettled"
REVIEW_STATES = (REVIEWED, SETTLED, UNSETTLED)


def in_review_state(row: Mapping[str, Any], state: str) -> bool:
    """Whether a document (a manifest row, with its "conflicts" count) is in this review state."""
    if state == REVIEWED:
        return bool(row.get("status") == REVIEWED)
    pending = bool(row.get("conflicts", 0))
    return pending if state == UNSETTLED else not pending


def made_by(annotator: str | None, annotators: object, names: Collection[str]) -> bool:
    """Whether a span by `annotator`, with provenance `annotators`, is one of these people's."""
    if annotator in names:
        return True
    return isinstance(annotators, list) and any(name in names for name in annotators)


def spans_by(record: Record, names: Collection[str]) -> Record:
    """The record with only the spans these annotators made, and the links between those."""
    spans = [
        span
        for span in record.spans
        if made_by(span.annotator, (span.extra or {}).get("annotators"), names)
    ]
    if len(spans) == len(record.spans):
        return record
    kept = {span.id for span in spans}
    relations = [r for r in record.relations if r.source in kept and r.target in kept]
    return replace(record, spans=spans, relations=relations)
