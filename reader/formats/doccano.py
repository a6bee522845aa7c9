"""doccano JSONL: `{"text", "label": [[start, end, "LABEL"], ...]}`, offsets in UTF-16 units.

doccano's front end runs in a browser, which counts string positions in UTF-16 code units: an
emoji before a span shifts its offsets by one more than Python would. We read the sequence
labelling export (`label`), its older `labels` spelling, and the relation export (`entities`,
objects with `id`, `start_offset`, `end_offset`, `label`, and `relations`, objects with
`from_id`, `to_id`, `type`); a JSON array of the same objects too.

We write both: `{"id", "text", "label", "entities", "relations"}`, so the file imports into a
plain sequence labelling project (column label `label`; the rest becomes metadata) and into
one with relation labelling (JSONL relation: `entities` and `relations`). Reading it back,
`label` is skipped when it says what `entities` says. doccano keeps comments on a document,
not on a span: the document's note is written as `"Comments": [note]`; a span's note rides on
its entity as `"note"`, which we read back and doccano ignores.
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
from reader.formats.records import ReadResult, Record, RelationRecord, SpanRecord
from reader.formats.relations import check_relations, exportable_relations
from reader.formats.spans import SpanChecker, exportable_spans
from reader.store.model import SAID_BY

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
    checker = SpanChecker.for_record(text, str(file), line, diagnostics)
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
    if "entities" in keys and "label" in keys and _same_spans(value["label"], value["entities"]):
        keys.remove("label")  # what this format's writer writes: the same spans twice
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
    record.relations = _relations(value.get("relations", []), checker, line)
    check_relations(record, diagnostics, str(file))
    note = _comments(value.get("Comments"), checker, line)
    if note:
        record.meta["note"] = note
    return record


def _same_spans(label: object, entities: object) -> bool:
    """True if a `label` list and an `entities` list hold the same (start, end, label)s."""
    if not isinstance(label, list) or not isinstance(entities, list):
        return False
    try:
        given = {tuple(item) for item in label}
        found = {(e["start_offset"], e["end_offset"], e["label"]) for e in entities}
    except (TypeError, KeyError):
        return False
    return given == found


def _relations(value: object, checker: SpanChecker, line: int | None) -> list[RelationRecord]:
    """The relation mode's links: `from_id` and `to_id` name entity ids; `type` defaults to said_by."""
    if not isinstance(value, list):
        checker.report(line, f'"relations" is not a list ({shown(value)}); no links read', "error")
        return []
    out = []
    for item in value:
        ends = (item.get("from_id"), item.get("to_id")) if isinstance(item, dict) else (None, None)
        if not isinstance(item, dict) or not all(_is_id(end) for end in ends):
            checker.report(
                line, f'relation {shown(item)} needs "from_id" and "to_id"; not imported', "error"
            )
            continue
        kind = item.get("type")
        out.append(
            RelationRecord(
                str(ends[0]),
                str(ends[1]),
                kind if isinstance(kind, str) and kind.strip() else SAID_BY,
                id=None if item.get("id") is None else str(item["id"]),
                line=line,
            )
        )
    return out


def _comments(value: object, checker: SpanChecker, line: int | None) -> str | None:
    """The document's note from doccano's `Comments` (strings, or objects with `text`)."""
    if value is None:
        return None
    items = value if isinstance(value, list) else [value]
    texts = [item.get("text") if isinstance(item, dict) else item for item in items]
    if not all(isinstance(text, str) for text in texts):
        checker.report(line, f'"Comments" {shown(value)} are not texts; ignored')
        return None
    return "\n".join(str(text) for text in texts if text) or None


def _is_id(value: object) -> bool:
    return isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))


def _span(item: object, key: str, checker: SpanChecker, line: int | None) -> SpanRecord | None:
    if isinstance(item, dict) and "start_offset" in item:
        entity_id, note = item.get("id"), item.get("note")
        return checker.span(
            item.get("start_offset"),
            item.get("end_offset"),
            item.get("label"),
            line,
            units="utf16",
            id=str(entity_id) if _is_id(entity_id) else None,
            note=note if isinstance(note, str) and note else None,
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
    """One `{"id", "text", "label", "entities", "relations"}` a line, offsets in UTF-16 code
    units (and `"Comments"` when the document has a note)."""
    diagnostics: list[Diagnostic] = []
    where = str(getattr(out, "name", "<output>"))
    for record in records:
        out.write(json.dumps(to_line(record, diagnostics, where), ensure_ascii=False))
        out.write("\n")
    return diagnostics


def to_line(record: Record, diagnostics: list[Diagnostic], where: str) -> dict[str, object]:
    """The doccano object for one record: entities numbered from 1 in text order."""
    units = Utf16Offsets(record.text)
    labels: list[list[object]] = []
    entities: list[dict[str, object]] = []
    names: dict[str, str] = {}
    for number, span in enumerate(exportable_spans(record, diagnostics, where), 1):
        start, end = units.to_utf16(span.start), units.to_utf16(span.end)
        labels.append([start, end, span.label])
        entity: dict[str, object] = {
            "id": number,
            "start_offset": start,
            "end_offset": end,
            "label": span.label,
        }
        if span.note:
            entity["note"] = span.note
        entities.append(entity)
        if span.id is not None:
            names.setdefault(span.id, str(number))
    relations = [
        {"id": number, "from_id": int(source), "to_id": int(target), "type": relation.type}
        for number, (relation, source, target) in enumerate(
            exportable_relations(record, names, diagnostics, where), 1
        )
    ]
    line: dict[str, object] = {
        "id": record.id,
        "text": record.text,
        "label": labels,
        "entities": entities,
        "relations": relations,
    }
    if record.meta.get("note"):
        line["Comments"] = [record.meta["note"]]
    return line
