"""The files that make up a store, and writing them so that a crash cannot tear one.

A store at `store.json` is (see `layout` for what each file holds):

- `store.json`          the manifest: the list of documents with status and counts
- `store.json.docs/`    one TinyDB file per document (text and spans), with its `.bak`
- `store.json.journal`  the append-only journal of changes since those files were written
- `store.json.bak`      the previous manifest, kept at each compaction
- `store.json.journal.bak`  the journal before the last compaction
- `store.json.lock`     the writer's lock (flock), holding "pid host"
- `store.json.damaged-<time>`  copies that `reader check --repair` set aside
- `store.json.v1-backup/`  the single-file store as it was before its migration
"""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import stat
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from reader.store.errors import StoreError


@dataclass(frozen=True)
class StorePaths:
    """Where each of a store's files lives, derived from the store's path."""

    base: Path

    @classmethod
    def of(cls, path: str | Path) -> StorePaths:
        """The paths of the store at `path`, with `~` and symlinks resolved: the atomic replace
        must replace the real file, not a link to it, and two links to one store must share
        one lock. StoreError for a symlink loop, or a store path that is not a regular file
        (a FIFO would hang a reader, and repair must never write over a device)."""
        try:
            base = Path(path).expanduser().resolve()
        except RuntimeError:  # Python 3.11's resolve() on a symlink loop
            raise StoreError(
                f"store path {path} is a loop of symbolic links; give the path of a store file"
            ) from None
        try:
            mode = os.stat(base).st_mode
        except OSError as error:
            if error.errno == errno.ELOOP:
                raise StoreError(
                    f"store path {path} is a loop of symbolic links; give the path of a store file"
                ) from None
            mode = None
        if mode is not None and not stat.S_ISREG(mode):
            raise StoreError(
                f"store path {base} is {file_kind(mode)}, not a regular file; give the path of a store file"
            )
        return cls(base)

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

    @property
    def documents(self) -> Path:
        """The folder of document files."""
        return self._sibling(".docs")

    @property
    def legacy_backup(self) -> Path:
        """Where migration keeps the files of a single-file (version 1) store."""
        return self._sibling(".v1-backup")

    def leftovers(self) -> list[Path]:
        """The store's other files that hold data, when its main file is missing: a sign of
        damage (a lost manifest), not of a new store."""
        found = [
            p
            for p in (self.journal, self.backup, self.journal_backup)
            if (p.exists() or p.is_symlink()) and p.lstat().st_size
        ]
        if self.documents.is_dir() and any(self.documents.glob("*.json")):
            found.append(self.documents)
        return found

    def document(self, name: str) -> Path:
        """A document's file, by file name (see layout.file_name)."""
        return self.documents / name

    def stale_temporaries(self, documents: bool = True) -> list[Path]:
        """Temporary files left by a writer that died mid-write (only a lock holder may remove
        them). With `documents`, the documents folder's too: a listing of every document's
        file, so opening leaves that to the next compaction."""
        names = (self.base.name, self.journal.name)
        found = [p for name in names for p in self.base.parent.glob(f".{name}.tmp-*")]
        if not documents:
            return found
        try:
            with os.scandir(self.documents) as entries:
                found += [Path(e.path) for e in entries if e.name[0] == "." and ".tmp-" in e.name]
        except (FileNotFoundError, NotADirectoryError):
            pass
        return found

    def damaged_copy(self, path: Path) -> Path:
        """A fresh name to set a damaged file aside as, e.g. `store.json.damaged-20250301T093012Z`."""
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        candidate = path.with_name(f"{path.name}.damaged-{stamp}")
        number = 1
        while candidate.exists():
            number += 1
            candidate = path.with_name(f"{path.name}.damaged-{stamp}-{number}")
        return candidate


class UnsafeFile(OSError):
    """A store's own file that is a symbolic link, or not a regular file: never opened."""


def file_kind(mode: int) -> str:
    """'a FIFO', 'a character device'...: what a file that is not a regular file is."""
    for test, name in (
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISLNK, "a symbolic link"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def open_regular(path: Path, flags: int, mode: int = 0o666) -> int:
    """os.open that never follows a symbolic link and never blocks on a FIFO, and refuses
    anything but a regular file (UnsafeFile, with one line saying why)."""
    try:
        fd = os.open(path, flags | NOFOLLOW | getattr(os, "O_NONBLOCK", 0), mode)
    except OSError as error:
        if error.errno in (errno.ELOOP, errno.EMLINK) and path.is_symlink():
            raise UnsafeFile(
                errno.ELOOP,
                "it is a symbolic link, and a store's own files must not be links (remove it)",
                str(path),
            ) from None
        raise
    kind = os.fstat(fd).st_mode
    if not stat.S_ISREG(kind):
        os.close(fd)
        raise UnsafeFile(errno.EINVAL, f"it is {file_kind(kind)}, not a regular file", str(path))
    return fd


def read_file(path: Path, size: int = -1) -> bytes:
    """A store file's bytes (its first `size` only, if given), opened as `open_regular` does
    (no links, no FIFOs, no devices)."""
    fd = open_regular(path, os.O_RDONLY)
    with os.fdopen(fd, "rb") as handle:
        return handle.read(size)


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

#: Open flag that refuses a symbolic link as the last part of a path (0 where there is none).
NOFOLLOW: int = getattr(os, "O_NOFOLLOW", 0)


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


def atomic_write(path: Path, data: bytes, backup: bool = False) -> None:
    """Replace `path` with `data` so that a crash leaves either the old or the new file, whole.

    Writes a temporary file in the same directory, fsyncs it, keeps the old file as
    `<name>.bak` if asked (a hard link, so no copy), renames it over `path`, and fsyncs the
    directory so the rename itself is durable.
    """
    atomic_write_many([(path, data)], path.parent, backups=backup)


def atomic_write_many(items: list[tuple[Path, bytes]], folder: Path, backups: bool = True) -> None:
    """Replace several files of one folder, each atomically (as `atomic_write`), with one
    directory fsync at the end: every temporary is written and fsync'd before any rename.

    With `backups`, each replaced file is kept as `<name>.bak` (a hard link). A crash leaves
    each file either old or new, whole.
    """
    temporaries = []
    try:
        for path, data in items:
            temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
            temporaries.append(temporary)
            fd = open_regular(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
            try:
                write_all(fd, data)
                sync(fd)
            finally:
                os.close(fd)
        for (path, _), temporary in zip(items, temporaries, strict=True):
            if path.exists():
                shutil.copymode(path, temporary)
                if backups:
                    keep_backup(
                        path,
                        path.with_name(path.name + ".bak"),
                        temporary.with_name(temporary.name + ".bak"),
                    )
            os.replace(temporary, path)
    except BaseException:
        for temporary in temporaries:
            temporary.unlink(missing_ok=True)
        raise
    fsync_directory(folder)


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
