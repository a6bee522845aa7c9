"""The store's contents in memory: the manifest's rows, and the documents read so far.

The list of documents (id, title, source, status, sha256, and counts of spans per label) is
always in memory, from the manifest. A document's text and spans (`DocData`) are read from
its own file the first time they are needed (`State.data`), and kept while used: the least
recently used unchanged ones are dropped past `cache` documents, so memory follows what is
open, not the corpus. Changed documents stay until compaction has written them.

Every change is an operation (a small JSON-able dict) applied here, both live and when the
journal is replayed, so the two can never disagree:

- `{"op": "doc", "doc": {...}}`                  insert a document, or update some of its fields
- `{"op": "span", "span": {...}}`                insert or replace a whole span record
- `{"op": "del", "id": "...", "doc_id": "..."}`  remove a span (stores before the manifest
                                                 layout wrote no "doc_id"; the span is looked up)
- `{"op": "rel", "rel": {...}}`                  insert or replace a relation between two spans
- `{"op": "unrel", "id": "...", "doc_id": "..."}` remove a relation
- `{"op": "sug", "sug": {...}}`                  insert or replace a suggestion (pending or
                                                 rejected: never counted as a span)
- `{"op": "unsug", "id": "...", "doc_id": "..."}` remove a suggestion (accepted, or undone)

`apply` returns an undo token; `restore(token)` puts the previous version back, which is how a
failed save or an aborted batch is rolled back in memory. Replaying the journal passes the
commit's number: an operation on a document whose file already holds that commit is skipped
(a crash between writing a document's file and the manifest).
"""

from __future__ import annotations

import sys
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from reader.store.model import (
    DOCUMENT_FIELDS,
    PENDING,
    RELATION_FIELDS,
    SAID_BY,
    SPAN_FIELDS,
    SUGGESTION_FIELDS,
    document_problem,
    is_conflict,
    ordered,
    relation_problem,
    span_problem,
    suggestion_problem,
)

Record = dict[str, Any]
#: (kind "span", "rel", "sug" or "doc", document id, the record's id, the previous record or None)
Undo = tuple[str, str, str, Record | None]

#: The fields of a manifest row taken from the document record.
ROW_FIELDS: tuple[str, ...] = ("id", "title", "source", "status", "sha256")

#: Unchanged documents kept in memory, most recently used first.
CACHE = 64


class OperationError(ValueError):
    """An operation that cannot apply (bad shape, unknown document...): the journal or file is damaged."""


def span_sort_key(span: Record) -> tuple[int, int, str]:
    """Spans read in text order: by start, longer first, then by label."""
    return (span["start"], -span["end"], span["label"])


