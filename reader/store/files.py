"""The files that make up a store, and writing one of them so that a crash cannot tear it.

A store at `store.json` is:

- `store.json`          the TinyDB JSON file: the record, rewritten only by atomic replace
- `store.json.journal`  the append-only journal of changes since that file was written
- `store.json.bak`      the previous `store.json`, kept at each compaction
- `store.json.journal.bak`  the journal that took `.bak` to `store.json`: with `.bak` it
                        rebuilds `store.json` if that is ever damaged
- `store.json.lock`     the writer's lock (flock), holding "pid host"
- `store.json.damaged-<time>`  copies that `reader check --repair` set aside
"""

from __future__ import annotations

import fcntl
import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path


@dataclass(frozen=True)
class StorePaths:
    """Where each of a store's files lives, derived from the store's path."""

    base: Path

    @classmethod
    def of(cls, path: str | Path) -> StorePaths:
        """The paths of the store at `path`, with `~` and symlinks resolved: the atomic replace
        must replace the real file, not a link to it, and two links to one store must share
        one lock."""
        return cls(Path(path).expanduser().resolve())

    def _sibling(self, suffix: str) -> Path:
        return self.base.with_name(self.base.name + suffix)

    @property
    def journal(self) -> Path:
        return self._sibling(".journal")

    @property
    def backup(self) -> Path:
        return self._sibling(".bak")

    @property
    def journal_backup(self) -> Path:
        return self._sibling(".journal.bak")

    @property
    def lock(self) -> Path:
        return self._sibling(".lock")

    def temporary(self, path: Path) -> Path:
        """A temporary name for writing `path`, in the same directory (so rename is atomic)."""
        return path.with_name(f".{path.name}.tmp-{os.getpid()}")

    def stale_temporaries(self) -> list[Path]:
        """Temporary files left by a writer that died mid-write (only a lock holder may remove them)."""
        names = (self.base.name, self.journal.name)
        return [p for name in names for p in self.base.parent.glob(f".{name}.tmp-*")]

    def damaged_copy(self, path: Path) -> Path:
        """A fresh name to set a damaged file aside as, e.g. `store.json.damaged-20250301T093012Z`."""
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        candidate = path.with_name(f"{path.name}.damaged-{stamp}")
        number = 1
        while candidate.exists():
            number += 1
            candidate = path.with_name(f"{path.name}.damaged-{stamp}-{number}")
        return candidate


def sync(fd: int) -> None:
    """Flush a file to stable storage: fsync, or on macOS F_FULLFSYNC (whose fsync stops at the
    drive's volatile cache, which a power cut empties)."""
    if _FULLFSYNC is not None:
        try:
            fcntl.fcntl(fd, _FULLFSYNC)
            return
        except OSError:
            pass  # not supported by this filesystem: fsync is the best there is
    os.fsync(fd)


_FULLFSYNC: int | None = getattr(fcntl, "F_FULLFSYNC", None)


def fsync_directory(directory: Path) -> None:
    """Make renames and creations in `directory` durable."""
    fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_directories(directory: Path) -> None:
    """mkdir -p, making each new folder's entry durable too (else a power cut could lose it,
    and the store inside it with every acknowledged change)."""
    missing = []
    while not directory.exists():
        missing.append(directory)
        if directory.parent == directory:
            break
        directory = directory.parent
    for folder in reversed(missing):
        folder.mkdir(exist_ok=True)
        fsync_directory(folder.parent)


def write_all(fd: int, data: bytes) -> None:
    """os.write until every byte is written (a regular file may take a short write)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def atomic_write(path: Path, data: bytes, temporary: Path, backup: Path | None = None) -> None:
    """Replace `path` with `data` so that a crash leaves either the old or the new file, whole.

    Writes `temporary` (same directory), fsyncs it, keeps the old file as `backup` (a hard link,
    so no copy), renames over `path`, and fsyncs the directory so the rename itself is durable.
    """
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        try:
            write_all(fd, data)
            sync(fd)
        finally:
            os.close(fd)
        if path.exists():
            shutil.copymode(path, temporary)
            if backup is not None:
                keep_backup(path, backup, temporary.with_name(temporary.name + ".bak"))
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    fsync_directory(path.parent)


def keep_backup(path: Path, backup: Path, temporary: Path) -> None:
    """Make `backup` a copy of `path` atomically: a hard link if the filesystem has them."""
    temporary.unlink(missing_ok=True)
    try:
        os.link(path, temporary)
    except OSError:
        shutil.copyfile(path, temporary)
        fd = os.open(temporary, os.O_RDONLY)
        try:
            sync(fd)
        finally:
            os.close(fd)
    os.replace(temporary, backup)
