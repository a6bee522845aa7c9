"""Reading a store from disk: the manifest, then the journal's newer commits replayed on top.

Only reads; never changes a file. The journal is opened before the manifest is read: if a
writer compacts in between, we still hold the old journal (compaction renames it, it does not
truncate it), and every commit is either in the files we read or in the journal we hold.
Document files are read when first needed (`document_loader`); a document read later than the
opening may be newer than it (a writer compacted it meanwhile), never older.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reader.store import journal, legacy
from reader.store.errors import StoreDamagedError, StoreError
from reader.store.files import StorePaths, read_file
from reader.store.layout import file_name, parse_document, read_store_file, state_of
from reader.store.state import DocData, Loader, OperationError, State
from reader.store.tinyfile import Damage


@dataclass
class Replay:
    """What replaying journal entries did."""

    applied: int = 0  # commits newer than the files, applied
    problems: list[str] = field(default_factory=list)  # lenient replay: what was skipped


@dataclass
class Snapshot:
    """A store as read from disk: its contents, the journal as scanned, and what replay did."""

    state: State
    scan: journal.Scan
    replay: Replay
    base_size: int
    legacy: bool  # the single-file layout (version 1), read whole


def read_files(paths: StorePaths) -> tuple[bytes, bytes]:
    """The main file's bytes and the journal's (b"" if none); FileNotFoundError if no main file."""
    try:
        data = read_file(paths.journal)
    except FileNotFoundError:
        data = None
    base = read_file(paths.base)
    if data is None:  # no journal when we looked: a writer may have made one since
        data = b""
    return base, data


def document_loader(paths: StorePaths) -> Loader:
    """A loader (see state.Loader) reading document files; StoreDamagedError for a bad one."""

    def load(doc_id: str, required: bool) -> DocData | None:
        path = paths.document(file_name(doc_id))
        try:
            data = read_file(path)
        except FileNotFoundError:
            if required:
                raise StoreDamagedError(
                    path, f"the file of document {doc_id!r} is missing", paths.base
                ) from None
            return None
        except OSError as error:
            raise StoreError(f"cannot read {path}: {error.strerror or error}") from None
        try:
            return parse_document(data, doc_id)[0]
        except Damage as damage:
            raise StoreDamagedError(path, str(damage), paths.base) from None

    return load


def load(paths: StorePaths) -> Snapshot:
    """Read the store strictly: any problem is a StoreDamagedError naming the file; nothing is changed."""
    base, data = read_files(paths)
    try:
        found = read_store_file(base, strict=True)
    except Damage as damage:
        raise StoreDamagedError(paths.base, str(damage), paths.base) from None
    if isinstance(found, legacy.Loaded):
        state = found.state
    else:
        state = state_of(found)
        state.loader = document_loader(paths)
    scan = journal.scan(data)
    if scan.damaged:
        raise StoreDamagedError(paths.journal, scan.damage_summary(), paths.base)
    replayed = replay(state, scan.entries, paths, strict=True)
    return Snapshot(state, scan, replayed, len(base), isinstance(found, legacy.Loaded))


def replay(
    state: State, entries: list[journal.Entry], paths: StorePaths, strict: bool = True
) -> Replay:
    """Apply the entries newer than `state.seq`, in order.

    Strict: a missing commit or an operation that cannot apply is a StoreDamagedError.
    Lenient (repair): it is noted in `problems`, the operation skipped, and replay goes on.
    """
    result = Replay()
    for entry in entries:
        if entry.seq <= state.seq:
            continue  # the files hold it already
        if entry.seq != state.seq + 1:
            problem = (
                f"line {entry.line}: commit {entry.seq} does not follow commit {state.seq} of "
                f"{paths.base.name}; commits {state.seq + 1}-{entry.seq - 1} are missing"
            )
            if strict:
                raise StoreDamagedError(paths.journal, problem, paths.base)
            result.problems.append(problem)
        for op in entry.ops:
            try:
                state.apply(op, entry.seq)
            except OperationError as error:
                problem = f"line {entry.line}: commit {entry.seq} {error}"
                if strict:
                    raise StoreDamagedError(paths.journal, problem, paths.base) from None
                result.problems.append(problem + " (skipped)")
        state.seq = entry.seq
        result.applied += 1
    return result


def exists(path: Path) -> bool:
    """Whether a file is there (a dangling symlink or unreadable entry counts as there)."""
    return path.exists() or path.is_symlink()
