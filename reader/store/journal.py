"""The append-only journal: every change, one checksummed line each, fsync'd before we return.

A line is `<crc32 of the JSON, 8 hex digits> <JSON>\\n`, the JSON being
`{"seq": n, "ops": [...]}`: one commit (a single change, or a whole batch) per line, so a commit
is on disk entirely or not at all. `seq` numbers commits; the TinyDB file records the last one
it holds, so replay skips lines it already has (a crash between compaction's two renames).

Only the last line can be torn by a crash (each line is fsync'd before the next is written), so a
bad last line is ignored; a bad line with anything after it is damage, reported, never skipped
silently.
"""

from __future__ import annotations

import json
import os
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.store.files import fsync_directory, sync, write_all


@dataclass
class Entry:
    """One intact journal line: commit number, its operations, and its line number (from 1)."""

    seq: int
    ops: list[dict[str, Any]]
    line: int


@dataclass
class Scan:
    """What a journal holds: intact entries, a torn tail, and damaged lines in the middle."""

    entries: list[Entry] = field(default_factory=list)
    good_end: int = 0  # byte offset just after the last intact line
    size: int = 0  # bytes in the file
    torn: str | None = None  # why the last line is unreadable (ignored), if it is
    damaged: list[tuple[int, str]] = field(default_factory=list)  # (line number, what is wrong)

    @property
    def torn_bytes(self) -> int:
        return self.size - self.good_end if self.torn else 0


_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def encode(seq: int, ops: list[dict[str, Any]]) -> bytes:
    """One journal line for commit `seq`."""
    payload = _ENCODE({"seq": seq, "ops": ops}).encode("utf-8")
    return b"%08x " % zlib.crc32(payload) + payload + b"\n"


def decode(line: bytes) -> Entry | str:
    """The entry on one line (without its newline), or what is wrong with it."""
    if len(line) < 10 or line[8:9] != b" ":
        return "too short or no checksum" if line.strip(b"\0 \t\r") else "blank"
    payload = line[9:]
    try:
        checksum = int(line[:8], 16)
    except ValueError:
        return "no checksum"
    if zlib.crc32(payload) != checksum:
        return "checksum does not match"
    try:
        record = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        return f"not JSON ({error})"
    if (
        not isinstance(record, dict)
        or not isinstance(record.get("seq"), int)
        or not isinstance(record.get("ops"), list)
    ):
        return "not a journal entry (needs seq and ops)"
    if not all(isinstance(op, dict) for op in record["ops"]):
        return "an operation is not an object"
    return Entry(record["seq"], record["ops"], 0)


def scan(data: bytes) -> Scan:
    """Read journal bytes: entries in order, a torn last line, and bad lines before the end.

    A last line with no newline is torn even if it parses: its write never finished, so it was
    never acknowledged, and appending after it would glue two lines together.
    """
    result = Scan(size=len(data))
    pieces = data.split(b"\n")
    tail = pieces.pop()  # after the last newline: b"" when the file ends cleanly
    bad: list[tuple[int, str]] = []
    offset = 0
    for number, piece in enumerate(pieces, 1):
        offset += len(piece) + 1
        entry = decode(piece)
        if isinstance(entry, str):
            bad.append((number, entry))
            continue
        result.damaged.extend(bad)
        bad = []
        previous = result.entries[-1].seq if result.entries else None
        if previous is not None and entry.seq != previous + 1:
            result.damaged.append((number, f"entry {entry.seq} follows entry {previous}"))
            continue
        entry.line = number
        result.entries.append(entry)
        result.good_end = offset
    if tail:
        bad.append((len(pieces) + 1, "unfinished last line (no newline)"))
    if bad:
        result.damaged.extend(bad[:-1])
        result.torn = bad[-1][1]
    return result


def read(path: Path) -> Scan:
    """Scan the journal file; an absent journal is an empty one."""
    try:
        return scan(path.read_bytes())
    except FileNotFoundError:
        return Scan()


class JournalWriter:
    """The writer's open journal: append a commit durably, or set it aside after compaction."""

    def __init__(self, path: Path, truncate_to: int | None = None) -> None:
        """Open (creating) the journal; `truncate_to` cuts a torn tail off before we append."""
        self.path = path
        created = not path.exists()
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o666)
        if created:
            fsync_directory(
                path.parent
            )  # else a power cut could lose the new file, fsync'd lines and all
        if truncate_to is not None and truncate_to < os.fstat(self._fd).st_size:
            os.ftruncate(self._fd, truncate_to)
            sync(self._fd)
        self.size = os.fstat(self._fd).st_size
        self.broken: OSError | None = None

    def append(self, line: bytes) -> None:
        """Write one line and fsync: when this returns, the line survives a crash or power loss.

        On failure the file is cut back to where it was, so no half line is left in the middle.
        """
        if self.broken is not None:
            raise self.broken
        try:
            write_all(self._fd, line)
            sync(self._fd)
        except OSError:
            try:
                os.ftruncate(self._fd, self.size)
                sync(self._fd)
            except OSError as error:
                self.broken = error
            raise
        self.size += len(line)

    def rotate(self, backup: Path) -> None:
        """Rename this journal to `backup` and start a new, empty one.

        A new file rather than truncation: a reader that opened the old journal keeps reading it.
        """
        os.replace(self.path, backup)
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_APPEND, 0o666)
        except OSError as error:
            self.broken = error  # our fd is now the backup's: never append to it
            raise
        old, self._fd = self._fd, fd
        os.close(old)
        self.size = 0
        self.broken = None
        fsync_directory(self.path.parent)

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
