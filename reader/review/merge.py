"""Merging annotators' spans of one document: what all agree on, and where they differ.

A span is agreed when every annotator holding the document has it (same start, end, label);
its provenance is the list of those annotators. Every other span goes into a conflict: spans
that overlap, directly or through a chain of overlaps, form one group over their joint range,
and each annotator's version of that range is the list of their spans in it (empty when they
marked nothing there, which is a version too). A document held by one annotator has no one to
disagree with: all its spans are agreed, by that one annotator.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from reader.review.spans import Span


@dataclass(frozen=True)
class Agreed:
    """A span every annotator of the document made, and who they are."""

    span: Span
    annotators: tuple[str, ...]


@dataclass
class Conflict:
    """A range where annotators differ: each one's spans inside it (maybe none)."""

    start: int
    end: int
    versions: dict[str, list[Span]] = field(default_factory=dict)

    def to_json(self, text: str | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end}
        if text is not None:
            out["text"] = text[self.start : self.end]
        out["versions"] = {
            name: [{"start": s.start, "end": s.end, "label": s.label} for s in spans]
            for name, spans in self.versions.items()
        }
        return out


@dataclass
class DocumentMerge:
    agreed: list[Agreed]
    conflicts: list[Conflict]


def merge_document(versions: Mapping[str, Sequence[Span]]) -> DocumentMerge:
    """Agreed spans and conflict groups of one document, from each annotator's spans."""
    names = tuple(versions)
    sets = {name: set(spans) for name, spans in versions.items()}
    common = set.intersection(*sets.values()) if sets else set()
    agreed = [Agreed(span, names) for span in sorted(common)]
    rest = sorted((span, name) for name, spans in sets.items() for span in spans - common)
    conflicts: list[Conflict] = []
    for span, name in rest:
        if not conflicts or span.start >= conflicts[-1].end:
            conflicts.append(Conflict(span.start, span.end, {n: [] for n in names}))
        group = conflicts[-1]
        group.end = max(group.end, span.end)
        group.versions[name].append(span)
    return DocumentMerge(agreed, conflicts)
