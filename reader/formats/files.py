"""Reading source files safely: size limits, binary refused, undecodable bytes named, JSON
parsed without a traceback whatever it holds, folders walked without leaving them."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reader.errors import ReaderError
from reader.formats.diagnostics import Diagnostic
from reader.formats.offsets import NewlineMap
from reader.formats.records import ReadResult, Record
from reader.text.source import SourceError, check_encoding, legacy_hint

MB = 1024 * 1024
DEFAULT_MAX_DOCUMENT_SIZE = 50 * MB
BOM_NOTE = "leading byte order mark (BOM) dropped"


@dataclass(frozen=True)
class ReadOptions:
    """How readers read: the largest document (bytes) and file read whole, the encoding, and
    whether a record that cannot be read is an error diagnostic (skipped) or ends the import."""

    max_document_size: int = DEFAULT_MAX_DOCUMENT_SIZE
    encoding: str = "utf-8"
    skip_errors: bool = False

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "encoding", check_encoding(self.encoding))
        except SourceError as error:
            raise ReaderError(str(error)) from None


DEFAULTS = ReadOptions()


def size_text(size: int) -> str:
    """'50 MB', '1.5 MB', '300 bytes' for messages about limits."""
    if size < MB:
        return f"{size:,} bytes"
    return f"{size / MB:.1f}".removesuffix(".0") + " MB"


def _too_big(path: Path, options: ReadOptions, what: str) -> ReaderError:
    return ReaderError(
        f"{path}: {what} is over the {size_text(options.max_document_size)} limit for one document; "
        "split it, or raise the limit with --max-document-size"
    )


def open_regular(path: Path) -> BinaryIO:
    """The file opened for reading; a FIFO, device or folder is refused by type first."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise ReaderError(f"{path} is not a regular file; give a text file")
        return path.open("rb")
    except OSError as error:
        raise ReaderError(f"cannot read {path}: {error.strerror or error}") from None


def read_text(path: Path, options: ReadOptions = DEFAULTS) -> str:
    """The whole file decoded, exactly (a BOM stays as U+FEFF, CRLF stays).

    Refused before it is read if it is over the size limit; refused as binary if it holds a
    NUL byte; undecodable bytes are a ReaderError naming the file, byte offset and line.
    """
    with open_regular(path) as stream:
        try:
            if os.fstat(stream.fileno()).st_size > options.max_document_size:
                raise _too_big(path, options, "the file")
            data = stream.read(options.max_document_size + 1)
        except OSError as error:
            raise ReaderError(f"cannot read {path}: {error.strerror or error}") from None
    if len(data) > options.max_document_size:
        raise _too_big(path, options, "the file")
    return decode_bytes(data, path, options)


def decode_bytes(
    data: bytes, path: Path, options: ReadOptions, first_line: int = 1, first_byte: int = 0
) -> str:
    """`data` (read from `path` at byte `first_byte`, line `first_line`) decoded; binary data
    and undecodable bytes refused in one line naming the file, line and byte offset."""
    if b"\x00" in data:
        line = first_line + data.count(b"\n", 0, data.index(b"\x00"))
        raise ReaderError(
            f"{path}:{line}: holds NUL bytes, so it looks like a binary file; give a text file"
        )
    try:
        return data.decode(options.encoding)
    except UnicodeDecodeError as error:
        line = first_line + data.count(b"\n", 0, error.start)
        raise ReaderError(
            f"{path}:{line}: not valid {options.encoding.upper()} at byte {first_byte + error.start} "
            f"({data[error.start : error.start + 4]!r}); "
            + legacy_hint(data, options.encoding, replace_errors=False)
        ) from None


class JsonError(ReaderError):
    """JSON that cannot be read; the message says why (the caller says where)."""


@contextmanager
def readable_json() -> Iterator[None]:
    """Turns every way decoding JSON fails into a JsonError: bad syntax, nesting too deep to
    read (RecursionError), a number too long to convert (ValueError)."""
    try:
        yield
    except json.JSONDecodeError as error:
        where = f"line {error.lineno} column {error.colno}"
        raise JsonError(f"not valid JSON ({error.msg.removesuffix(' at')} at {where})") from None
    except RecursionError:
        raise JsonError("JSON nested too deeply to read") from None
    except ValueError as error:  # an integer with more digits than Python converts
        raise JsonError(f"JSON holds a number too long to read ({error})") from None


