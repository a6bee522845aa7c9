"""AnnotationStore: documents and their labelled spans, durable on every change, one writer at a time.

How a change is saved: it is applied to the in-memory indexes, then appended to the journal as
one checksummed line and fsync'd (about a third of a millisecond here), and only then does the
call return. The files (see `layout`: a small manifest, one file per document) are rewritten
(atomically) only at compaction: on close, on `compact()`, after a big batch, and when the
journal outgrows the manifest; only the documents that changed are written. Opening reads the
manifest and replays the journal's commits that the files do not hold yet. So a save never
costs a whole-file rewrite, and a crash at any instant leaves a store that opens with every
acknowledged change.

What concerns one document is read from that document's file when first asked for, and kept
in memory while it is used (see `state`): opening, listing documents and moving between them
cost the same at 10 documents as at 10,000. Returned dicts are copies; changing them changes
nothing stored. A store of the first, single-file layout is read whole; the first writable
open migrates it (see `migration`), keeping the old files in `<store>.v1-backup/`.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType, TracebackType
from typing import Any, Protocol, cast

from reader.store import journal, layout
from reader.store.anchor import ReanchorReport, locate, reanchor
from reader.store.errors import (
    NotFoundError,
    StoreDamagedError,
    StoreError,
    StoreLockedError,
    StoreReadOnlyError,
)
from reader.store.files import StorePaths, atomic_write, atomic_write_many, make_directories
from reader.store.loading import exists, load
from reader.store.lock import WriterLock
from reader.store.migration import migrate
from reader.store.model import (
    CONFLICT,
    PENDING,
    SAID_BY,
    DocumentRecord,
    DocumentRow,
    RelationRecord,
    SpanRecord,
    SuggestionRecord,
    check_range,
    check_status,
    check_unicode,
    context,
    default_annotator,
    make_document,
    make_relation,
    make_span,
    make_suggestion,
    new_span_id,
    now,
    sha256_of,
    suggestion_problem,
    title_of,
)
from reader.store.state import DocData, OperationError, Record, State, Undo

#: Compact when the journal passes this many bytes, or the size of the manifest if larger
#: (so replay on open reads a bounded journal).
JOURNAL_LIMIT = 8 * 1024 * 1024

#: A batch with at least this many changes is compacted into the files right after its
#: journal line is written (so the journal never carries a 40 MB line for long).
BIG_BATCH = 1000


class Proposal(Protocol):
    """What add_suggestions takes: a proposed labelled range and who proposed it
    (reader.assist's Suggestion is one)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def label(self) -> str: ...
    @property
    def suggester(self) -> str: ...


@dataclass
class _Batch:
    ops: list[Record] = field(default_factory=list)
    undos: list[Undo] = field(default_factory=list)


class AnnotationStore:
    """The annotation store at one path. Open it with `AnnotationStore.open(path)`.

    A span dict: {"id", "doc_id", "start", "end", "label", "text", "prefix", "suffix",
    "annotator", "created", "updated", "orphaned"}. Offsets are code points into the document's
    text, end exclusive; `text` is `document_text[start:end]` for an anchored span, and for an
    orphaned one the last quote seen (with its old context), kept so it can be found again.
    `created`/`updated` are ISO-8601 UTC with seconds, e.g. "2025-03-01T09:30:12Z".

    A relation: {"id", "doc_id", "type", "from", "to", "annotator", "created", "updated"},
    "from" and "to" being span ids of the same document. A note is a "note" field on a span
    or a document record, absent when there is none.

    Undo/redo: `put_span`, `delete_span`, `relabel_span`, `move_span` each return the version
    they replaced, and `put_span(that)` puts it back; `put_relation` and `delete_relation` the
    same for relations, `put_suggestion` and `delete_suggestion` for suggestions. `set_status`
    and `set_note` return the previous value.

    Suggestions (proposed spans, `add_suggestions`) are kept apart from the spans, in their
    own table: pending or rejected, never counted. `accept_suggestion` makes one a span with
    "origin": "suggestion:<suggester>"; a rejected one is kept so it is never proposed again.

    Reading: `documents()` is the manifest (no text); `document(id)` and `spans(id)` read the
    document's file once; `read_documents()` streams every document without keeping them.

    Errors: ValueError for bad arguments; NotFoundError (a KeyError) for an unknown id;
    StoreReadOnlyError, StoreLockedError, StoreDamagedError, StoreError (all ReaderErrors, one
    line each) for the store itself. One instance may be shared by threads (a lock guards it).
    """

    def __init__(
        self,
        paths: StorePaths,
        state: State,
        *,
        annotator: str | None,
        read_only: bool,
        lock: WriterLock | None,
        writer: journal.JournalWriter | None,
        lock_holder: str | None,
        journal_limit: int,
        base_size: int,
    ) -> None:
        self._paths = paths
        self._state = state
        self._annotator = annotator
        self.read_only = read_only
        self.lock_holder = lock_holder
        self._lock = lock
        self._journal = writer
        self._journal_limit = journal_limit
        self._base_size = base_size
        self._batch: _Batch | None = None
        self._mutex = threading.RLock()
        self._closed = False
        #: The re-anchoring report of the last `add_document` call that changed a document's
        #: text; None after a call that added a new document or changed nothing.
        self.last_reanchor: ReanchorReport | None = None
        #: Set when an automatic compaction failed (the change itself was saved in the journal).
        self.compaction_error: OSError | None = None

    # -- opening and closing ---------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | Path,
        read_only: bool = False,
        annotator: str | None = None,
        *,
        journal_limit: int = JOURNAL_LIMIT,
    ) -> AnnotationStore:
        """Open the store at `path`, creating it (and its folders) if missing, unless read-only.

        Writing takes the store's lock: StoreLockedError names the holder if another process has
        it. Read-only takes no lock and changes no file; it sees the store as it was when opened.
        A damaged file is a StoreDamagedError, and every file is left as it was.
        """
        if annotator is not None:
            if not isinstance(annotator, str):
                raise ValueError(f"annotator must be a string, got {annotator!r}")
            check_unicode(annotator=annotator)
        paths = StorePaths.of(path)
        try:
            return cls._open(paths, read_only, annotator, journal_limit)
        except OSError as error:
            mode = "read store {}" if read_only else "open store {} for writing"
            raise StoreError(
                f"cannot {mode.format(paths.base)}: {error.strerror or error}"
                f"{f' ({error.filename})' if error.filename and str(error.filename) != str(paths.base) else ''}; "
                "check the path and its folder's permissions"
            ) from None

    @classmethod
    def _open(
        cls, paths: StorePaths, read_only: bool, annotator: str | None, journal_limit: int
    ) -> AnnotationStore:
        if read_only:
            if not exists(paths.base):
                raise StoreError(
                    f"there is no store at {paths.base}; open it for writing (or import) to create it"
                )
            snapshot = load(paths)
            return cls(
                paths,
                snapshot.state,
                annotator=annotator,
                read_only=True,
                lock=None,
                writer=None,
                lock_holder=None,
                journal_limit=journal_limit,
                base_size=snapshot.base_size,
            )
        make_directories(paths.base.parent)
        lock = WriterLock.acquire(paths.lock, paths.base)
        try:
            for stale in paths.stale_temporaries(documents=False):
                stale.unlink(missing_ok=True)
            if not exists(paths.base):
                cls._create(paths)
            snapshot = load(paths)
            if snapshot.legacy:
                migrate(paths, snapshot.state)
                snapshot = load(paths)
            writer = journal.JournalWriter(paths.journal, truncate_to=snapshot.scan.good_end)
        except BaseException:
            lock.release()
            raise
        return cls(
            paths,
            snapshot.state,
            annotator=annotator,
            read_only=False,
            lock=lock,
            writer=writer,
            lock_holder=None,
            journal_limit=journal_limit,
            base_size=snapshot.base_size,
        )

    @classmethod
    def open_or_read_only(
        cls, path: str | Path, annotator: str | None = None, **options: Any
    ) -> AnnotationStore:
        """Open for writing, or read-only if another process writes it (`lock_holder` then says who)."""
        try:
            return cls.open(path, annotator=annotator, **options)
        except StoreLockedError as locked:
            store = cls.open(path, read_only=True, annotator=annotator, **options)
            store.lock_holder = locked.holder
            return store

    @staticmethod
    def _create(paths: StorePaths) -> None:
        leftovers = paths.leftovers()
        if leftovers:
            raise StoreDamagedError(
                paths.base, f"the file is missing but {leftovers[0].name} is there", paths.base
            )
        atomic_write(paths.base, layout.empty_manifest())

    def close(self) -> None:
        """Compact the journal into the store's files, and give up the lock. Safe to call twice."""
        if self._closed:
            return
        with self._mutex:
            if self._batch is not None:
                raise StoreError(
                    f"cannot close store {self._paths.base} inside a batch; close it after the batch"
                )
            self._closed = True
            try:
                if self._journal is not None and self._journal.size:
                    self._compact()
            except OSError as error:
                raise StoreError(
                    f"could not write {self._paths.base}: {error.strerror or error}"
                    f"{f' ({error.filename})' if error.filename else ''}; every change is safe "
                    f"in {self._paths.journal} and will be there next time"
                ) from None
            finally:
                if self._journal is not None:
                    self._journal.close()
                if self._lock is not None:
                    self._lock.release()

    def __enter__(self) -> AnnotationStore:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "writable"
        return f"<AnnotationStore {self._paths.base} {mode}, {len(self._state.rows)} documents, {self._state.span_count()} spans>"

    # -- where things are --------------------------------------------------------------------------

    @property
    def path(self) -> Path:
        """The store's main file, the manifest (absolute)."""
        return self._paths.base

    @property
    def paths(self) -> StorePaths:
        """All the store's files: `.journal`, `.backup`, `.journal_backup`, `.lock`, `.documents`."""
        return self._paths

    @property
    def annotator(self) -> str:
        """Who new spans are by when add_span is not told: the store's annotator, else the login."""
        if not self._annotator:
            self._annotator = default_annotator()  # once: getpass costs 30 us a call
        return self._annotator

    # -- documents ---------------------------------------------------------------------------------

    def add_document(
        self,
        text: str,
        source: str | Path | None = None,
        doc_id: str | None = None,
        title: str | None = None,
        status: str = "todo",
    ) -> str:
        """Add a document (its full text is stored) and return its id.

        The id is `doc_id`, else `source` as given, else "sha-" and 12 hex digits of the text's
        sha256. An existing id with the same text: nothing changes. With different text: the text
        (and title, and source if given) is updated, the status kept, and the document's spans
        re-anchor; the report is `last_reanchor` (see also `update_text`).
        """
        if not isinstance(text, str):
            raise ValueError(f"document text must be a string, got {type(text).__name__}")
        source = None if source is None else str(source)
        if doc_id is None:
            doc_id = source if source is not None else "sha-" + sha256_of(text)[:12]
        if not isinstance(doc_id, str) or not doc_id:
            raise ValueError(f"document id must be a non-empty string, got {doc_id!r}")
        if title is not None and not isinstance(title, str):
            raise ValueError(f"title must be a string, got {title!r}")
        check_unicode(document_id=doc_id, text=text, title=title, source=source)
        problem = check_status(status)
        if problem:
            raise ValueError(problem)
        self._writable()
        with self._mutex:
            self.last_reanchor = None
            if doc_id not in self._state.rows:
                self._commit(
                    [{"op": "doc", "doc": make_document(doc_id, text, source, status, title)}]
                )
            elif self._doc(doc_id)["text"] != text:
                self.last_reanchor = self.update_text(doc_id, text, source=source, title=title)
            return doc_id

    def update_text(
        self, doc_id: str, text: str, *, source: str | None = None, title: str | None = None
    ) -> ReanchorReport:
        """Replace a document's text and re-anchor its spans, in one durable commit; returns the report.

        Spans are found again from quote and context (see `reader.store.anchor`); a span that
        cannot be found is kept, marked `"orphaned": True`, its offsets clipped into the new text
        and its `text`/`prefix`/`suffix` left as the last quote seen, so it can be found again later.
        """
        self._writable()
        with self._mutex:
            doc = self._doc(doc_id)
            update: Record = {
                "id": doc_id,
                "text": text,
                "sha256": sha256_of(text),
                "title": title_of(text) if title is None else title,
            }
            if source is not None:
                update["source"] = source
            changed, report = reanchor(doc["text"], text, self._data(doc_id).sorted_spans(), doc_id)
            ops = [{"op": "doc", "doc": update}] + [
                {"op": "span", "span": span} for span in changed
            ]
            self._commit(ops, big=len(ops) >= BIG_BATCH)
            return report

    def has_document(self, doc_id: str) -> bool:
        self._check_open()
        return doc_id in self._state.rows

    def document(self, doc_id: str) -> DocumentRecord:
        """{"id", "title", "source", "status", "sha256", "text"}; NotFoundError (a KeyError) if absent.

        Reads the document's file the first time (a few milliseconds), from memory after.
        """
        with self._mutex:
            return cast(DocumentRecord, dict(self._doc(doc_id)))

    def documents(self) -> list[DocumentRow]:
        """Every document in the order they were added, from the manifest: no text (see
        `document`), but "span_count", "labels" (spans per label) and "orphaned" (a count)."""
        self._check_open()
        with self._mutex:
            rows = [
                {**row, "labels": {**row["labels"]}, "spoken": {**row.get("spoken", {})}}
                for row in self._state.rows.values()
            ]
            return cast(list[DocumentRow], rows)

    def document_rows(self) -> list[Mapping[str, Any]]:
        """The manifest rows themselves, read-only, for what reads every document's row (the
        documents list, `stats`): `documents` without a copy of each row. Their `labels` and
        `spoken` must not be changed."""
        self._check_open()
        with self._mutex:
            return list(map(MappingProxyType, self._state.rows.values()))

    def document_ids(self) -> list[str]:
        """The documents' ids in the order they were added (`documents` without copying rows)."""
        self._check_open()
        with self._mutex:
            return list(self._state.rows)

    def document_count(self) -> int:
        """How many documents the store holds."""
        self._check_open()
        return len(self._state.rows)

    def set_status(self, doc_id: str, status: str) -> str:
        """Set a document's status (todo, in_progress, done, skipped); returns the previous one."""
        problem = check_status(status)
        if problem:
            raise ValueError(problem)
        self._writable()
        with self._mutex:
            previous: str = self._doc(doc_id)["status"]
            if previous != status:
                self._commit([{"op": "doc", "doc": {"id": doc_id, "status": status}}])
            return previous

    # -- spans ---------------------------------------------------------------------------------------

    def add_span(
        self,
        doc_id: str,
        start: int,
        end: int,
        label: str,
        annotator: str | None = None,
        annotators: Sequence[str] = (),
    ) -> str:
        """Label text[start:end] (code points, end exclusive) and return the span's id.

        Durable when it returns. The same document, range and label as an existing span returns
        that span's id and adds nothing. Overlapping and nested spans are fine. `annotators`:
        in a gold store, everyone who made this span (its provenance).
        """
        _check_label(label)
        if annotator is not None and not isinstance(annotator, str):
            raise ValueError(f"annotator must be a string, got {annotator!r}")
        check_unicode(annotator=annotator)
        self._writable()
        with self._mutex:
            doc = self._doc(doc_id)
            problem = check_range(start, end, len(doc["text"]))
            if problem:
                raise ValueError(f"cannot add a span to document {doc_id!r}: {problem}")
            existing = self._data(doc_id).find_range(start, end, label)
            if existing is not None:
                return existing
            record = self._new_span(doc_id, doc["text"], start, end, label, annotator)
            span_id: str = record["id"]
            if annotators:
                check_unicode(annotators=" ".join(annotators))
                record["annotators"] = list(annotators)
            self._commit([{"op": "span", "span": record}])
            return span_id

    def find_span(self, doc_id: str, start: int, end: int, label: str) -> str | None:
        """The id of the anchored span with exactly this document, range and label, if any."""
        with self._mutex:
            return self._data(doc_id).find_range(start, end, label)

    def spans(self, doc_id: str) -> list[SpanRecord]:
        """The document's spans sorted by (start, -end, label), as dicts (see module `model`)."""
        with self._mutex:  # a worker thread may be changing them
            return [cast(SpanRecord, dict(span)) for span in self._data(doc_id).sorted_spans()]

    def read_documents(
        self, doc_ids: Iterable[str] | None = None
    ) -> Iterator[tuple[DocumentRecord, list[SpanRecord]]]:
        """Each document (all, or those of `doc_ids`, in that order) with its spans in text order,
        read one at a time and not kept: for exports and checks of the whole store, in memory
        bounded by the largest document. NotFoundError for an unknown id (when it is reached)."""
        for doc, spans, _relations in self.read_documents_with_relations(doc_ids):
            yield doc, spans

    def read_documents_with_relations(
        self, doc_ids: Iterable[str] | None = None
    ) -> Iterator[tuple[DocumentRecord, list[SpanRecord], list[RelationRecord]]]:
        """`read_documents`, each document with its relations too (a full export's needs, from
        the one read of each document's file)."""
        self._check_open()
        for doc_id in list(self._state.rows) if doc_ids is None else doc_ids:
            with self._mutex:
                self._check_open()
                loaded = doc_id in self._state.loaded
                data = self._state.peek(doc_id)
                if data is None:
                    raise NotFoundError(
                        f"there is no document {doc_id!r} in store {self._paths.base}"
                    )
                doc = dict(data.doc)
                spans = data.sorted_spans()
                relations = list(data.relations.values())
                if loaded:  # the store's own records: give copies
                    spans = [dict(span) for span in spans]
                    relations = [dict(relation) for relation in relations]
            yield (
                cast(DocumentRecord, doc),
                cast(list[SpanRecord], spans),
                cast(list[RelationRecord], relations),
            )

    def span(self, span_id: str) -> SpanRecord:
        """One span by id; NotFoundError (a KeyError) if there is none.

        Fast for a span of a document read already (`document`, `spans`); otherwise documents
        are read until it is found.
        """
        with self._mutex:
            return cast(SpanRecord, dict(self._span(span_id)))

    def span_count(self) -> int:
        """How many spans the store holds, all documents together (from the manifest)."""
        self._check_open()
        with self._mutex:  # another thread may be adding a document
            return self._state.span_count()

    def put_span(self, span: Mapping[str, Any]) -> SpanRecord | None:
        """Insert or replace a span by its "id"; returns the version it replaced, or None.

        The undo/redo primitive: `put_span(store.delete_span(i))` restores span i exactly. Needs
        "id", "doc_id", "start", "end", "label"; "annotator", "created", "updated" default to the
        store's annotator and now. For an anchored span, "text", "prefix" and "suffix" are taken
        from the document; if a given "text" no longer matches there (the text changed since), the
        span is re-anchored from it, or stored orphaned. An orphaned span is stored as given.
        """
        self._writable()
        with self._mutex:
            record = self._complete(span)
            previous = self._data(record["doc_id"]).spans.get(record["id"])
            self._commit([{"op": "span", "span": record}])
            return None if previous is None else cast(SpanRecord, dict(previous))

    def delete_span(self, span_id: str) -> SpanRecord:
        """Remove a span, and its relations in the same commit; returns the span (give it to
        put_span, and its relations to put_relation, to undo)."""
        self._writable()
        with self._mutex:
            previous = self._span(span_id)
            doc_id = previous["doc_id"]
            ops: list[Record] = [
                {"op": "unrel", "id": relation["id"], "doc_id": doc_id}
                for relation in self._data(doc_id).relations.values()
                if span_id in (relation["from"], relation["to"])
            ]
            self._commit([*ops, {"op": "del", "id": span_id, "doc_id": doc_id}])
            return cast(SpanRecord, dict(previous))

    def relabel_span(self, span_id: str, label: str) -> SpanRecord:
        """Change a span's label (its "updated" time too); returns the previous version."""
        _check_label(label)
        self._writable()
        with self._mutex:
            previous = self._span(span_id)
            if previous["label"] != label:
                self._commit([{"op": "span", "span": dict(previous, label=label, updated=now())}])
            return cast(SpanRecord, dict(previous))

    def move_span(self, span_id: str, start: int, end: int) -> SpanRecord:
        """Give a span new offsets (text and context follow, an orphan is anchored again); returns the previous."""
        self._writable()
        with self._mutex:
            previous = self._span(span_id)
            text = self._doc(previous["doc_id"])["text"]
            problem = check_range(start, end, len(text))
            if problem:
                raise ValueError(f"cannot move span {span_id!r}: {problem}")
            record = make_span(
                span_id,
                previous["doc_id"],
                text,
                start,
                end,
                previous["label"],
                previous["annotator"],
                previous["created"],
                now(),
            )
            record.update({k: v for k, v in previous.items() if k not in record})  # note, origin
            if record != previous:
                self._commit([{"op": "span", "span": record}])
            return cast(SpanRecord, dict(previous))

    # -- relations and notes ----------------------------------------------------------------------

    def add_relation(
        self,
        doc_id: str,
        from_span_id: str,
        to_span_id: str,
        type: str = SAID_BY,
        annotator: str | None = None,
    ) -> str:
        """Link two spans of a document (`said_by`: from a claim to its actor); returns the
        relation's id. Durable when it returns. The same link again returns the existing id."""
        if not isinstance(type, str) or not type:
            raise ValueError(f"a relation type must be a non-empty string, got {type!r}")
        check_unicode(relation_type=type, annotator=annotator)
        self._writable()
        with self._mutex:
            data = self._data(doc_id)
            for span_id in (from_span_id, to_span_id):
                if span_id not in data.spans:
                    raise NotFoundError(
                        f"there is no span {span_id!r} in document {doc_id!r} of store {self._paths.base}"
                    )
            if from_span_id == to_span_id:
                raise ValueError(f"a relation needs two spans, got {from_span_id!r} twice")
            for relation in data.relations.values():
                if (relation["from"], relation["to"], relation["type"]) == (
                    from_span_id,
                    to_span_id,
                    type,
                ):
                    return str(relation["id"])
            relation_id = _fresh_id(self._state.relation_doc)
            record = make_relation(
                relation_id,
                doc_id,
                type,
                from_span_id,
                to_span_id,
                annotator or self.annotator,
                now(),
            )
            self._commit([{"op": "rel", "rel": record}])
            return relation_id

    def relations(self, doc_id: str) -> list[RelationRecord]:
        """The document's relations, in the order they were made."""
        with self._mutex:
            return [
                cast(RelationRecord, dict(relation))
                for relation in self._data(doc_id).relations.values()
            ]

    def relation(self, relation_id: str) -> RelationRecord:
        """One relation by id (of a document read already); NotFoundError if there is none."""
        with self._mutex:
            return cast(RelationRecord, dict(self._relation(relation_id)))

    def put_relation(self, relation: Mapping[str, Any]) -> RelationRecord | None:
        """Insert or replace a relation by its "id"; returns the version it replaced, or None.
        The undo primitive: `put_relation(store.delete_relation(i))` restores relation i."""
        self._writable()
        if not isinstance(relation, Mapping):
            raise ValueError(f"put_relation needs a relation dict, got {relation!r}")
        record = dict(relation)
        record.setdefault("type", SAID_BY)
        record.setdefault("annotator", self.annotator)
        record.setdefault("created", now())
        record.setdefault("updated", record["created"])
        check_unicode(**{key: value for key, value in record.items() if isinstance(value, str)})
        doc_id = record.get("doc_id")
        if not isinstance(doc_id, str):
            raise ValueError(f"put_relation needs the relation's doc_id, got {doc_id!r}")
        with self._mutex:
            data = self._data(doc_id)
            problem = data.relation_problem(record)
            if problem:
                raise ValueError(problem)
            previous = data.relations.get(record["id"])
            self._commit([{"op": "rel", "rel": record}])
            return None if previous is None else cast(RelationRecord, dict(previous))

    def delete_relation(self, relation_id: str) -> RelationRecord:
        """Remove a relation; returns it (give it to put_relation to undo)."""
        self._writable()
        with self._mutex:
            previous = self._relation(relation_id)
            self._commit([{"op": "unrel", "id": relation_id, "doc_id": previous["doc_id"]}])
            return cast(RelationRecord, dict(previous))

    def set_note(self, doc_id: str, text: str, span_id: str | None = None) -> str:
        """Set the note on a document, or on one of its spans; "" removes it. Returns the
        previous note ("" if there was none). Durable when it returns."""
        if not isinstance(text, str):
            raise ValueError(f"a note must be a string, got {text!r}")
        check_unicode(note=text)
        self._writable()
        with self._mutex:
            if span_id is None:
                previous = str(self._doc(doc_id).get("note", ""))
                if previous != text:
                    self._commit([{"op": "doc", "doc": {"id": doc_id, "note": text or None}}])
                return previous
            span = self._span(span_id)
            if span["doc_id"] != doc_id:
                raise NotFoundError(f"there is no span {span_id!r} in document {doc_id!r}")
            previous = str(span.get("note", ""))
            if previous != text:
                record = {key: value for key, value in span.items() if key != "note"}
                if text:
                    record["note"] = text
                record["updated"] = now()
                self._commit([{"op": "span", "span": record}])
            return previous

    # -- suggestions ------------------------------------------------------------------------------

    def add_suggestions(self, doc_id: str, suggestions: Iterable[Proposal]) -> list[str]:
        """Keep proposed spans (each with start, end, label, suggester) apart from the spans;
        returns the new suggestions' ids, in one durable commit.

        A proposal's `speaker` ((start, end) of a claim's actor), if it has one, is kept with it.
        One is skipped if its range and label are those of a span already there (a person's),
        of a pending suggestion, or of a rejected one (never proposed again), or if its range
        is not in the text. Spans are never touched.
        """
        self._writable()
        with self._mutex:
            data = self._data(doc_id)
            text = data.doc["text"]
            taken = {(s["start"], s["end"], s["label"]) for s in data.suggestions.values()}
            ops: list[Record] = []
            ids: list[str] = []
            fresh: set[str] = set()
            checked: set[tuple[str, str]] = set()
            stamp = now()
            for proposal in suggestions:
                key = (proposal.start, proposal.end, proposal.label)
                if (
                    key in taken
                    or check_range(proposal.start, proposal.end, len(text)) is not None
                    or data.find_range(*key) is not None
                ):
                    continue
                names = (proposal.label, proposal.suggester)
                if names not in checked:  # a few of each in 10,000 suggestions: check once
                    _check_label(proposal.label)
                    check_unicode(suggester=proposal.suggester)
                    checked.add(names)
                taken.add(key)
                suggestion_id = _fresh_id(data.suggestions, fresh)
                ids.append(suggestion_id)
                fresh.add(suggestion_id)
                record = make_suggestion(
                    suggestion_id, doc_id, text, key, proposal.suggester, stamp
                )
                speaker = getattr(proposal, "speaker", None)  # a claim's actor, if known
                if speaker is not None and check_range(speaker[0], speaker[1], len(text)) is None:
                    record["speaker"] = [speaker[0], speaker[1]]
                ops.append({"op": "sug", "sug": record})
            if ops:
                self._commit(ops, big=len(ops) >= BIG_BATCH)
            return ids

    def add_conflict(
        self, doc_id: str, versions: Mapping[str, Iterable[tuple[int, int, str]]]
    ) -> list[str]:
        """Keep one conflict of `reader merge`: each annotator's version of a range (their
        spans in it, (start, end, label); maybe none). Each distinct span becomes a pending
        suggestion with the conflict's "group" and the "annotators" whose version holds it,
        suggested by "conflict", and "among": every annotator of the range (whose version
        may be to mark nothing); returns their ids, in one durable commit. Settled by accepting
        and rejecting them (`History.settle`)."""
        self._writable()
        holders: dict[tuple[int, int, str], list[str]] = {}
        for annotator, spans in versions.items():
            for key in spans:
                holders.setdefault(tuple(key), []).append(annotator)  # type: ignore[arg-type]
        with self._mutex:
            data = self._data(doc_id)
            text = data.doc["text"]
            group = new_span_id()
            ids: list[str] = []
            ops: list[Record] = []
            stamp = now()
            for key, annotators in sorted(holders.items()):
                problem = check_range(key[0], key[1], len(text))
                if problem:
                    raise ValueError(f"conflict in {doc_id!r}: {problem}")
                _check_label(key[2])
                check_unicode(annotators=" ".join(annotators))
                suggestion_id = _fresh_id(data.suggestions, ids)
                record = make_suggestion(suggestion_id, doc_id, text, key, CONFLICT, stamp)
                record.update(group=group, annotators=annotators, among=list(versions))
                ids.append(suggestion_id)
                ops.append({"op": "sug", "sug": record})
            if ops:
                self._commit(ops)
            return ids

    def suggestions(
        self, doc_id: str, status: str = PENDING, overlapping: tuple[int, int] | None = None
    ) -> list[SuggestionRecord]:
        """The document's suggestions with this status ("pending" or "rejected"), in text order;
        only those overlapping a range [start, end) if one is given (copied: only those)."""
        lo, hi = overlapping if overlapping is not None else (0, sys.maxsize)
        with self._mutex:
            found = [
                dict(s)
                for s in self._data(doc_id).suggestions.values()
                if s["status"] == status and s["start"] < hi and lo < s["end"]
            ]
        found.sort(key=lambda s: (s["start"], s["end"], s["label"], s["id"]))
        return cast(list[SuggestionRecord], found)

    def conflicts(self, doc_id: str) -> int:
        """How many conflicts of `reader merge` are still to settle in the document (groups
        with a pending version), from the manifest: no document is read."""
        self._check_open()
        with self._mutex:
            row = self._state.rows.get(doc_id)
            if row is None:
                raise NotFoundError(f"there is no document {doc_id!r}")
            return int(row.get("conflicts", 0))

    def open_conflicts(self) -> dict[str, int]:
        """Document id -> its conflicts still to settle, for the documents that have any, in
        store order (from the manifest: nothing is read)."""
        self._check_open()
        with self._mutex:
            return {
                doc_id: row["conflicts"]
                for doc_id, row in self._state.rows.items()
                if row.get("conflicts")
            }

    def has_suggestions(self, doc_id: str) -> bool:
        """Whether the suggesters have left anything here (pending or rejected suggestions)."""
        with self._mutex:
            return bool(self._data(doc_id).suggestions)

    def suggestion(self, doc_id: str, suggestion_id: str) -> SuggestionRecord:
        """One suggestion of a document; NotFoundError if there is none."""
        with self._mutex:
            return cast(SuggestionRecord, dict(self._suggestion(doc_id, suggestion_id)))

    def put_suggestion(self, suggestion: Mapping[str, Any]) -> SuggestionRecord | None:
        """Insert or replace a whole suggestion record; returns the one it replaced, or None
        (the undo primitive, as put_span is for spans)."""
        self._writable()
        record = dict(suggestion)
        problem = suggestion_problem(record)
        if problem:
            raise ValueError(f"suggestion {problem}")
        check_unicode(**{key: value for key, value in record.items() if isinstance(value, str)})
        with self._mutex:
            previous = self._data(record["doc_id"]).suggestions.get(record["id"])
            self._commit([{"op": "sug", "sug": record}])
            return None if previous is None else cast(SuggestionRecord, dict(previous))

    def delete_suggestion(self, doc_id: str, suggestion_id: str) -> SuggestionRecord:
        """Remove a suggestion; returns it (give it to put_suggestion to undo)."""
        self._writable()
        with self._mutex:
            previous = self._suggestion(doc_id, suggestion_id)
            self._commit([{"op": "unsug", "id": suggestion_id, "doc_id": doc_id}])
            return cast(SuggestionRecord, dict(previous))

    def accept_suggestion(self, doc_id: str, suggestion_id: str) -> str:
        """Make a pending suggestion an ordinary span by this store's annotator, with "origin":
        "suggestion:<suggester>" (and a conflict's "annotators"); returns the span's id (a
        span already there with its range and label is kept as it is). One commit: the
        suggestion goes, the span comes."""
        self._writable()
        with self._mutex:
            suggestion = self._suggestion(doc_id, suggestion_id)
            data = self._data(doc_id)
            start, end, label = suggestion["start"], suggestion["end"], suggestion["label"]
            ops: list[Record] = [{"op": "unsug", "id": suggestion_id, "doc_id": doc_id}]
            span_id = data.find_range(start, end, label)
            if span_id is None:
                record = self._new_span(doc_id, data.doc["text"], start, end, label)
                span_id = str(record["id"])
                record["origin"] = f"suggestion:{suggestion['annotator']}"
                if "annotators" in suggestion:  # a conflict's version: who made it
                    record["annotators"] = list(suggestion["annotators"])
                ops.append({"op": "span", "span": record})
            self._commit(ops)
            return span_id

    def _new_span(
        self, doc_id: str, text: str, start: int, end: int, label: str, annotator: str | None = None
    ) -> Record:
        """A new span record (not yet committed) with an id no span has had, by `annotator` or
        this store's."""
        stamp = now()
        span_id = _fresh_id(self._state.span_doc)
        return make_span(
            span_id, doc_id, text, start, end, label, annotator or self.annotator, stamp, stamp
        )

    def _suggestion(self, doc_id: str, suggestion_id: str) -> Record:
        found = self._data(doc_id).suggestions.get(suggestion_id)
        if found is None:
            raise NotFoundError(f"there is no suggestion {suggestion_id!r} in document {doc_id!r}")
        return found

    # -- batches and compaction ----------------------------------------------------------------------

    @contextmanager
    def batch(self) -> Iterator[AnnotationStore]:
        """Make many changes with one durable commit at the end (imports of 100k spans).

        Inside, changes are visible at once but not yet saved; if the block raises, they are all
        undone in memory and nothing is saved. A batch inside a batch joins the outer one.
        """
        self._writable()
        with self._mutex:
            if self._batch is not None:
                yield self
                return
            batch = self._batch = _Batch()
            try:
                yield self
            except BaseException:
                self._batch = None
                self._rollback(batch.undos)
                raise
            self._batch = None
            if batch.ops:
                self._save(batch.ops, batch.undos, big=len(batch.ops) >= BIG_BATCH)

    def compact(self) -> None:
        """Write every change into the store's files now (each atomically, the old one kept as `.bak`)."""
        self._writable()
        with self._mutex:
            if self._batch is not None:
                raise StoreError("cannot compact the store inside a batch; compact after it")
            try:
                self._compact()
            except OSError as error:
                raise StoreError(
                    f"could not compact store {self._paths.base}: {error.strerror or error}"
                    f"{f' ({error.filename})' if error.filename else ''}; every change is safe in "
                    f"{self._paths.journal} and is written at the next compaction"
                ) from None

    def _compact(self) -> None:
        assert self._journal is not None
        for stale in self._paths.stale_temporaries():  # a writer that died mid-write left them
            stale.unlink(missing_ok=True)
        self._base_size = write_files(self._paths, self._state)
        # The file now holds every commit; the journal's are stale. Set it aside with `.bak`.
        self._journal.rotate(self._paths.journal_backup)
        self.compaction_error = None

    # -- internals -----------------------------------------------------------------------------------

    def _commit(self, ops: list[Record], big: bool = False) -> None:
        """Apply operations in memory, then save them (or leave them to the open batch)."""
        undos: list[Undo] = []
        try:
            for op in ops:
                undo = self._state.apply(op)
                assert undo is not None  # only replay skips operations
                undos.append(undo)
        except OperationError as error:
            self._rollback(undos)
            raise ValueError(str(error)) from None
        if self._batch is not None:
            self._batch.ops.extend(ops)
            self._batch.undos.extend(undos)
            return
        self._save(ops, undos, big)

    def _save(self, ops: list[Record], undos: list[Undo], big: bool) -> None:
        """Append one commit to the journal and fsync; undo in memory if that fails."""
        assert self._journal is not None
        seq = self._state.seq + 1
        try:
            line = journal.encode(seq, ops)
        except ValueError as error:  # not JSON-able (a lone surrogate...): nothing is kept
            self._rollback(undos)
            raise ValueError(f"the change cannot be saved: {error}") from None
        try:
            self._journal.append(line)
        except OSError as error:
            self._rollback(undos)
            raise StoreError(
                f"could not save to {self._paths.journal} ({error.strerror or error}); the change was not saved"
            ) from None
        self._state.seq = seq
        if big or self._journal.size > max(self._journal_limit, self._base_size):
            try:
                self._compact()
            except (
                OSError
            ) as error:  # the change is safe in the journal; compaction is retried later
                self.compaction_error = error

    def _rollback(self, undos: list[Undo]) -> None:
        for undo in reversed(undos):
            self._state.restore(undo)

    def _complete(self, span: Mapping[str, Any]) -> Record:
        """A full span record from what put_span was given (see there)."""
        if not isinstance(span, Mapping):
            raise ValueError(f"put_span needs a span dict, got {type(span).__name__}")
        missing = [key for key in ("id", "doc_id", "start", "end", "label") if key not in span]
        if missing:
            raise ValueError(f"put_span needs {', '.join(missing)} in the span")
        record = dict(span)
        _check_label(record["label"])
        check_unicode(**{key: value for key, value in record.items() if isinstance(value, str)})
        if not isinstance(record["id"], str) or not record["id"]:
            raise ValueError(f"span id must be a non-empty string, got {record['id']!r}")
        text = self._doc(record["doc_id"])["text"]
        stamp = now()
        record.setdefault("annotator", self.annotator)
        record.setdefault("created", stamp)
        record.setdefault("updated", stamp)
        record.setdefault("orphaned", False)
        if record["orphaned"]:
            for key in ("text", "prefix", "suffix"):
                record.setdefault(key, "")
            return record
        start, end = record["start"], record["end"]
        quote = record.get("text")
        in_range = check_range(start, end, len(text)) is None
        if quote is None or (in_range and text[start:end] == quote):
            problem = check_range(start, end, len(text))
            if problem:
                raise ValueError(f"cannot put span {record['id']!r}: {problem}")
            record["text"] = text[start:end]
            record["prefix"], record["suffix"] = context(text, start, end)
            return record
        found = locate(
            text,
            quote,
            record.get("prefix", ""),
            record.get("suffix", ""),
            start if isinstance(start, int) else 0,
        )
        if found is None:
            record["orphaned"] = True
            record.setdefault("prefix", "")
            record.setdefault("suffix", "")
            return record
        record["start"], record["end"] = found, found + len(quote)
        record["prefix"], record["suffix"] = context(text, found, found + len(quote))
        return record

    def _data(self, doc_id: str) -> DocData:
        self._check_open()
        try:
            return self._state.data(doc_id)
        except (KeyError, TypeError):
            raise NotFoundError(
                f"there is no document {doc_id!r} in store {self._paths.base}"
            ) from None

    def _doc(self, doc_id: str) -> Record:
        return self._data(doc_id).doc

    def _span(self, span_id: str) -> Record:
        self._check_open()
        found = self._state.find_span(span_id) if isinstance(span_id, str) else None
        if found is None:
            raise NotFoundError(f"there is no span {span_id!r} in store {self._paths.base}")
        return found

    def _relation(self, relation_id: str) -> Record:
        self._check_open()
        found = self._state.find_relation(relation_id) if isinstance(relation_id, str) else None
        if found is None:
            raise NotFoundError(f"there is no relation {relation_id!r} in store {self._paths.base}")
        return found

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError(f"store {self._paths.base} is closed; open it again")

    def _writable(self) -> None:
        self._check_open()
        if self.read_only:
            raise StoreReadOnlyError(self._paths.base, self.lock_holder)


def write_files(paths: StorePaths, state: State) -> int:
    """Write the changed documents' files, then the manifest (each atomically, keeping `.bak`);
    returns the manifest's size. Documents first: a crash between leaves files newer than the
    manifest, which opening reconciles (see `state`)."""
    changed = state.dirty()
    if changed:
        make_directories(paths.documents)
        atomic_write_many(
            [
                (
                    paths.document(layout.file_name(data.doc["id"])),
                    layout.encode_document(data, state.seq),
                )
                for data in changed
            ],
            paths.documents,
        )
    manifest = layout.encode_manifest(state)
    atomic_write(paths.base, manifest, backup=True)
    state.written(state.seq)
    return len(manifest)


def _fresh_id(*taken: Container[str]) -> str:
    """A new random id that none of `taken` holds."""
    new = new_span_id()
    while any(new in ids for ids in taken):
        new = new_span_id()
    return new


def _check_label(label: object) -> None:
    if not isinstance(label, str) or not label:
        raise ValueError(f"a label must be a non-empty string, got {label!r}")
    check_unicode(label=label)
