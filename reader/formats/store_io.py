"""Moving records into and out of the annotation store.

Works on any object with the store's public API (`documents`, `document_ids`, `spans`,
`suggestions`, `read_documents_with_relations`, `add_document`, `add_span`, `add_relation`,
`set_note`, `batch`), so this module imports nothing from `reader.store`. Import checks
everything before writing anything, and writes in one batch (one durable commit). Span ids of
the source are not kept (the store makes its own); relations are moved over through them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from reader.errors import ReaderError
from reader.formats.diagnostics import Diagnostic
from reader.formats.jsonl import sha256
from reader.formats.records import Record, RelationRecord, SpanRecord


@dataclass
class ImportReport:
    """What an import did: documents and spans new and already there, spans per label, links
    and notes, and the links it could not make (their span was not imported)."""

    documents: int = 0
    documents_existing: int = 0
    spans: int = 0
    spans_existing: int = 0
    labels: Counter[str] = field(default_factory=Counter)
    relations: int = 0
    notes: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)


def conflicts(
    store: Any, records: Sequence[Record], where: str
) -> tuple[list[Diagnostic], list[Record]]:
    """Errors for records whose id is in the store already with a different text, or repeated,
    and those records (to skip).

    Importing over them would replace the stored text and move its spans: not something an
    import should do quietly.
    """
    existing = {doc["id"]: doc.get("sha256") for doc in store.documents()}
    seen: dict[str, str] = {}
    problems = []
    clashing = []
    for record in records:
        if record.id is None:
            continue
        digest = sha256(record.text)
        if record.id in existing and existing[record.id] != digest:
            problems.append(
                Diagnostic(
                    record.file or where,
                    record.line,
                    (
                        f"document {record.id!r} is already in the store with a different text; not imported "
                        "(remove it from the store, or import under other ids)"
                    ),
                    "error",
                )
            )
            clashing.append(record)
        elif record.id in seen and seen[record.id] != digest:
            problems.append(
                Diagnostic(
                    record.file or where,
                    record.line,
                    (
                        f"document id {record.id!r} is used twice with different texts; the second is not imported"
                    ),
                    "error",
                )
            )
            clashing.append(record)
        seen.setdefault(record.id, digest)
    return problems, clashing


def import_records(
    store: Any,
    records: Iterable[Record],
    skip: Sequence[Record] = (),
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Add records, their spans, relations and notes to the store in one batch; returns what
    was added.

    Documents already in the store with the same text get the new spans added beside theirs
    (the same range and label is the same span, the same link between them the same link).
    A relation naming a span the record does not hold (dropped by a label map, say) is a
    diagnostic in the report, not an error. Records in `skip` are not imported (conflicts).
    `progress(n)` is called after each record with 1 + its span count.
    """
    report = ImportReport()
    skipped = {id(record) for record in skip}
    existing = set(store.document_ids())
    with store.batch():
        for record in records:
            if id(record) in skipped:
                if progress:
                    progress(1 + len(record.spans))
                continue
            was_there = record.id in existing
            before = {span["id"] for span in store.spans(record.id)} if was_there else set()
            doc_id = store.add_document(
                record.text,
                source=record.meta.get("source") or record.file,
                doc_id=record.id,
                title=record.meta.get("title"),
                status=record.meta.get("status") or "todo",
            )
            existing.add(doc_id)
            report.documents_existing += was_there
            report.documents += not was_there
            stored: dict[str, str] = {}  # the record's span ids -> the store's
            for span in record.spans:
                span_id = store.add_span(
                    doc_id,
                    span.start,
                    span.end,
                    span.label,
                    annotator=span.annotator,
                    annotators=span.extra.get("annotators", ()),  # a gold span's provenance
                )
                if span.id is not None:
                    stored.setdefault(span.id, span_id)
                if span_id in before:
                    report.spans_existing += 1
                else:
                    before.add(span_id)
                    report.spans += 1
                    report.labels[span.label] += 1
                if span.note:
                    store.set_note(doc_id, span.note, span_id)
                    report.notes += 1
            if record.meta.get("note"):
                store.set_note(doc_id, str(record.meta["note"]))
                report.notes += 1
            for relation in record.relations:
                _add_relation(store, doc_id, record, relation, stored, report)
            if progress:
                progress(1 + len(record.spans))
    return report