class DocData:
    """One document's record (with its text) and its spans, indexed by id and by range.

    `seq` is the last commit the document's file holds (0: never written); `dirty` says it
    has changes its file does not hold yet.
    """

    __slots__ = (
        "_by_range",
        "_sorted",
        "dirty",
        "doc",
        "relations",
        "seq",
        "spans",
        "suggestions",
    )

    def __init__(self, doc: Record, seq: int = 0) -> None:
        self.doc = doc
        self.seq = seq
        self.dirty = False
        self.spans: dict[str, Record] = {}
        self.relations: dict[str, Record] = {}  # by id, in the order they were made
        self.suggestions: dict[str, Record] = {}  # by id: pending and rejected, apart from spans
        self._by_range: dict[tuple[int, int, str], list[str]] | None = None  # built when asked
        self._sorted: list[Record] | None = None

    def sorted_spans(self) -> list[Record]:
        """The span records in text order (cached until the spans change)."""
        if self._sorted is None:
            self._sorted = sorted(self.spans.values(), key=span_sort_key)
        return self._sorted

    def relation_problem(self, record: object) -> str | None:
        """What is wrong with a relation for this document (shape, unknown spans), or None."""
        problem = relation_problem(record)
        if problem:
            return f"relation {problem}"
        assert isinstance(record, dict)
        for end in ("from", "to"):
            if record[end] not in self.spans:
                return f"relation {record['id']!r} links unknown span {record[end]!r}"
        return None

    def add_relations(self, records: list[Record]) -> list[str]:
        """Add relation records read from a file; returns what was wrong and skipped."""
        return self._add(
            records, self.relation_problem, "relation", RELATION_FIELDS, self.relations
        )

    def add_suggestions(self, records: list[Record]) -> list[str]:
        """Add suggestion records read from a file; returns what was wrong and skipped."""
        return self._add(
            records, suggestion_problem, "suggestion", SUGGESTION_FIELDS, self.suggestions
        )

    def _add(
        self,
        records: list[Record],
        problem_of: Callable[[object], str | None],
        kind: str,
        fields: tuple[str, ...],
        table: dict[str, Record],
    ) -> list[str]:
        """Add records of one kind to `table`, each checked and of this document."""
        problems = []
        for number, record in enumerate(records, 1):
            problem = problem_of(record)
            if problem is None and record["doc_id"] != self.doc["id"]:
                problem = f"{kind} {record['id']!r} belongs to document {record['doc_id']!r}"
            if problem:
                problems.append(f"{kind}s record {number}: {problem}")
            else:
                table[record["id"]] = ordered(record, fields)
        return problems

    def find_range(self, start: int, end: int, label: str) -> str | None:
        """The id of an anchored span with exactly this range and label, if any."""
        if self._by_range is None:
            self._by_range = {}
            for span_id, span in self.spans.items():
                self._index(span_id, span)
        ids = self._by_range.get((start, end, label))
        return ids[0] if ids else None

    def set_span(self, span_id: str, record: Record | None) -> Record | None:
        """Put (or with None remove) a span record, keeping the indexes right; returns the previous."""
        previous = self.spans.pop(span_id, None)
        self._sorted = None
        if previous is not None and self._by_range is not None and not previous["orphaned"]:
            key = (previous["start"], previous["end"], previous["label"])
            ids = self._by_range.get(key, [])
            if span_id in ids:
                ids.remove(span_id)
            if not ids:
                self._by_range.pop(key, None)
        if record is not None:
            record["doc_id"] = self.doc["id"]
            record["label"] = sys.intern(record["label"])
            record["annotator"] = sys.intern(record["annotator"])
            self.spans[span_id] = record
            if self._by_range is not None:
                self._index(span_id, record)
        return previous

    def _index(self, span_id: str, span: Record) -> None:
        if not span["orphaned"]:
            key = (span["start"], span["end"], span["label"])
            assert self._by_range is not None
            self._by_range.setdefault(key, []).append(span_id)

    def add_spans(self, records: list[Record]) -> list[str]:
        """Add span records read from a file; returns what was wrong and skipped (duplicates, bad shapes)."""
        problems = []
        spans, doc_id = self.spans, self.doc["id"]
        self._sorted = self._by_range = None
        for number, record in enumerate(records, 1):
            problem = span_problem(record)
            if problem:
                problems.append(f"spans record {number}: span {problem}")
            elif record["doc_id"] != doc_id:
                problems.append(
                    f"span {record['id']!r} belongs to document {record['doc_id']!r}, not {doc_id!r}"
                )
            elif record["id"] in spans:
                problems.append(f"span {record['id']!r} appears twice (record {number})")
            else:  # kept in the file's field order (writing puts it in SPAN_FIELDS order)
                spans[record["id"]] = record
        return problems


def row_of(data: DocData) -> Record:
    """The manifest row that describes a document: its fields, counts of spans per label, and
    of links (so `reader stats` never reads a document's file)."""
    row: Record = {name: data.doc.get(name) for name in ROW_FIELDS}
    row.update(span_count=0, labels={}, orphaned=0)
    for span in data.spans.values():
        count(row, span, 1)
    count_links(row, data)
    row["conflicts"] = open_conflicts(data)
    return row


def open_conflicts(data: DocData) -> int:
    """How many conflict groups of the document still have a pending version."""
    return len(
        {s["group"] for s in data.suggestions.values() if is_conflict(s) and s["status"] == PENDING}
    )


