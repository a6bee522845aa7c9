"""Reading source files: strict UTF-8 with a useful error, folder walking, document ids."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from reader.errors import ReaderError
from reader.formats.diagnostics import Diagnostic
from reader.formats.offsets import NewlineMap
from reader.formats.records import ReadResult, Record


def read_utf8(path: Path) -> str:
    """The file decoded as UTF-8, exactly (a BOM stays as U+FEFF, CRLF stays).

    Invalid UTF-8 is a ReaderError naming the file, the byte offset and the line.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ReaderError(f"cannot read {path}: {error.strerror or error}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ReaderError(
            f"{path}:{line}: not valid UTF-8 at byte {error.start} ({data[error.start : error.start + 4]!r}); "
            "convert the file to UTF-8 (e.g. iconv -f cp1256 -t utf-8)"
        ) from None


def read_document_text(path: Path) -> tuple[NewlineMap, list[Diagnostic]]:
    """A file's text as document text (BOM dropped, CRLF/CR -> LF), its offset map, and notes."""
    mapping = NewlineMap(read_utf8(path))
    return mapping, normalisation_notes(str(path), mapping)


def normalisation_notes(file: str, mapping: NewlineMap) -> list[Diagnostic]:
    """Info diagnostics saying what normalising a text changed."""
    notes = []
    if mapping.bom:
        notes.append(Diagnostic(file, 1, "leading byte order mark (BOM) dropped", "info"))
    if mapping.crlf:
        notes.append(Diagnostic(file, None, "CRLF line endings turned into LF", "info"))
    if mapping.cr:
        notes.append(Diagnostic(file, None, "CR (old Mac) line endings turned into LF", "info"))
    return notes


def source_lines(file: str, raw: str) -> tuple[list[str], list[Diagnostic]]:
    """A line-based file's lines, BOM dropped and CRLF/CR ends removed (with notes)."""
    mapping = NewlineMap(raw)
    return mapping.text.split("\n"), normalisation_notes(file, mapping)


def files_under(path: Path, suffixes: tuple[str, ...] | None) -> list[Path]:
    """`path` itself if it is a file; else the files under it (recursively, sorted, no dot files).

    `suffixes` (lower case, with the dot) filters a folder's files; None takes every file.
    """
    if path.is_file():
        return [path]
    if not path.exists():
        raise ReaderError(f"{path} does not exist; give a file or a folder to import")
    found = []
    for file in sorted(path.rglob("*")):
        relative = file.relative_to(path)
        if any(part.startswith(".") for part in relative.parts) or not file.is_file():
            continue
        if suffixes is None or file.suffix.lower() in suffixes:
            found.append(file)
    if not found:
        wanted = ", ".join(suffixes) if suffixes else "any"
        raise ReaderError(f"{path} holds no files to import (looked for: {wanted})")
    return found


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


def json_lines(path: Path, diagnostics: list[Diagnostic]) -> list[tuple[int, object]]:
    """The values of a JSON-lines file with their line numbers; blank lines are skipped.

    A line that is not valid JSON is a ReaderError naming the file and line: nothing can be
    trusted about a file we cannot parse. Splits on LF only (U+2028 may sit inside strings).
    """
    raw = read_utf8(path)
    if raw.startswith("\ufeff"):
        raw = raw[1:]
        diagnostics.append(
            Diagnostic(str(path), 1, "leading byte order mark (BOM) dropped", "info")
        )
    values = []
    for number, line in enumerate(raw.split("\n"), 1):
        if not line.strip():
            continue
        try:
            values.append((number, json.loads(line)))
        except json.JSONDecodeError as error:
            raise ReaderError(
                f"{path}:{number}: not valid JSON ({error.msg} at column {error.colno}); "
                "fix that line (each line must be one JSON object)"
            ) from None
    return values


def json_array_items(path: Path, diagnostics: list[Diagnostic]) -> list[tuple[int, object]]:
    """The items of a file holding one JSON array, each with the line it starts on.

    Decoding item by item (rather than `json.load`) is what lets every diagnostic about a
    task or document in an array name its line.
    """
    raw = read_utf8(path)
    if raw.startswith("\ufeff"):
        raw = raw[1:]
        diagnostics.append(
            Diagnostic(str(path), 1, "leading byte order mark (BOM) dropped", "info")
        )
    decoder = json.JSONDecoder()
    position = _skip_space(raw, 0)
    if not raw.startswith("[", position):
        raise ReaderError(
            f"{path}:{raw.count(chr(10), 0, position) + 1}: expected a JSON array ('['); fix the file"
        )
    items: list[tuple[int, object]] = []
    line, counted = 1, 0
    position = _skip_space(raw, position + 1)
    if raw.startswith("]", position):
        return items
    while True:
        try:
            value, end = decoder.raw_decode(raw, position)
        except json.JSONDecodeError as error:
            raise ReaderError(
                f"{path}:{error.lineno}: not valid JSON ({error.msg} at column {error.colno}); fix the file"
            ) from None
        line += raw.count("\n", counted, position)
        counted = position
        items.append((line, value))
        position = _skip_space(raw, end)
        if raw.startswith(",", position):
            position = _skip_space(raw, position + 1)
            continue
        if raw.startswith("]", position) and not raw[position + 1 :].strip(" \t\r\n"):
            return items
        where = raw.count("\n", 0, position) + 1
        raise ReaderError(
            f"{path}:{where}: expected ',' or a final ']' after an array item; fix the file"
        )


def _skip_space(raw: str, position: int) -> int:
    while position < len(raw) and raw[position] in " \t\r\n":
        position += 1
    return position


def json_document(path: Path, diagnostics: list[Diagnostic]) -> object:
    """A whole-file JSON value (BOM dropped); a parse error names the file and line."""
    raw = read_utf8(path)
    if raw.startswith("\ufeff"):
        raw = raw[1:]
        diagnostics.append(
            Diagnostic(str(path), 1, "leading byte order mark (BOM) dropped", "info")
        )
    try:
        return json.loads(raw)
    except json.JSONDecodeError as error:
        raise ReaderError(
            f"{path}:{error.lineno}: not valid JSON ({error.msg} at column {error.colno}); fix the file"
        ) from None


Values = Callable[[Path, list[Diagnostic]], list[tuple[int, object]]]
MakeRecord = Callable[[object, Path, int, list[Diagnostic]], Record]


def read_json_records(
    path: Path, suffixes: tuple[str, ...], values: Values, make_record: MakeRecord
) -> ReadResult:
    """One record per JSON value in the files under `path`; a record with no id of its own
    is named after its file and position."""
    result = ReadResult()
    for file in files_under(path, suffixes):
        for number, (line, value) in enumerate(values(file, result.diagnostics), 1):
            record = make_record(value, file, line, result.diagnostics)
            if record.id is None:
                record.id = document_id(path, file, number)
            result.records.append(record)
    return result
