"""The store's contents in memory, indexed for fast reads, changed only through `apply`.

Every change is an operation (a small JSON-able dict) applied here, both live and when the
journal is replayed, so the two can never disagree:

- `{"op": "doc", "doc": {...}}`   insert a document, or update the given fields of one
- `{"op": "span", "span": {...}}` insert or replace a whole span record
- `{"op": "del", "id": "..."}`    remove a span

`apply` returns an undo token; `restore(token)` puts the previous version back, which is how a
failed save or an aborted batch is rolled back in memory.
"""

from __future__ import annotations

import sys
from typing import Any

from reader.store.model import DOCUMENT_FIELDS, SPAN_FIELDS, document_problem, ordered, span_problem

Record = dict[str, Any]
Undo = tuple[str, str, Record | None]


class OperationError(ValueError):
    """An operation that cannot apply (bad shape, unknown document...): the journal or file is damaged."""


def span_sort_key(span: Record) -> tuple[int, int, str]:
    """Spans read in text order: by start, longer first, then by label."""
    return (span["start"], -span["end"], span["label"])


class State:
    """Documents (in insertion order) and spans, with indexes by id, by document and by range."""

    def __init__(self) -> None:
        self.seq = 0
        self.docs: dict[str, Record] = {}
        self.spans: dict[str, Record] = {}
        self.by_doc: dict[str, dict[str, Record]] = {}
        self.by_range: dict[tuple[str, int, int, str], list[str]] = {}
        self._sorted: dict[str, list[Record]] = {}
        self.extra_tables: dict[
            str, Any
        ] = {}  # tables of the file we do not know: kept as they were

    # -- reads ---------------------------------------------------------------------------------

    def sorted_spans(self, doc_id: str) -> list[Record]:
        """The document's span records in text order (cached until the document's spans change)."""
        cached = self._sorted.get(doc_id)
        if cached is None:
            cached = sorted(self.by_doc.get(doc_id, {}).values(), key=span_sort_key)
            self._sorted[doc_id] = cached
        return cached

    def find_range(self, doc_id: str, start: int, end: int, label: str) -> str | None:
        """The id of an anchored span with exactly this document, range and label, if any."""
        ids = self.by_range.get((doc_id, start, end, label))
        return ids[0] if ids else None

    # -- changes -------------------------------------------------------------------------------

    def apply(self, op: Record) -> Undo:
        """Apply one operation; OperationError if it cannot apply (nothing is changed then)."""
        kind = op.get("op")
        if kind == "span":
            record = op.get("span")
            problem = span_problem(record)
            if problem:
                raise OperationError(f"span {problem}")
            assert isinstance(record, dict)
            if record["doc_id"] not in self.docs:
                raise OperationError(
                    f"span {record['id']!r} belongs to unknown document {record['doc_id']!r}"
                )
            return ("span", record["id"], self.set_span(record["id"], ordered(record, SPAN_FIELDS)))
        if kind == "del":
            span_id = op.get("id")
            if not isinstance(span_id, str) or span_id not in self.spans:
                raise OperationError(f"deletes unknown span {span_id!r}")
            return ("span", span_id, self.set_span(span_id, None))
        if kind == "doc":
            record = op.get("doc")
            exists = isinstance(record, dict) and record.get("id") in self.docs
            problem = document_problem(record, partial=exists)
            if problem:
                raise OperationError(f"document {problem}")
            assert isinstance(record, dict)
            merged = (
                dict(self.docs[record["id"]], **record)
                if exists
                else ordered(record, DOCUMENT_FIELDS)
            )
            return ("doc", record["id"], self.set_doc(record["id"], merged))
        raise OperationError(f"unknown operation {kind!r}")

    def restore(self, undo: Undo) -> None:
        """Undo one applied operation."""
        kind, key, previous = undo
        if kind == "span":
            self.set_span(key, previous)
        else:
            self.set_doc(key, previous)

    def set_doc(self, doc_id: str, record: Record | None) -> Record | None:
        """Put (or with None remove) a document record; returns the previous one."""
        previous = self.docs.get(doc_id)
        if record is None:
            self.docs.pop(doc_id, None)
            self.by_doc.pop(doc_id, None)
            self._sorted.pop(doc_id, None)
        else:
            self.docs[doc_id] = record
            self.by_doc.setdefault(doc_id, {})
        return previous

    def set_span(self, span_id: str, record: Record | None) -> Record | None:
        """Put (or with None remove) a span record, keeping every index right; returns the previous."""
        previous = self.spans.pop(span_id, None)
        if previous is not None:
            self.by_doc.get(previous["doc_id"], {}).pop(span_id, None)
            self._sorted.pop(previous["doc_id"], None)
            if not previous["orphaned"]:
                key = (previous["doc_id"], previous["start"], previous["end"], previous["label"])
                ids = self.by_range.get(key, [])
                if span_id in ids:
                    ids.remove(span_id)
                if not ids:
                    self.by_range.pop(key, None)
        if record is not None:
            doc_id = record["doc_id"] = sys.intern(record["doc_id"])
            record["label"] = sys.intern(record["label"])
            record["annotator"] = sys.intern(record["annotator"])
            self.spans[span_id] = record
            self.by_doc.setdefault(doc_id, {})[span_id] = record
            self._sorted.pop(doc_id, None)
            if not record["orphaned"]:
                self.by_range.setdefault(
                    (doc_id, record["start"], record["end"], record["label"]), []
                ).append(span_id)
        return previous
