"""Diagnosis and repair of a store, for `reader check [--repair]`, one document at a time.

`diagnose` only reads: the manifest and journal as an open does, then every document's file
in turn (memory bounded by the largest document), checking each span against its text and
each manifest row against its document.

`repair` takes the writer lock and rebuilds what is damaged from what is intact: the list of
documents from the manifest (or its `.bak`, or the document files themselves); each document
from its file (bad records skipped), else its `.bak`; then every intact commit of
`.journal.bak` and `.journal` that its file does not hold, in order, also after a damaged
line, as long as it applies (a commit whose document or span was lost is reported, not
guessed). Spans whose quote no longer matches are re-anchored. Before it replaces a file it
keeps a copy as `<file>.damaged-<time>`, and every note says what was lost. A store of the
single-file layout is repaired whole and written in the manifest layout.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.store import journal, layout, legacy
from reader.store.anchor import locate
from reader.store.errors import StoreDamagedError
from reader.store.files import (
    StorePaths,
    atomic_write,
    atomic_write_many,
    make_directories,
    read_file,
)
from reader.store.loading import exists, load, replay
from reader.store.lock import WriterLock
from reader.store.migration import migrate
from reader.store.model import check_range, context
from reader.store.state import DocData, OperationError, Record, State, row_of
from reader.store.tinyfile import Damage

Progress = Callable[[int], None]


@dataclass
class Counts:
    """What a store holds."""

    documents: int = 0
    spans: int = 0
    orphaned: int = 0
    mismatched: list[str] = field(
        default_factory=list
    )  # anchored spans whose text is not the slice

    def add(self, data: DocData) -> None:
        self.documents += 1
        self.spans += len(data.spans)
        text = data.doc["text"]
        for span in data.spans.values():
            if span["orphaned"]:
                self.orphaned += 1
            elif _mismatched(span, text):
                self.mismatched.append(span["id"])

    def __str__(self) -> str:
        return (
            f"{self.documents} documents, {self.spans} spans, {self.orphaned} orphaned, "
            f"{len(self.mismatched)} whose text differs from the document"
        )


@dataclass
class Recovery:
    """What repair would rebuild (or rebuilt), and what that took or lost."""

    source: str  # where the list of documents came from
    counts: Counts = field(default_factory=Counts)
    notes: list[str] = field(default_factory=list)  # what was skipped or lost, line by line
    replayed: int = 0  # journal commits applied
    journal_damaged: bool = False
    written: list[str] = field(default_factory=list)  # what repair wrote


@dataclass
class Diagnosis:
    """What `reader check` found."""

    paths: StorePaths
    exists: bool = True
    damage: StoreDamagedError | None = None  # why the store does not open
    counts: Counts = field(default_factory=Counts)  # of the store, or of what repair would recover
    pending: int = 0  # journal commits not yet in the files
    torn_bytes: int = 0  # an unfinished last journal line (ignored)
    backup: str = "none"  # state of `.bak`
    stale_rows: list[str] = field(
        default_factory=list
    )  # manifest rows that disagree with their file
    recovery: Recovery | None = None  # when damaged: what repair would do

    @property
    def ok(self) -> bool:
        return (
            self.exists
            and self.damage is None
            and not self.counts.mismatched
            and not self.stale_rows
        )


def diagnose(path: Path, progress: Progress | None = None) -> Diagnosis:
    """Read the store and say what is wrong with it, if anything; changes no file.

    `progress(n)` is called as documents are checked (the total is the manifest's rows).
    """
    paths = StorePaths.of(path)
    result = Diagnosis(paths)
    result.backup = _backup_state(paths.backup)
    if not exists(paths.base):
        result.exists = False
        if paths.leftovers():
            result.damage = StoreDamagedError(
                paths.base, "the file is missing but its journal or backup is there"
            )
            result.recovery = recover(paths, write=False)
            result.counts = result.recovery.counts
        return result
    try:
        snapshot = load(paths)
        state = snapshot.state
        result.pending = snapshot.replay.applied
        result.torn_bytes = snapshot.scan.torn_bytes
        for doc_id in list(state.rows):
            data = state.peek(doc_id)
            assert data is not None
            result.counts.add(data)
            if _counts_of(state.rows[doc_id]) != _counts_of(row_of(data)):
                result.stale_rows.append(doc_id)
            if progress:
                progress(1)
    except StoreDamagedError as damage:
        result.damage = damage
        result.recovery = recover(paths, write=False)
        result.counts = result.recovery.counts
    return result


def document_total(path: Path) -> int | None:
    """How many documents the manifest lists (for a progress bar), or None if it is unreadable."""
    try:
        found = layout.read_store_file(read_file(StorePaths.of(path).base))
    except (Damage, OSError):
        return None
    return len(found.state.rows) if isinstance(found, legacy.Loaded) else len(found.rows)


@dataclass
class RepairReport:
    """What `repair` did, line by line, and the store's state afterwards."""

    actions: list[str] = field(default_factory=list)
    after: Diagnosis | None = None


def repair(path: Path, progress: Progress | None = None) -> RepairReport:
    """Rebuild the store from what is intact and write it, keeping copies of the files it replaces."""
    paths = StorePaths.of(path)
    report = RepairReport()
    make_directories(paths.base.parent)
    lock = WriterLock.acquire(paths.lock, paths.base)
    try:
        before = diagnose(paths.base)
        if before.ok or (not before.exists and before.damage is None):
            report.actions.append("nothing to repair")
            report.after = before
            return report
        recovery = recover(paths, write=True, progress=progress)
        report.actions.append(f"started from {recovery.source}")
        report.actions.extend(recovery.notes)
        if recovery.replayed:
            report.actions.append(f"replayed {recovery.replayed} journal commits")
        report.actions.extend(recovery.written)
        report.actions.append(f"wrote {paths.base}: {recovery.counts}")
    finally:
        lock.release()
    report.after = diagnose(paths.base)
    return report


# -- recovery ------------------------------------------------------------------------------------


@dataclass
class _Chain:
    """Every intact journal commit (`.journal.bak` then `.journal`), and what was unreadable."""

    entries: list[journal.Entry] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    damaged: bool = False  # the live journal has unreadable lines


def _chain(paths: StorePaths) -> _Chain:
    chain = _Chain()
    by_seq: dict[int, journal.Entry] = {}
    for path in (paths.journal_backup, paths.journal):
        try:
            scan = journal.read(path)
        except OSError as error:
            chain.notes.append(f"{path.name} cannot be read ({error.strerror or error}): skipped")
            continue
        for line, why in scan.damaged:
            chain.notes.append(f"{path.name} line {line} is unreadable ({why}): {scan.lost(line)}")
            chain.damaged = chain.damaged or path == paths.journal
        for entry in scan.entries:
            by_seq.setdefault(entry.seq, entry)
    chain.entries = [by_seq[seq] for seq in sorted(by_seq)]
    return chain


def recover(paths: StorePaths, write: bool, progress: Progress | None = None) -> Recovery:
    """Rebuild the store from whatever is intact (see the module docstring); with `write`,
    write it, keeping a copy of each damaged file it replaces."""
    chain = _chain(paths)
    main, notes = _main_file(paths)
    if isinstance(main, legacy.Loaded):
        recovery = _recover_whole(paths, main, chain, notes, write)
    else:
        recovery = _recover_documents(paths, main, chain, notes, write, progress)
    if write and chain.damaged and exists(paths.journal):
        copy = paths.damaged_copy(paths.journal)
        shutil.copy2(paths.journal, copy)
        recovery.written.append(f"kept {paths.journal.name} as it was in {copy}")
        # Its intact commits are in the files now, and its bad lines would stop every open.
        atomic_write(paths.journal, b"")
    recovery.journal_damaged = chain.damaged
    return recovery


def _main_file(paths: StorePaths) -> tuple[layout.Manifest | legacy.Loaded | None, list[str]]:
    """The manifest (or whole single-file store) read leniently: the file, else its `.bak`."""
    notes = []
    for path in (paths.base, paths.backup):
        if not exists(path):
            notes.append(f"{path.name} is missing")
            continue
        try:
            found = layout.read_store_file(read_file(path), strict=False)
        except (Damage, OSError) as damage:
            notes.append(f"{path.name}: {damage}")
            continue
        skipped = found.skipped
        notes.extend(f"{path.name}: {problem}: skipped" for problem in skipped)
        return found, notes
    return None, notes


def _recover_whole(
    paths: StorePaths, loaded: legacy.Loaded, chain: _Chain, notes: list[str], write: bool
) -> Recovery:
    """A single-file store: replay on the whole, re-anchor, write it in the manifest layout."""
    state = loaded.state
    recovery = Recovery("the single-file store", notes=notes + chain.notes)
    replayed = replay(state, chain.entries, paths, strict=False)
    recovery.replayed = replayed.applied
    recovery.notes.extend(replayed.problems)
    for data in state.loaded.values():
        recovery.notes.extend(reanchor_mismatched(data))
        recovery.counts.add(data)
    if write:
        _keep_copy(paths.base, recovery)
        migrate(paths, state)
    return recovery


def _recover_documents(
    paths: StorePaths,
    manifest: layout.Manifest | None,
    chain: _Chain,
    notes: list[str],
    write: bool,
    progress: Progress | None,
) -> Recovery:
    """The manifest layout, one document at a time: file (or `.bak`), then its commits."""
    if manifest is None:
        manifest = layout.Manifest(0, {})
        source = "the document files (no readable manifest)"
    else:
        source = "the manifest"
    recovery = Recovery(source, notes=notes + chain.notes)
    order = list(manifest.rows) + list(_documents_in_folder(paths, manifest.rows))
    ops: dict[str, list[tuple[journal.Entry, Record]]] = {}
    last = manifest.seq
    applied: set[int] = set()
    for entry in chain.entries:
        last = max(last, entry.seq)
        for op in entry.ops:
            doc_id = _doc_of(op)
            if doc_id is None:
                recovery.notes.append(
                    f"commit {entry.seq}: an operation names no document ({op.get('op')!r}): skipped"
                )
                continue
            if doc_id not in ops and doc_id not in manifest.rows and doc_id not in order:
                order.append(doc_id)
            ops.setdefault(doc_id, []).append((entry, op))
    state = State()
    state.seq = state.manifest_seq = last
    state.extra_tables = manifest.extra_tables
    pending: list[DocData] = []
    for doc_id in order:
        data, changed = _recover_document(paths, doc_id, ops.get(doc_id, []), recovery, applied)
        if data is not None:
            recovery.notes.extend(notes_ := reanchor_mismatched(data))
            recovery.counts.add(data)
            state.rows[doc_id] = row_of(data)
            if write and (changed or notes_):
                pending.append(data)
                if len(pending) >= 100:
                    _write_documents(paths, pending, last, recovery)
        if progress:
            progress(1)
    recovery.replayed = len(applied)
    if write:
        _write_documents(paths, pending, last, recovery)
        _keep_copy(paths.base, recovery)
        atomic_write(paths.base, layout.encode_manifest(state), backup=False)
    return recovery


def _recover_document(
    paths: StorePaths,
    doc_id: str,
    ops: list[tuple[journal.Entry, Record]],
    recovery: Recovery,
    applied: set[int],
) -> tuple[DocData | None, bool]:
    """One document: its file, else (or if that lost records) its `.bak`, each read leniently
    with its commits replayed; the one that lost least. Returns (data, whether it changed)."""
    path = paths.document(layout.file_name(doc_id))
    tried = []
    for candidate in (path, path.with_name(path.name + ".bak")):
        notes: list[str] = []
        data, skipped = _read_document(candidate, doc_id, notes)
        if data is None and candidate != path:
            continue
        state = State()
        if data is not None:
            state.add_document(data)
        seqs = set()
        for entry, op in ops:
            try:
                if state.apply(op, entry.seq) is not None:
                    seqs.add(entry.seq)
            except OperationError as error:
                notes.append(f"commit {entry.seq} (journal line {entry.line}) {error}: lost")
        found = state.loaded.get(doc_id)
        tried.append((found, notes, seqs, candidate != path or bool(seqs) or skipped))
        if data is not None and not skipped:
            break  # the file is sound: no reason to look at its backup
    best = min(tried, key=lambda t: (t[0] is None, len(t[1]), -len(t[0].spans if t[0] else ())))
    found, notes, seqs, changed = best
    recovery.notes.extend(notes)
    if best is not tried[0] and found is not None:
        recovery.notes.append(
            f"document {doc_id!r} rebuilt from {path.name}.bak and the journal, "
            f"which lose less than {path.name}: {'; '.join(tried[0][1]) or 'nothing'}"
        )
    applied.update(seqs)
    if found is None:
        recovery.notes.append(f"document {doc_id!r}: no readable file, backup or commit: lost")
    return found, changed


def _read_document(path: Path, doc_id: str, notes: list[str]) -> tuple[DocData | None, bool]:
    """A document file read leniently (None if unusable); and whether records were skipped."""
    if not exists(path):
        notes.append(f"{path.name} (document {doc_id!r}) is missing")
        return None, True
    try:
        data, skipped = layout.parse_document(read_file(path), doc_id, strict=False)
    except (Damage, OSError) as damage:
        notes.append(f"{path.name} (document {doc_id!r}): {damage}")
        return None, True
    notes.extend(f"{path.name}: {problem}: lost" for problem in skipped)
    return data, bool(skipped)


def _documents_in_folder(paths: StorePaths, known: Iterable[str]) -> Iterator[str]:
    """Ids of the documents whose files are in the folder but not among `known` (a lost or
    stale manifest): only those files are read."""
    if not paths.documents.is_dir():
        return
    names = {layout.file_name(doc_id) for doc_id in known}
    for path in sorted(paths.documents.glob("*.json")):
        if path.name in names:
            continue
        try:
            data, _ = layout.parse_document(read_file(path), None, strict=False)
        except (Damage, OSError):
            continue
        if layout.file_name(data.doc["id"]) == path.name:
            yield data.doc["id"]


def _doc_of(op: Record) -> str | None:
    """The document an operation concerns (see `state`), or None if it names none."""
    kind = op.get("op")
    record = op.get(kind) if kind in ("span", "doc", "rel") else op
    key = "id" if kind == "doc" else "doc_id"
    value = record.get(key) if isinstance(record, dict) else None
    return value if isinstance(value, str) else None


def _write_documents(
    paths: StorePaths, pending: list[DocData], seq: int, recovery: Recovery
) -> None:
    if not pending:
        return
    make_directories(paths.documents)
    items = []
    for data in pending:
        path = paths.document(layout.file_name(data.doc["id"]))
        _keep_copy(path, recovery)
        items.append((path, layout.encode_document(data, seq)))
    atomic_write_many(items, paths.documents, backups=False)
    recovery.written.append(f"wrote {len(items)} document files")
    pending.clear()


def _keep_copy(path: Path, recovery: Recovery) -> None:
    if exists(path):
        copy = StorePaths(path).damaged_copy(path)
        shutil.copy2(path, copy)
        recovery.written.append(f"kept {path.name} as it was in {copy}")


def reanchor_mismatched(data: DocData) -> list[str]:
    """Find anchored spans whose quote is not at their offsets again; orphan those not found."""
    notes = []
    text = data.doc["text"]
    for span in list(data.spans.values()):
        if span["orphaned"] or not _mismatched(span, text):
            continue
        found = locate(text, span["text"], span["prefix"], span["suffix"], span["start"])
        if found is None:
            record = dict(span, orphaned=True)
            notes.append(
                f"span {span['id']} ({span['label']!r}): its text is not in the document; marked orphaned"
            )
        else:
            end = found + len(span["text"])
            prefix, suffix = context(text, found, end)
            record = dict(span, start=found, end=end, prefix=prefix, suffix=suffix)
            notes.append(
                f"span {span['id']} ({span['label']!r}): moved from {span['start']} to {found} where its text is"
            )
        data.set_span(span["id"], record)
    return notes


def _counts_of(row: Record) -> tuple[int, int, dict[str, int]]:
    return row["span_count"], row["orphaned"], row["labels"]


def _mismatched(span: dict[str, Any], text: str) -> bool:
    start, end = span["start"], span["end"]
    if type(start) is int and type(end) is int and 0 <= start < end <= len(text):  # the common case
        return bool(text[start:end] != span["text"])
    return check_range(start, end, len(text)) is not None or text[start:end] != span["text"]


def _backup_state(path: Path) -> str:
    if not exists(path):
        return "none"
    try:
        found = layout.read_store_file(read_file(path), strict=True)
    except (Damage, OSError) as damage:
        return f"unreadable ({damage})"
    if isinstance(found, legacy.Loaded):
        return f"ok (single-file layout, {len(found.state.rows)} documents)"
    return f"ok ({len(found.rows)} documents)"