def count_links(row: Record, data: DocData) -> None:
    """A row's `links` (how many) and `spoken` (per label, the spans a said_by link starts
    from: a claim with a speaker), from the document's records."""
    sources = {r["from"] for r in data.relations.values() if r["type"] == SAID_BY}
    spoken: dict[str, int] = {}
    for span_id in sources:
        span = data.spans.get(span_id)
        if span is not None:
            spoken[span["label"]] = spoken.get(span["label"], 0) + 1
    row["links"], row["spoken"] = len(data.relations), spoken


def count(row: Record, span: Record, step: int) -> None:
    """Add (step 1) or take away (step -1) one span from a row's counts."""
    row["span_count"] += step
    labels = row["labels"]
    number = labels.get(span["label"], 0) + step
    if number:
        labels[span["label"]] = number
    else:
        labels.pop(span["label"], None)
    if span["orphaned"]:
        row["orphaned"] += step


#: Reads a document's file: loader(doc_id, required) -> its DocData, or None if it has no file
#: and `required` is False (with `required`, a missing file is the loader's own error).
Loader = Callable[[str, bool], DocData | None]


class State:
    """The manifest's rows (in insertion order), the documents read so far, and the last commit.

    `loader` reads a document's file (see `Loader`); without a loader every
    document must be in memory (a store of the single-file layout, read whole).
    """

    def __init__(self, loader: Loader | None = None, cache: int = CACHE) -> None:
        self.seq = 0
        self.manifest_seq = 0  # the commit the manifest on disk holds
        self.rows: dict[str, Record] = {}
        self.loaded: OrderedDict[str, DocData] = OrderedDict()
        self.span_doc: dict[str, str] = {}  # span id -> document id, for every span seen
        self.relation_doc: dict[str, str] = {}  # the same for relations
        self.extra_tables: dict[str, Any] = {}  # tables of the manifest we do not know: kept
        self.loader = loader
        self.cache = cache

    # -- reads ---------------------------------------------------------------------------------

    def data(self, doc_id: str) -> DocData:
        """A document's text and spans, read from its file if not in memory; KeyError if unknown."""
        data = self.loaded.get(doc_id)
        if data is not None:
            self.loaded.move_to_end(doc_id)
            return data
        if doc_id not in self.rows or self.loader is None:
            raise KeyError(doc_id)
        data = self.loader(doc_id, True)
        assert data is not None  # a required file that is missing is the loader's error
        self._adopt(data)
        return data

    def peek(self, doc_id: str) -> DocData | None:
        """A document in memory, or read from its file without keeping it (streaming reads)."""
        data = self.loaded.get(doc_id)
        if data is None and self.loader is not None and doc_id in self.rows:
            data = self.loader(doc_id, True)
        return data

    def find_span(self, span_id: str) -> Record | None:
        """A span by id: from the documents read so far, else reading documents until found."""
        doc_id = self.span_doc.get(span_id) or self._search(lambda data: span_id in data.spans)
        return None if doc_id is None else self.data(doc_id).spans.get(span_id)

    def find_relation(self, relation_id: str) -> Record | None:
        """A relation by id, the same way."""
        doc_id = self.relation_doc.get(relation_id) or self._search(
            lambda data: relation_id in data.relations
        )
        return None if doc_id is None else self.data(doc_id).relations.get(relation_id)

    def _search(self, found: Callable[[DocData], bool]) -> str | None:
        """The first document not read yet for which `found` is true (read and kept), or None."""
        if self.loader is None:
            return None
        for doc_id in list(self.rows):
            if doc_id not in self.loaded:
                data = self.loader(doc_id, True)
                if data is not None and found(data):
                    self._adopt(data)
                    return doc_id
        return None

    def span_count(self) -> int:
        return sum(row["span_count"] for row in self.rows.values())

    # -- changes -------------------------------------------------------------------------------

    def apply(self, op: Record, seq: int | None = None) -> Undo | None:
        """Apply one operation; OperationError if it cannot apply (nothing is changed then).

        `seq` (journal replay): skip the operation if its document's file already holds that
        commit; returns None when skipped.
        """
        kind = op.get("op")
        if kind == "span":
            record = op.get("span")
            problem = span_problem(record)
            if problem:
                raise OperationError(f"span {problem}")
            assert isinstance(record, dict)
            data = self._target(record["doc_id"], f"span {record['id']!r} belongs to")
            if seq is not None and data.seq >= seq:
                return None
            return self._set_span(data, record["id"], ordered(record, SPAN_FIELDS))
        if kind == "del":
            span_id = op.get("id")
            doc_id = op.get("doc_id")
            if not isinstance(span_id, str):
                raise OperationError(f"deletes span {span_id!r}")
            if not isinstance(doc_id, str):
                found = self.find_span(span_id)
                doc_id = found["doc_id"] if found else ""
            data = self._target(doc_id, f"deletes span {span_id!r} of")
            if seq is not None and data.seq >= seq:
                return None
            if span_id not in data.spans:
                raise OperationError(f"deletes unknown span {span_id!r}")
            return self._set_span(data, span_id, None)
        if kind == "doc":
            return self._apply_doc(op.get("doc"), seq)
        if kind == "rel":
            record = op.get("rel")
            doc_id = record.get("doc_id") if isinstance(record, dict) else None
            data = self._target(doc_id, "relation of")
            if seq is not None and data.seq >= seq:
                return None
            problem = data.relation_problem(record)
            if problem:
                raise OperationError(problem)
            assert isinstance(record, dict)
            return self._set_relation(data, record["id"], ordered(record, RELATION_FIELDS))
        if kind == "unrel":
            data = self._target(op.get("doc_id"), "deletes a relation of")
            relation_id = op.get("id")
            if seq is not None and data.seq >= seq:
                return None
            if not isinstance(relation_id, str) or relation_id not in data.relations:
                raise OperationError(f"deletes unknown relation {relation_id!r}")
            return self._set_relation(data, relation_id, None)
        if kind in ("sug", "unsug"):
            return self._apply_suggestion(op, seq)
        raise OperationError(f"unknown operation {kind!r}")

    def restore(self, undo: Undo) -> None:
        """Undo one applied operation."""
        kind, doc_id, key, previous = undo
        if kind == "span":
            self._set_span(self.data(doc_id), key, previous)
        elif kind == "rel":
            self._set_relation(self.data(doc_id), key, previous)
        elif kind == "sug":
            self._set_suggestion(self.data(doc_id), key, previous)
        elif previous is None:
            self.remove_document(doc_id)
        else:
            data = self.data(doc_id)
            data.doc = previous
            data.dirty = True
            self.rows[doc_id].update({name: previous.get(name) for name in ROW_FIELDS})

    def add_document(self, data: DocData) -> None:
        """Put a whole document (read from a file) in memory and in the list of documents."""
        self.rows[data.doc["id"]] = row_of(data)
        self._adopt(data)

    def remove_document(self, doc_id: str) -> None:
        self.rows.pop(doc_id, None)
        data = self.loaded.pop(doc_id, None)
        if data is not None:
            for span_id in data.spans:
                self.span_doc.pop(span_id, None)
            for relation_id in data.relations:
                self.relation_doc.pop(relation_id, None)

    def written(self, seq: int) -> None:
        """Compaction wrote every changed document and the manifest at commit `seq`."""
        for data in self.loaded.values():
            if data.dirty:
                data.dirty, data.seq = False, seq
        self.manifest_seq = seq
        self._evict()

    def dirty(self) -> list[DocData]:
        return [data for data in self.loaded.values() if data.dirty]

    # -- internals -----------------------------------------------------------------------------

    def _apply_doc(self, record: object, seq: int | None) -> Undo | None:
        doc_id = record.get("id") if isinstance(record, dict) else None
        if seq is not None and isinstance(doc_id, str) and doc_id not in self.rows:
            self._adopt_file(doc_id)  # its file may have been written before the manifest
        exists = isinstance(doc_id, str) and doc_id in self.rows
        problem = document_problem(record, partial=exists)
        if problem:
            raise OperationError(f"document {problem}")
        assert isinstance(record, dict) and isinstance(doc_id, str)
        if not exists:
            data = DocData(ordered(record, DOCUMENT_FIELDS))
            data.dirty = True
            self.add_document(data)
            return ("doc", doc_id, doc_id, None)
        data = self.data(doc_id)
        if seq is not None and data.seq >= seq:
            return None
        previous = data.doc
        data.doc = {
            key: value
            for key, value in dict(previous, **record).items()
            if value is not None or key in DOCUMENT_FIELDS  # {"note": None} removes the note
        }
        data.dirty = True
        self.rows[doc_id].update({name: data.doc.get(name) for name in ROW_FIELDS})
        return ("doc", doc_id, doc_id, previous)

    def _target(self, doc_id: object, what: str) -> DocData:
        if not isinstance(doc_id, str) or doc_id not in self.rows:
            raise OperationError(f"{what} unknown document {doc_id!r}")
        return self.data(doc_id)

    def _set_span(self, data: DocData, span_id: str, record: Record | None) -> Undo:
        doc_id = data.doc["id"]
        previous = data.set_span(span_id, record)
        row = self.rows[doc_id]
        if previous is not None:  # its id stays in span_doc: asked for again, not found at once
            count(row, previous, -1)
        if record is not None:
            count(row, record, 1)
            self.span_doc[span_id] = doc_id
        if data.relations and (
            previous is None or record is None or previous["label"] != record["label"]
        ):
            count_links(row, data)  # a linked span came, went or changed its label
        data.dirty = True
        return ("span", doc_id, span_id, previous)

    def _set_relation(self, data: DocData, relation_id: str, record: Record | None) -> Undo:
        doc_id = data.doc["id"]
        previous = data.relations.pop(relation_id, None)
        self.relation_doc[relation_id] = doc_id  # kept after a delete, as for spans
        if record is not None:
            data.relations[relation_id] = record
        count_links(self.rows[doc_id], data)
        data.dirty = True
        return ("rel", doc_id, relation_id, previous)

    def _apply_suggestion(self, op: Record, seq: int | None) -> Undo | None:
        if op["op"] == "sug":
            record = op.get("sug")
            problem = suggestion_problem(record)
            if problem:
                raise OperationError(f"suggestion {problem}")
            assert isinstance(record, dict)
            data = self._target(record["doc_id"], "suggestion of")
            if seq is not None and data.seq >= seq:
                return None
            return self._set_suggestion(data, record["id"], ordered(record, SUGGESTION_FIELDS))
        data = self._target(op.get("doc_id"), "deletes a suggestion of")
        suggestion_id = op.get("id")
        if seq is not None and data.seq >= seq:
            return None
        if not isinstance(suggestion_id, str) or suggestion_id not in data.suggestions:
            raise OperationError(f"deletes unknown suggestion {suggestion_id!r}")
        return self._set_suggestion(data, suggestion_id, None)

    def _set_suggestion(self, data: DocData, suggestion_id: str, record: Record | None) -> Undo:
        previous = data.suggestions.pop(suggestion_id, None)
        if record is not None:
            data.suggestions[suggestion_id] = record
        if (record is not None and is_conflict(record)) or (previous and is_conflict(previous)):
            self.rows[data.doc["id"]]["conflicts"] = open_conflicts(data)
        data.dirty = True
        return ("sug", data.doc["id"], suggestion_id, previous)

    def _adopt(self, data: DocData) -> None:
        doc_id = data.doc["id"]
        for relation_id in data.relations:
            self.relation_doc[relation_id] = doc_id
        if data.seq > self.manifest_seq and doc_id in self.rows:
            self.rows[doc_id] = row_of(data)  # the file is newer than the manifest's row
        self.loaded[doc_id] = data
        for span_id in data.spans:
            self.span_doc[span_id] = doc_id
        self._evict()

    def _adopt_file(self, doc_id: str) -> None:
        data = self.loader(doc_id, False) if self.loader is not None else None
        if data is not None:
            self.add_document(data)

    def _evict(self) -> None:
        """Drop the least recently used unchanged documents past `cache` (never without a loader)."""
        if self.loader is None or len(self.loaded) <= self.cache:
            return
        for doc_id in list(self.loaded)[:-1]:  # never the one just read
            if len(self.loaded) <= self.cache:
                break
            if not self.loaded[doc_id].dirty:
                del self.loaded[doc_id]  # its spans stay in span_doc: found again by id at once
