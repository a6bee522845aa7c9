"""Links between spans, without Textual: which spans a span can link to, and what links it has.

A link (a relation record: id, type, "from" and "to" span ids) goes from a span of one of its
type's source labels to one of its target labels (config `[[relations]]`; by default `said_by`,
from a claim to an actor). To link a claim, the annotator is offered the actors nearest first:
those in the claim's sentence, then in its paragraph, then the rest of the document, each
group by distance in the text. `RelationIndex` mirrors the open document's relations, as
`SpanIndex` mirrors its spans, so the screen asks "what is this span linked to" without the
store.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from reader.config import RelationType
from reader.store.model import SpanRecord
from reader.text.words import sentence_at

Record = dict[str, Any]

SENTENCE, PARAGRAPH, DOCUMENT = 0, 1, 2  # how near a candidate is, nearest first
NEARNESS = ("sentence", "paragraph", "document")


@dataclass(frozen=True)
class Candidate:
    """A span a link can go to, with the link's type and how near it is."""

    span: SpanRecord
    type: str
    nearness: int  # SENTENCE, PARAGRAPH or DOCUMENT


def paragraph_at(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """The paragraphs (lines between newlines) holding text[start:end]."""
    end = start if end is None else end
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", max(start, end - 1))
    return lo, len(text) if hi == -1 else hi


def sentences_of(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentences holding text[start:end] (a claim may run over more than one)."""
    first = sentence_at(text, start)
    last = sentence_at(text, max(start, end - 1))
    return min(first[0], start), max(last[1], end)


def types_from(relations: Sequence[RelationType], label: str) -> list[RelationType]:
    """The relation types a span with this label can start."""
    return [relation for relation in relations if label in relation.sources]


def candidates(
    text: str, spans: Iterable[SpanRecord], source: SpanRecord, relations: Sequence[RelationType]
) -> list[Candidate]:
    """The spans `source` can link to, nearest first: same sentence, then paragraph, then
    document; within each, by distance from the source (overlapping ones first)."""
    start, end = source["start"], source["end"]
    sentence = sentences_of(text, start, end)
    paragraph = paragraph_at(text, start, end)
    allowed = {
        label: relation.name
        for relation in reversed(types_from(relations, source["label"]))
        for label in relation.targets
    }
    found: list[tuple[tuple[int, int, int], Candidate]] = []
    for span in spans:
        kind = allowed.get(span["label"])
        if kind is None or span["id"] == source["id"] or span.get("orphaned"):
            continue
        near = (
            SENTENCE
            if _inside(span, sentence)
            else PARAGRAPH
            if _inside(span, paragraph)
            else DOCUMENT
        )
        distance = max(0, span["start"] - end, start - span["end"])
        found.append(((near, distance, span["start"]), Candidate(span, kind, near)))
    return [candidate for _, candidate in sorted(found, key=lambda pair: pair[0])]


def _inside(span: SpanRecord, bounds: tuple[int, int]) -> bool:
    return bool(bounds[0] <= span["start"] and span["end"] <= bounds[1])


def arrow(relation: Record) -> str:
    """How a link reads: "claim ← actor" for said_by, "a ←type— b" for other types."""
    kind = relation["type"]
    return " ← " if kind == "said_by" else f" ←{kind}— "


class RelationIndex:
    """A document's relations by id and by the spans they join."""

    def __init__(self, relations: Iterable[Record] = ()) -> None:
        self._by_id: dict[str, Record] = {}
        self._by_span: dict[str, list[str]] = {}
        for relation in relations:
            self.put(relation)

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[Record]:
        return iter(list(self._by_id.values()))

    def get(self, relation_id: str) -> Record | None:
        return self._by_id.get(relation_id)

    def put(self, relation: Record) -> Record:
        """Add a relation, or replace the one with its id; returns it."""
        self.remove(relation["id"])
        self._by_id[relation["id"]] = relation
        for span_id in (relation["from"], relation["to"]):
            self._by_span.setdefault(span_id, []).append(relation["id"])
        return relation

    def remove(self, relation_id: str) -> Record | None:
        relation = self._by_id.pop(relation_id, None)
        if relation is not None:
            for span_id in (relation["from"], relation["to"]):
                ids = self._by_span.get(span_id, [])
                if relation_id in ids:
                    ids.remove(relation_id)
                if not ids:
                    self._by_span.pop(span_id, None)
        return relation

    def of(self, span_id: str | None) -> list[Record]:
        """The relations a span takes part in (either end), in the order they were made."""
        if span_id is None:
            return []
        return [self._by_id[i] for i in self._by_span.get(span_id, [])]

    def partners(self, span_id: str | None) -> list[str]:
        """The ids of the spans linked to this one."""
        return [
            relation["to"] if relation["from"] == span_id else relation["from"]
            for relation in self.of(span_id)
        ]

    def has_source(self, span_id: str) -> bool:
        """Whether a link starts at this span (a claim with its speaker)."""
        return any(relation["from"] == span_id for relation in self.of(span_id))