def _add_relation(
    store: Any,
    doc_id: str,
    record: Record,
    relation: RelationRecord,
    stored: dict[str, str],
    report: ImportReport,
) -> None:
    source, target = stored.get(relation.source), stored.get(relation.target)
    if source is None or target is None or source == target:
        why = "links a span to itself" if source == target else "names a span that was not imported"
        report.diagnostics.append(
            Diagnostic(
                record.file or "<import>",
                relation.line if relation.line is not None else record.line,
                f"document {doc_id}: link {relation.type!r} {relation.id or ''} {why}; not imported",
            )
        )
        return
    store.add_relation(doc_id, source, target, relation.type, annotator=relation.annotator)
    report.relations += 1


def select_documents(
    store: Any, doc_ids: Sequence[str] | None = None, statuses: Sequence[str] | None = None
) -> list[dict[str, Any]]:
    """The store's documents to export, in store order; unknown ids are an error listing them."""
    documents: list[dict[str, Any]] = store.documents()
    if doc_ids:
        known = {doc["id"] for doc in documents}
        missing = [doc_id for doc_id in doc_ids if doc_id not in known]
        if missing:
            raise ReaderError(
                f"no document {', '.join(repr(m) for m in missing)} in the store; 'reader stats' lists the ids"
            )
        wanted = set(doc_ids)
        documents = [doc for doc in documents if doc["id"] in wanted]
    if statuses:
        documents = [doc for doc in documents if doc.get("status") in statuses]
    return documents


META_KEYS = ("source", "sha256", "status", "title", "note")


def records_from_store(
    store: Any, documents: Iterable[dict[str, Any]], include_suggestions: bool = False
) -> Iterator[Record]:
    """Each document (as `store.documents()` lists them) as a Record with its spans, relations
    and notes, read one at a time and not kept by the store, so a full export runs in bounded
    memory. `include_suggestions` adds the pending suggestions as spans marked
    `"suggestion": true`."""
    rows = (row["id"] for row in documents)
    for doc, spans, relations in store.read_documents_with_relations(rows):
        meta = {key: doc.get(key) for key in META_KEYS}
        out = [
            SpanRecord(
                span["start"],
                span["end"],
                span["label"],
                span["text"],
                span["id"],
                span["annotator"],
                None,
                _extra(span),
                span.get("note"),
            )
            for span in spans
        ]
        if include_suggestions:
            # a conflict of `reader merge` is not a suggestion: never exported until settled
            out += [_suggested(s) for s in store.suggestions(doc["id"]) if "group" not in s]
            out.sort(key=lambda span: (span.start, -span.end, span.label))
        yield Record(
            doc["text"],
            out,
            doc["id"],
            meta,
            relations=[
                RelationRecord(
                    relation["from"],
                    relation["to"],
                    relation["type"],
                    relation["id"],
                    relation["annotator"],
                    None,
                    {"created": relation["created"], "updated": relation["updated"]},
                )
                for relation in relations
            ],
        )


def _suggested(suggestion: dict[str, Any]) -> SpanRecord:
    return SpanRecord(
        suggestion["start"],
        suggestion["end"],
        suggestion["label"],
        text=suggestion["text"],
        id=suggestion["id"],
        annotator=suggestion["annotator"],
        extra={"created": suggestion["created"], "suggestion": True},
    )


def _extra(span: dict[str, Any]) -> dict[str, Any]:
    if span["orphaned"]:
        extra: dict[str, Any] = {
            "created": span["created"],
            "updated": span["updated"],
            "orphaned": True,
        }
    else:
        extra = {"created": span["created"], "updated": span["updated"]}
    if "origin" in span:
        extra["origin"] = span["origin"]
    if "annotators" in span:  # a gold store's provenance: everyone who made the span
        extra["annotators"] = span["annotators"]
    return extra
