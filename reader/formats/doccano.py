"""doccano JSONL: `{"text", "label": [[start, end, "LABEL"], ...]}`, offsets in UTF-16 units.

doccano's front end runs in a browser, which counts string positions in UTF-16 code units: an
emoji before a span shifts its offsets by one more than Python would. We read the sequence
labelling export (`label`), its older `labels` spelling, and the relation export (`entities`,
objects with `start_offset`, `end_offset`, `label`); a JSON array of the same objects too.
We write `{"id", "text", "label"}`, which doccano imports (extra keys become metadata).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from reader.errors import ReaderError
from reader.formats.diagnostics import Diagnostic, shown
from reader.formats.files import (
    DEFAULTS,
    ReadOptions,
    Values,
    json_array_items,
    json_lines,
    json_records,
    read_all,
    starts_with,
)
from reader.formats.offsets import Utf16Offsets
from reader.formats.records import ReadResult, Record, SpanRecord
from reader.formats.spans import SpanChecker, exportable_spans

NAME = "doccano"
DESCRIPTION = "doccano JSONL (label: [[start, end, LABEL]], UTF-16 offsets)"
TARGET = "stream"
SUFFIXES = (".jsonl", ".ndjson", ".json")


def read(path: Path, options: ReadOptions = DEFAULTS) -> ReadResult:
    """Read doccano JSONL (or a JSON array export) into checked records."""
    diagnostics: list[Diagnostic] = []
    return read_all(records(path, diagnostics, options), diagnostics)


def records(
    path: Path, diagnostics: list[Diagnostic], options: ReadOptions = DEFAULTS
) -> Iterator[Record]:
    """The checked records one at a time (JSON lines are read a line at a time)."""
    return json_records(path, SUFFIXES, _values, _record, diagnostics, options)


def _values(file: Path, diagnostics: list[Diagnostic], options: ReadOptions) -> Values:
    if starts_with(file, options) == "[":
        diagnostics.append(
            Diagnostic(str(file), None, "a JSON array, not JSON lines: read item by item", "info")
        )
        return json_array_items(file, diagnostics, options)
    return json_lines(file, diagnostics, options)


def _record(value: object, file: Path, line: int | None, diagnostics: list[Diagnostic]) -> Record:
    where = f"{file}:{line}" if line else str(file)
    if not isinstance(value, dict):
        raise ReaderError(
            f'{where}: expected a JSON object with "text" and "label", got {type(value).__name__}'
        )
    text = value.get("text")
    if not isinstance(text, str) and isinstance(value.get("data"), str):
        text = value["data"]
        diagnostics.append(
            Diagnostic(str(file), line, 'text read from "data" (old doccano export)', "info")
        )
    if not isinstance(text, str):
        raise ReaderError(
            f'{where}: no "text" string; each line needs "text" and "label": [[start, end, LABEL], ...]'
        )
    checker = SpanChecker(text, str(file), diagnostics)
    if checker.map.changed:
        diagnostics.append(
            Diagnostic(
                str(file),
                line,
                "CR/CRLF line ends in the text turned into LF; offsets moved",
                "info",
            )
        )
    doc_id = value.get("id")
    meta = dict(value["meta"]) if isinstance(value.get("meta"), dict) else {}
    record = Record(
        checker.text,
        id=None if doc_id is None else str(doc_id),
        meta=meta,
        file=str(file),
        line=line,
    )
    keys = [key for key in ("label", "labels", "entities") if key in value]
    if len(keys) > 1:
        diagnostics.append(
            Diagnostic(str(file), line, f"both {' and '.join(keys)} given; all read")
        )
    for key in keys:
        items = value[key]
        if not isinstance(items, list):
            diagnostics.append(
                Diagnostic(
                    str(file), line, f'"{key}" is not a list; no spans read from it', "error"
                )
            )
            continue
        for item in items:
            span = _span(item, key, checker, line)
            if span is not None:
                record.spans.append(span)
    relations = value.get("relations")
    if isinstance(relations, list) and relations:
        diagnostics.append(
            Diagnostic(
                str(file),
                line,
                f"{len(relations)} relation(s) ignored: reader keeps spans only",
            )
        )
    return record


def _span(item: object, key: str, checker: SpanChecker, line: int | None) -> SpanRecord | None:
    if isinstance(item, dict) and "start_offset" in item:
        return checker.span(
            item.get("start_offset"), item.get("end_offset"), item.get("label"), line, units="utf16"
        )
    if isinstance(item, (list, tuple)) and len(item) == 3:
        return checker.span(item[0], item[1], item[2], line, units="utf16")
    if isinstance(item, str):
        checker.report(
            line,
            f"document-level label {shown(item)} (text classification) ignored: reader keeps spans only",
        )
        return None
    checker.report(
        line, f'"{key}" item {shown(item)} is not [start, end, LABEL]; not imported', "error"
    )
    return None


def write(records: Iterable[Record], out: TextIO) -> list[Diagnostic]:
    """One `{"id", "text", "label"}` a line, offsets in UTF-16 code units."""
    diagnostics: list[Diagnostic] = []
    where = str(getattr(out, "name", "<output>"))
    for record in records:
        units = Utf16Offsets(record.text)
        labels = [
            [units.to_utf16(span.start), units.to_utf16(span.end), span.label]
            for span in exportable_spans(record, diagnostics, where)
        ]
        out.write(
            json.dumps({"id": record.id, "text": record.text, "label": labels}, ensure_ascii=False)
        )
        out.write("\n")
    return diagnostics