def normalisation_notes(file: str, mapping: NewlineMap) -> list[Diagnostic]:
    """Info diagnostics saying what normalising a text changed."""
    notes = []
    if mapping.bom:
        notes.append(Diagnostic(file, 1, BOM_NOTE, "info"))
    if mapping.crlf:
        notes.append(Diagnostic(file, None, "CRLF line endings turned into LF", "info"))
    if mapping.cr:
        notes.append(Diagnostic(file, None, "CR (old Mac) line endings turned into LF", "info"))
    return notes


def source_lines(file: str, raw: str) -> tuple[list[str], list[Diagnostic]]:
    """A line-based file's lines, BOM dropped and CRLF/CR ends removed (with notes)."""
    mapping = NewlineMap(raw)
    return mapping.text.split("\n"), normalisation_notes(file, mapping)


def files_under(
    path: Path, suffixes: tuple[str, ...] | None, diagnostics: list[Diagnostic] | None = None
) -> list[Path]:
    """`path` itself if it is a file; else the files under it (recursively, sorted, no dot files).

    `suffixes` (lower case, with the dot) filters a folder's files; None takes every file.
    A link that leads out of the folder is not followed (reported in `diagnostics`).
    """
    if path.is_file():
        return [path]
    if not path.exists():
        raise ReaderError(f"{path} does not exist; give a file or a folder to import")
    if not path.is_dir():
        raise ReaderError(f"{path} is not a regular file or a folder; give a file or a folder")
    root = path.resolve()
    found = []
    for file in sorted(path.rglob("*")):
        relative = file.relative_to(path)
        if any(part.startswith(".") for part in relative.parts) or not file.is_file():
            continue
        if suffixes is not None and file.suffix.lower() not in suffixes:
            continue
        if not inside(root, file):
            if diagnostics is not None:
                diagnostics.append(
                    Diagnostic(
                        str(file), None, f"a link out of {path} (to {file.resolve()}); skipped"
                    )
                )
            continue
        found.append(file)
    if not found:
        wanted = ", ".join(suffixes) if suffixes else "any"
        raise ReaderError(f"{path} holds no files to import (looked for: {wanted})")
    return found


def inside(root: Path, file: Path) -> bool:
    """True if `file`, links followed, is under the (resolved) folder `root`."""
    return file.resolve().is_relative_to(root)


def document_id(root: Path, file: Path, number: int | None = None) -> str:
    """A stable id from the file's path relative to the imported folder, without its suffix.

    A file given directly is named by its stem. `number` (1-based) tells apart several
    documents in one file.
    """
    if root.is_dir():
        base = file.relative_to(root).with_suffix("").as_posix()
    else:
        base = file.stem
    return base if number is None else f"{base}#{number}"


Values = Iterator[tuple[int, object]]


def json_lines(
    path: Path, diagnostics: list[Diagnostic], options: ReadOptions = DEFAULTS
) -> Values:
    """The values of a JSON-lines file with their line numbers, read a line at a time.

    Memory holds one line: a line over the size limit is refused as it is read. A line that is
    not JSON ends the read (nothing can be trusted about a file we cannot parse), unless
    `options.skip_errors`, when it is an error diagnostic. Splits on LF only (U+2028 may sit
    inside strings); blank lines are skipped.
    """
    with open_regular(path) as stream:
        number = offset = 0
        while True:
            try:
                data = stream.readline(options.max_document_size + 1)
            except OSError as error:
                raise ReaderError(f"cannot read {path}: {error.strerror or error}") from None
            if not data:
                return
            number += 1
            if len(data) > options.max_document_size:
                raise _too_big(path, options, f"line {number}")
            line = decode_bytes(data, path, options, number, offset)
            offset += len(data)
            if number == 1 and line.startswith("\ufeff"):
                line = line[1:]
                diagnostics.append(Diagnostic(str(path), 1, BOM_NOTE, "info"))
            if not line.strip():
                continue
            try:
                with readable_json():
                    value = json.loads(line.removesuffix("\n"))
            except JsonError as error:
                if not options.skip_errors:
                    raise ReaderError(
                        f"{path}:{number}: {error}; fix that line (each line must be one JSON "
                        "object), or pass --skip-errors to skip it"
                    ) from None
                diagnostics.append(Diagnostic(str(path), number, f"{error}; line skipped", "error"))
                continue
            yield number, value


