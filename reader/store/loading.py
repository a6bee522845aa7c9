"""Reading a store from disk: the TinyDB file, then the journal's newer commits replayed on top.

Only reads; never changes a file. The journal is opened before the TinyDB file is read: if a
writer compacts in between, we still hold the old journal (compaction renames it, it does not
truncate it), and every commit is either in the file we read or in the journal we hold.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reader.store import journal, tinyfile
from reader.store.errors import StoreDamagedError
from reader.store.files import StorePaths
from reader.store.state import OperationError, State


@dataclass
class Replay:
    """What replaying journal entries did."""

    applied: int = 0  # commits newer than the file, applied
    stale: int = 0  # commits the file already held
    problems: list[str] = field(default_factory=list)  # lenient replay: what was skipped


@dataclass
class Snapshot:
    """A store as read from disk: its contents, the journal as scanned, and what replay did."""

    state: State
    scan: journal.Scan
    replay: Replay
    base_size: int


def read_files(paths: StorePaths) -> tuple[bytes, bytes]:
    """The TinyDB file's bytes and the journal's (b"" if none); FileNotFoundError if no file."""
    try:
        handle = open(paths.journal, "rb")
    except FileNotFoundError:
        handle = None
    try:
        base = paths.base.read_bytes()
        return base, handle.read() if handle else b""
    finally:
        if handle:
            handle.close()


def load(paths: StorePaths) -> Snapshot:
    """Read the store strictly: any problem is a StoreDamagedError naming the file; nothing is changed."""
    base, data = read_files(paths)
    try:
        state = tinyfile.parse(base, strict=True).state
    except tinyfile.Damage as damage:
        raise StoreDamagedError(paths.base, str(damage), paths.base) from None
    scan = journal.scan(data)
    if scan.damaged:
        line, why = scan.damaged[0]
        more = f" (and {len(scan.damaged) - 1} more bad lines)" if len(scan.damaged) > 1 else ""
        raise StoreDamagedError(
            paths.journal,
            f"line {line} is unreadable ({why}) but lines follow it{more}",
            paths.base,
        )
    replayed = replay(state, scan.entries, paths, strict=True)
    return Snapshot(state, scan, replayed, len(base))


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
            result.stale += 1
            continue
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
                state.apply(op)
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
