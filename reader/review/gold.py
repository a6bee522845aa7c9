"""`reader merge` over stores: merge every document, then write the agreed spans to a gold store.

The gold store holds each merged document (text, title, source, id of the first store holding
it), its agreed spans, each with its provenance ("annotators": everyone who made it; its
"annotator" is the first of them), and its conflicts, each kept as suggestions with a group
(`AnnotationStore.add_conflict`) for `reader adjudicate` to settle. A gold document is `done`
when it has no conflict and every annotator holding it marked it done (`skipped` when all
skipped it), else `todo`: two untouched copies agree on having no spans, which is no reason to
call them done. Settling its last conflict makes it `reviewed`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from reader.review.matching import Matching, Mismatch, match_documents
from reader.review.merge import DocumentMerge, merge_document
from reader.review.stores import ReviewStore
from reader.store import AnnotationStore


@dataclass
class MergedDocument:
    doc_id: str
    text: str
    title: str
    source: str | None
    statuses: dict[str, str]  # annotator -> the status they gave it
    merge: DocumentMerge

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

    def count(self, status: str) -> int:
        """How many gold documents have this status."""
        return sum(1 for doc in self.documents if doc.status == status)

    def to_json(self) -> dict[str, Any]:
        """{"agreed": n, "conflicts": m, then the counts, the documents with their agreed spans
        (and who agreed) and conflicts, and the documents set aside}."""
        return {
            "agreed": self.agreed,
            "conflicts": self.conflicts,
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
        documents.append(
            MergedDocument(
                group.key,
                doc["text"],
                str(doc.get("title") or ""),
                doc.get("source"),
                statuses,
                merge_document(versions),
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
            for agreed in doc.merge.agreed:
                span = agreed.span
                gold.add_span(
                    doc.doc_id,
                    span.start,
                    span.end,
                    span.label,
                    agreed.annotators[0],
                    annotators=agreed.annotators,
                )
            for conflict in doc.merge.conflicts:
                gold.add_conflict(doc.doc_id, conflict.versions)
