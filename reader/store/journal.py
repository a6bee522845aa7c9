"""The append-only journal: every change, one checksummed line each, fsync'd before we return.

A line is `<crc32 of the JSON, 8 hex digits> <JSON>\\n`, the JSON being
`{"seq": n, "ops": [...]}`: one commit (a single change, or a whole batch) per line, so a commit
is on disk entirely or not at all. `seq` numbers commits; each store file records the last one
it holds, so replay skips lines it already has (a crash between compaction's renames).

Only the last line can be torn by a crash (each line is fsync'd before the next is written), and
a torn line never got its newline: a last line with no newline is ignored. A line that ends in
a newline but is unreadable (its checksum fails) was written whole and acknowledged: that is
damage, reported with what was lost, never dropped silently. The intact lines after a damaged
one are still read, so repair can replay every commit that does not depend on the lost one.
"""

from __future__ import annotations

import json
import os
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.store.files import fsync_directory, open_regular, read_file, sync, write_all


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
    bad_lines: dict[int, bytes] = field(default_factory=dict)  # the damaged lines' bytes

    def damage_summary(self) -> str:
        """What is wrong, in one phrase: the first damaged line, what it lost (and how many more)."""
        line, why = self.damaged[0]
        more = f" (and {len(self.damaged) - 1} more bad lines)" if len(self.damaged) > 1 else ""
        return f"line {line} is unreadable ({why}){more}: {self.lost(line)}"

    def lost(self, line: int) -> str:
        """What a damaged line held, as far as can be told: 'commit 25 is lost (a span ...)'."""
        before = [e.seq for e in self.entries if e.line < line]
        after = [e.seq for e in self.entries if e.line > line]
        if line not in self.bad_lines:  # a gap in the numbers
            return "the commits between are missing"
        seq = before[-1] + 1 if before else (after[0] - 1 if after else None)
        if after and before and after[0] == before[-1] + 1:
            return "a line that holds no commit of its own"
        what = f"commit {seq}" if seq else "a commit"
        return f"{what} is lost{_guess(self.bad_lines[line])}"

    @property
    def torn_bytes(self) -> int:
        return self.size - self.good_end if self.torn else 0


_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def encode(seq: int, ops: list[dict[str, Any]]) -> bytes:
    """One journal line for commit `seq`."""
    payload = _ENCODE({"seq": seq, "ops": ops}).encode("utf-8")
    return b"%08x " % zlib.crc32(payload) + payload + b"\n"


def _guess(line: bytes) -> str:
    """What an unreadable line seems to hold, read without trusting its checksum: ' (it seems
    to hold: a span 'place' in document 'libya')', or '' if it cannot be read at all."""
    try:
        record = json.loads(line[9:].decode("utf-8", errors="replace"))
        ops = record["ops"]
        parts = []
        for op in ops[:3]:
            if op.get("op") == "span":
                parts.append(
                    f"span {op['span']['id']} {op['span']['label']!r} in {op['span']['doc_id']!r}"
                )
            elif op.get("op") == "del":
                parts.append(f"deleting span {op.get('id')}")
            elif op.get("op") == "doc":
                parts.append(f"document {op['doc']['id']!r}")
            elif op.get("op") == "rel":
                parts.append(f"relation {op['rel']['type']!r} in {op['rel']['doc_id']!r}")
            elif op.get("op") == "unrel":
                parts.append(f"deleting relation {op.get('id')}")
        more = f" and {len(ops) - 3} more" if len(ops) > 3 else ""
    except Exception:  # damaged bytes: anything can be wrong with them, and this is only a hint
        found = _SPAN.findall(line)  # not JSON any more: spans as the encoder lays them out
        parts = [
            f"span {span_id.decode(errors='replace')} {label.decode(errors='replace')!r} "
            f"in {doc_id.decode(errors='replace')!r}"
            for span_id, doc_id, label in found[:3]
        ]
        more = f" and {len(found) - 3} more" if len(found) > 3 else ""
    return f" (it seems to hold: {', '.join(parts)}{more})" if parts else ""


_SPAN = re.compile(
    rb'"id":"([^"]{1,80})","doc_id":"([^"]{1,200})","start":\d+,"end":\d+,"label":"([^"]{1,80})"'
)


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
        return f"not JSON ({str(error).split(';')[0]})"
    except RecursionError:
        return "not JSON (nested too deeply)"
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
    """Read journal bytes: intact entries in order, a torn last line, and damaged lines.

    A last line with no newline is torn even if it parses: its write never finished, so it was
    never acknowledged, and appending after it would glue two lines together. Every other
    unreadable line is damage; so is a gap in the commit numbers that no damaged line explains.
    """
    result = Scan(size=len(data))
    pieces = data.split(b"\n")
    tail = pieces.pop()  # after the last newline: b"" when the file ends cleanly
    offset = 0
    explained = False  # a damaged line since the last intact entry
    for number, piece in enumerate(pieces, 1):
        offset += len(piece) + 1
        entry = decode(piece)
        if isinstance(entry, str):
            result.damaged.append((number, entry))
            result.bad_lines[number] = piece
            explained = True
            continue
        previous = result.entries[-1].seq if result.entries else None
        if previous is not None and entry.seq != previous + 1 and not explained:
            result.damaged.append((number, f"entry {entry.seq} follows entry {previous}"))
        explained = False
        entry.line = number
        result.entries.append(entry)
        if not result.damaged:
            result.good_end = offset
    if tail:
        result.torn = "unfinished last line (no newline)"
    return result


def read(path: Path) -> Scan:
    """Scan the journal file; an absent journal is an empty one."""
    try:
        return scan(read_file(path))
    except FileNotFoundError:
        return Scan()


class JournalWriter:
    """The writer's open journal: append a commit durably, or set it aside after compaction."""

    def __init__(self, path: Path, truncate_to: int | None = None) -> None:
        """Open (creating) the journal; `truncate_to` cuts a torn tail off before we append."""
        self.path = path
        created = not path.exists()
        self._fd = open_regular(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
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
            fd = open_regular(self.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_APPEND)
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