def starts_with(path: Path, options: ReadOptions) -> str:
    """The file's first character that is not white space or a BOM ('' if none)."""
    with open_regular(path) as stream:
        head = stream.read(4096)
    text = head.decode(options.encoding, errors="ignore").lstrip("\ufeff \t\r\n")
    return text[:1]


def json_array_items(
    path: Path, diagnostics: list[Diagnostic], options: ReadOptions = DEFAULTS
) -> Values:
    """The items of a file holding one JSON array, each with the line it starts on.

    The file is read whole (so it is held to the size limit). Decoding item by item (rather
    than `json.load`) is what lets every diagnostic about a task or document in an array name
    its line.
    """
    raw = read_text(path, options)
    if raw.startswith("\ufeff"):
        raw = raw[1:]
        diagnostics.append(Diagnostic(str(path), 1, BOM_NOTE, "info"))
    decoder = json.JSONDecoder()
    position = _skip_space(raw, 0)
    if not raw.startswith("[", position):
        raise ReaderError(
            f"{path}:{raw.count(chr(10), 0, position) + 1}: expected a JSON array ('['); fix the file"
        )
    line, counted = 1, 0
    position = _skip_space(raw, position + 1)
    if raw.startswith("]", position):
        return
    while True:
        line += raw.count("\n", counted, position)
        counted = position
        try:
            with readable_json():
                value, end = decoder.raw_decode(raw, position)
        except JsonError as error:
            raise ReaderError(f"{path}:{line}: {error}; fix the file") from None
        yield line, value
        position = _skip_space(raw, end)
        if raw.startswith(",", position):
            position = _skip_space(raw, position + 1)
            continue
        if raw.startswith("]", position) and not raw[position + 1 :].strip(" \t\r\n"):
            return
        where = raw.count("\n", 0, position) + 1
        raise ReaderError(
            f"{path}:{where}: expected ',' or a final ']' after an array item; fix the file"
        )


def _skip_space(raw: str, position: int) -> int:
    while position < len(raw) and raw[position] in " \t\r\n":
        position += 1
    return position


ValuesOf = Callable[[Path, list[Diagnostic], ReadOptions], Values]
MakeRecord = Callable[[object, Path, int, list[Diagnostic]], Record]


def json_records(
    path: Path,
    suffixes: tuple[str, ...],
    values: ValuesOf,
    make_record: MakeRecord,
    diagnostics: list[Diagnostic],
    options: ReadOptions = DEFAULTS,
) -> Iterator[Record]:
    """One record per JSON value in the files under `path`, one at a time; a record with no
    id of its own is named after its file and position. A value that is not a record ends the
    read, or with `options.skip_errors` is an error diagnostic."""
    for file in files_under(path, suffixes, diagnostics):
        for number, (line, value) in enumerate(values(file, diagnostics, options), 1):
            try:
                record = make_record(value, file, line, diagnostics)
            except ReaderError as error:
                if not options.skip_errors:
                    raise
                diagnostics.append(skipped(error, file, line))
                continue
            if record.id is None:
                record.id = document_id(path, file, number)
            yield record


def skipped(error: ReaderError, file: Path, line: int) -> Diagnostic:
    """The error diagnostic for a record --skip-errors leaves out (its message names the
    place already: the diagnostic does)."""
    message = str(error).removeprefix(f"{file}:{line}: ")
    return Diagnostic(str(file), line, f"{message}; skipped", "error")


def read_all(records: Iterator[Record], diagnostics: list[Diagnostic]) -> ReadResult:
    """A reader's records gathered into a ReadResult (for callers that want them all)."""
    result = ReadResult(diagnostics=diagnostics)
    result.records.extend(records)
    return result
