"""`reader merge` over stores: merge every document, then write the agreed spans to a gold store.

The gold store holds each merged document (text, title, source, id of the first store holding
it), its agreed spans, each with its provenance ("annotators": everyone who made it; its
"annotator" is the first of them), and its conflicts, each kept as suggestions with a group
(`AnnotationStore.add_conflict`) for `reader adjudicate` to settle. A gold document is `done`
when it has no conflict and every annotator holding it marked it done (`skipped` when all
skipped it), else `todo`: two untouched copies agree on having no spans, which is no reason to
call them done. Settling its last conflict makes it `reviewed`. Links go with the spans when
every annotator made them between agreed spans (the others are counted, not carried: relink
after adjudication); notes are carried, each annotator's named when they differ.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from reader.review.matching import Matching, Mismatch, match_documents
from reader.review.merge import DocumentMerge, merge_document
from reader.review.spans import Span
from reader.review.stores import Extras, Link, ReviewStore
from reader.store import AnnotationStore


@dataclass
class MergedDocument:
    doc_id: str
    text: str
    title: str
    source: str | None
    statuses: dict[str, str]  # annotator -> the status they gave it
    merge: DocumentMerge
    extras: MergedExtras = field(default_factory=lambda: MergedExtras([], 0, "", {}))

    @property
    def annotators(self) -> list[str]:
        return list(self.statuses)

    @property
    def status(self) -> str:
        """The gold document's status (see the module docstring)."""
        given = set(self.statuses.values())
        if given == {"skipped"}:
            return "skipped"
        return "done" if given == {"done"} and not self.merge.conflicts else "todo"


@dataclass
class MergedExtras:
    """Links and notes carried into gold: the links every annotator made between agreed spans
    (and how many others were left out), and every annotator's notes, named when they differ."""

    links: list[Link]
    links_left: int
    note: str
    span_notes: dict[Span, str]


def merge_extras(extras: Mapping[str, Extras], agreed: set[Span]) -> MergedExtras:
    """What of the annotators' links and notes goes into gold with the agreed spans."""
    sets = [set(e.links) for e in extras.values()]
    common = set.intersection(*sets) if sets else set()
    links = sorted(link for link in common if link.source in agreed and link.target in agreed)
    left = len(set.union(*sets) - set(links)) if sets else 0
    span_notes: dict[Span, str] = {}
    for span in agreed:
        note = _joined({name: e.span_notes.get(span, "") for name, e in extras.items()})
        if note:
            span_notes[span] = note
    return MergedExtras(
        links, left, _joined({name: e.note for name, e in extras.items()}), span_notes
    )


def _joined(notes: Mapping[str, str]) -> str:
    """One note from each annotator's: the note when they all wrote the same, else each
    non-empty one on its own line after its writer's name."""
    given = {name: note for name, note in notes.items() if note}
    if len(set(given.values())) <= 1 and len(given) in (0, len(notes)):
        return next(iter(given.values()), "")
    return "\n".join(f"{name}: {note}" for name, note in given.items())


@dataclass
class MergeResult:
    names: list[str]
    documents: list[MergedDocument]
    mismatches: list[Mismatch]

    @property
    def agreed(self) -> int:
        return sum(len(doc.merge.agreed) for doc in self.documents)

    @property
    def conflicts(self) -> int:
        return sum(len(doc.merge.conflicts) for doc in self.documents)

    @property
    def links(self) -> int:
        """Links carried into gold (every annotator made them, between agreed spans)."""
        return sum(len(doc.extras.links) for doc in self.documents)

    @property
    def links_left(self) -> int:
        """Links not carried: not made by every annotator, or an end not agreed."""
        return sum(doc.extras.links_left for doc in self.documents)

    def count(self, status: str) -> int:
        """How many gold documents have this status."""
        return sum(1 for doc in self.documents if doc.status == status)

    def to_json(self) -> dict[str, Any]:
        """{"agreed": n, "conflicts": m, then the counts, the documents with their agreed spans
        (and who agreed) and conflicts, and the documents set aside}."""
        return {
            "agreed": self.agreed,
            "conflicts": self.conflicts,
            "links": self.links,
            "links_left": self.links_left,
            "annotators": self.names,
            "documents": [
                {
                    "id": doc.doc_id,
                    "annotators": doc.annotators,
                    "status": doc.status,
                    "agreed": [
                        {
                            "start": a.span.start,
                            "end": a.span.end,
                            "label": a.span.label,
                            "annotators": list(a.annotators),
                        }
                        for a in doc.merge.agreed
                    ],
                    "conflicts": [c.to_json(doc.text) for c in doc.merge.conflicts],
                }
                for doc in self.documents
            ],
            "different_text": [
                {"store": self.names[m.store], "id": m.doc_id, "other": self.names[m.other]}
                for m in self.mismatches
            ],
        }


def merge_stores(
    stores: Sequence[ReviewStore],
    matching: Matching | None = None,
    advance: Callable[[int], None] = lambda n: None,
) -> MergeResult:
    """Merge every document of the stores among the annotators holding it.

    `matching`: the stores' documents matched (`match_documents`), if already done;
    `advance(1)` is called after each document (for a progress bar).
    """
    if matching is None:
        matching = match_documents([store.documents for store in stores])
    documents = []
    for group in matching.usable():
        versions = {
            stores[i].name: stores[i].spans(str(row["id"])) for i, row in group.members.items()
        }
        statuses = {stores[i].name: str(row["status"]) for i, row in group.members.items()}
        first = min(group.members)
        doc = stores[first].document(str(group.members[first]["id"]))
        merged = merge_document(versions)
        extras = {
            stores[i].name: stores[i].extras(str(row["id"])) for i, row in group.members.items()
        }
        documents.append(
            MergedDocument(
                group.key,
                doc["text"],
                str(doc.get("title") or ""),
                doc.get("source"),
                statuses,
                merged,
                merge_extras(extras, {a.span for a in merged.agreed}),
            )
        )
        advance(1)
    return MergeResult([store.name for store in stores], documents, matching.mismatches)


def write_gold(
    result: MergeResult, gold: AnnotationStore, advance: Callable[[int], None] = lambda n: None
) -> None:
    """Every merged document, its agreed spans and its conflicts into `gold`, in one durable
    commit; `advance(1)` after each document (for a progress bar)."""
    with gold.batch():
        for doc in result.documents:
            advance(1)
            gold.add_document(
                doc.text, source=doc.source, doc_id=doc.doc_id, title=doc.title, status=doc.status
            )
            ids = {}
            for agreed in doc.merge.agreed:
                span = agreed.span
                ids[span] = gold.add_span(
                    doc.doc_id,
                    span.start,
                    span.end,
                    span.label,
                    agreed.annotators[0],
                    annotators=agreed.annotators,
                )
            extras = doc.extras
            for link in extras.links:
                gold.add_relation(
                    doc.doc_id,
                    ids[link.source],
                    ids[link.target],
                    link.type,
                    annotator=doc.annotators[0],
                )
            for span, note in extras.span_notes.items():
                gold.set_note(doc.doc_id, note, ids[span])
            if extras.note:
                gold.set_note(doc.doc_id, extras.note)
            for conflict in doc.merge.conflicts:
                gold.add_conflict(doc.doc_id, conflict.versions)
