"""Label Studio task JSON: a list of tasks, spans as `labels` results with UTF-16 offsets.

Read: a JSON list of tasks (Label Studio's export), a single task, or JSON lines of tasks.
Each task's text is `data.text` (or the only string in `data`); spans come from every
`labels` result of its annotations, or of its predictions when it has no annotations. The
result's `text` is checked against the slice; Label Studio versions differ on whether offsets
count UTF-16 units (the browser) or code points, and the checker reads whichever the text
confirms, saying so. Written: one annotation per task, `from_name` "label", `to_name` "text".

Links are `relation` results (`from_id`, `to_id` naming region ids, `direction` "right",
`labels` [type]); a span's note is a per-region `textarea` result (`from_name` "note", the
region's id), the document's a `textarea` result of `from_name` "document_note". Both are
read back. `labeling_config` gives the labeling config (`<Labels>`, `<Relations>`, the two
`<TextArea>`s) that makes a Label Studio project read these tasks; `reader export` writes it
beside the output as `OUT.config.xml`.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO
from xml.sax.saxutils import quoteattr

from reader.errors import ReaderError
from reader.formats.diagnostics import Diagnostic, shown
from reader.formats.files import (
    DEFAULTS,
    ReadOptions,
    Values,
    document_id,
    files_under,
    json_array_items,
    json_lines,
    skipped,
    starts_with,
)
from reader.formats.offsets import Utf16Offsets
from reader.formats.records import ReadResult, Record, RelationRecord
from reader.formats.relations import check_relations, exportable_relations
from reader.formats.spans import SpanChecker, exportable_spans
from reader.store.model import SAID_BY

NAME = "labelstudio"
DESCRIPTION = "Label Studio task JSON (labels results, UTF-16 offsets)"
TARGET = "stream"
SUFFIXES = (".json", ".jsonl", ".ndjson")
FROM_NAME = "label"
TO_NAME = "text"
NOTE_NAME = "note"
DOCUMENT_NOTE_NAME = "document_note"
CONFIG_SUFFIX = ".config.xml"


def read(path: Path, options: ReadOptions = DEFAULTS) -> ReadResult:
    """Read Label Studio tasks into checked records."""
    result = ReadResult()
    for file in files_under(path, SUFFIXES, result.diagnostics):
        for number, (line, task) in enumerate(_tasks(file, result.diagnostics, options), 1):
            try:
                record = _record(task, number, file, line, result.diagnostics)
            except ReaderError as error:
                if not options.skip_errors:
                    raise
                result.diagnostics.append(skipped(error, file, line))
                continue
            if record.id is None:
                record.id = document_id(path, file, number)
            result.records.append(record)
    return result


def _tasks(file: Path, diagnostics: list[Diagnostic], options: ReadOptions) -> Values:
    start = starts_with(file, options)
    if start == "[":
        return json_array_items(file, diagnostics, options)
    if start == "{":
        values = list(json_lines(file, diagnostics, options))
        if len(values) > 1:
            diagnostics.append(
                Diagnostic(
                    str(file),
                    None,
                    "JSON lines of tasks, not a JSON list: read line by line",
                    "info",
                )
            )
        return iter(values)
    raise ReaderError(
        f"{file}: not Label Studio tasks (expected a JSON list of tasks); export JSON from Label Studio"
    )


def _record(
    task: object, number: int, file: Path, line: int, diagnostics: list[Diagnostic]
) -> Record:
    where = f"{file}:{line}"
    if not isinstance(task, dict):
        raise ReaderError(
            f'{where}: task {number} is not a JSON object; each task needs "data": {{"text": ...}}'
        )
    text = _text(task, file, line, diagnostics)
    if text is None:
        raise ReaderError(
            f'{where}: task {number} has no text; each task needs "data": {{"text": "..."}}'
        )
    checker = SpanChecker.for_record(text, str(file), line, diagnostics)
    meta = dict(task["meta"]) if isinstance(task.get("meta"), dict) else {}
    doc_id = _scalar(meta.pop("id", None)) or _scalar(task.get("id"))
    record = Record(
        checker.text,
        id=doc_id,
        meta=meta,
        file=str(file),
        line=line,
    )
    annotations = [
        a for a in _list(task, "annotations", file, line, diagnostics) if isinstance(a, dict)
    ]
    cancelled = [a for a in annotations if a.get("was_cancelled")]
    if cancelled:
        diagnostics.append(
            Diagnostic(
                str(file), line, f"task {number}: {len(cancelled)} cancelled annotation(s) skipped"
            )
        )
    annotations = [a for a in annotations if not a.get("was_cancelled")]
    predictions = [
        p for p in _list(task, "predictions", file, line, diagnostics) if isinstance(p, dict)
    ]
    if annotations:
        sources = [(a, _annotator(a)) for a in annotations]
        if predictions:
            diagnostics.append(
                Diagnostic(
                    str(file),
                    line,
                    f"task {number}: {len(predictions)} prediction(s) ignored: it has annotations",
                    "info",
                )
            )
        if len(annotations) > 1:
            diagnostics.append(
                Diagnostic(
                    str(file),
                    line,
                    f"task {number}: {len(annotations)} annotations; their spans are merged",
                    "info",
                )
            )
    else:
        sources = [
            (p, f"model:{_scalar(p.get('model_version'))}" if p.get("model_version") else None)
            for p in predictions
        ]
        if predictions:
            diagnostics.append(
                Diagnostic(
                    str(file),
                    line,
                    f"task {number}: no annotations; spans taken from {len(predictions)} prediction(s)",
                )
            )
    ignored: Counter[str] = Counter()
    notes: dict[str, str] = {}  # region id -> note
    for source, annotator in sources:
        results = source.get("result", [])
        if not isinstance(results, list):
            diagnostics.append(
                Diagnostic(
                    str(file), line, f'task {number}: "result" is not a list; skipped', "error"
                )
            )
            continue
        for item in results:
            if isinstance(item, dict) and item.get("type") == "relation":
                _add_relation(item, record, checker, number, line, annotator)
            elif isinstance(item, dict) and item.get("type") == "textarea":
                _add_note(item, record, notes, ignored)
            else:
                _add_spans(item, record, checker, number, line, annotator, ignored)
    for span in record.spans:
        if span.id in notes:
            span.note = notes[span.id]
    check_relations(record, diagnostics, str(file))
    for kind, count in ignored.items():
        diagnostics.append(
            Diagnostic(
                str(file),
                line,
                f"task {number}: {count} {kind} result(s) ignored: reader keeps text spans only",
            )
        )
    return record


def _scalar(value: object) -> str | None:
    """A string or number from the data as text; anything else (a list, an object) as None."""
    if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
        return str(value)
    return None


def _text(
    task: dict[str, object], file: Path, line: int, diagnostics: list[Diagnostic]
) -> str | None:
    data = task.get("data")
    if isinstance(data, dict):
        text = data.get(TO_NAME)
        if isinstance(text, str):
            return text
        strings = [(key, value) for key, value in data.items() if isinstance(value, str)]
        if len(strings) == 1:
            diagnostics.append(
                Diagnostic(
                    str(file), line, f"text read from data.{strings[0][0]} (no data.text)", "info"
                )
            )
            return strings[0][1]
        return None
    text = task.get("text")
    return text if isinstance(text, str) else None


def _list(
    task: dict[str, object], key: str, file: Path, line: int, diagnostics: list[Diagnostic]
) -> list[object]:
    value = task.get(key, [])
    if isinstance(value, list):
        return value
    diagnostics.append(Diagnostic(str(file), line, f'"{key}" is not a list; ignored', "error"))
    return []


def _annotator(annotation: dict[str, object]) -> str | None:
    who = annotation.get("completed_by")
    if isinstance(who, dict):
        who = who.get("email") or who.get("id")
    name = _scalar(who)
    return None if name is None else f"labelstudio:{name}"


def _add_relation(
    item: dict[str, object],
    record: Record,
    checker: SpanChecker,
    number: int,
    line: int,
    annotator: str | None,
) -> None:
    source, target = _scalar(item.get("from_id")), _scalar(item.get("to_id"))
    if source is None or target is None:
        checker.report(
            line, f"task {number}: relation without from_id and to_id; not imported", "error"
        )
        return
    labels = item.get("labels")
    kinds = [k for k in labels if isinstance(k, str) and k] if isinstance(labels, list) else []
    if item.get("direction") == "left":
        source, target = target, source
    for kind in kinds or [SAID_BY]:
        record.relations.append(
            RelationRecord(source, target, kind, annotator=annotator, line=line)
        )


def _add_note(
    item: dict[str, object], record: Record, notes: dict[str, str], ignored: Counter[str]
) -> None:
    """A textarea result: a region's note (it carries the region's id), or the document's."""
    value = item.get("value")
    texts = value.get("text") if isinstance(value, dict) else None
    if isinstance(texts, str):
        texts = [texts]
    if not isinstance(texts, list) or not all(isinstance(text, str) for text in texts):
        ignored["textarea"] += 1
        return
    note = "\n".join(texts)
    if item.get("from_name") == DOCUMENT_NOTE_NAME or not (
        isinstance(value, dict) and "start" in value
    ):
        record.meta["note"] = note
    else:
        notes[str(item.get("id"))] = note


def _add_spans(
    item: object,
    record: Record,
    checker: SpanChecker,
    number: int,
    line: int,
    annotator: str | None,
    ignored: Counter[str],
) -> None:
    if not isinstance(item, dict):
        checker.report(
            line, f"task {number}: result {shown(item)} is not an object; skipped", "error"
        )
        return
    given_kind = item.get("type", "labels")
    kind = given_kind if isinstance(given_kind, str) else shown(given_kind)
    value = item.get("value")
    if (
        not isinstance(value, dict)
        or "start" not in value
        or not isinstance(value.get("labels"), list)
    ):
        if kind != "labels":
            ignored[kind] += 1
        else:
            checker.report(
                line,
                f"task {number}: labels result without start, end and labels; skipped",
                "error",
            )
        return
    labels = value["labels"]
    if not labels:
        checker.report(
            line,
            f"task {number}: span [{value.get('start')}, {value.get('end')}) has no label; not imported",
            "error",
        )
    region = _scalar(item.get("id"))
    for index, label in enumerate(labels):
        span = checker.span(
            value.get("start"),
            value.get("end"),
            label,
            line,
            given=value.get("text"),
            units="utf16",
            what=f"task {number}: span",
            annotator=annotator,
            id=region if index == 0 or region is None else f"{region}-{index + 1}",
        )
        if span is not None:
            record.spans.append(span)


def write(records: Iterable[Record], out: TextIO) -> list[Diagnostic]:
    """A JSON list of tasks, each with one annotation holding its spans (UTF-16 offsets)."""
    diagnostics: list[Diagnostic] = []
    where = str(getattr(out, "name", "<output>"))
    out.write("[")
    for number, record in enumerate(records):
        out.write(",\n" if number else "\n")
        out.write(json.dumps(to_task(record, diagnostics, where), ensure_ascii=False))
    out.write("\n]\n")
    return diagnostics


def to_task(
    record: Record, diagnostics: list[Diagnostic], where: str = "<output>"
) -> dict[str, object]:
    """One Label Studio task for a record."""
    units = Utf16Offsets(record.text)
    results: list[dict[str, object]] = []
    notes: list[dict[str, object]] = []
    names: dict[str, str] = {}
    for number, span in enumerate(exportable_spans(record, diagnostics, where), 1):
        region = span.id or f"s{number}"
        if span.id is not None:
            names.setdefault(span.id, region)
        value: dict[str, object] = {
            "start": units.to_utf16(span.start),
            "end": units.to_utf16(span.end),
            "text": record.text[span.start : span.end],
        }
        results.append(
            {
                "id": region,
                "from_name": FROM_NAME,
                "to_name": TO_NAME,
                "type": "labels",
                "value": {**value, "labels": [span.label]},
            }
        )
        if span.note:
            notes.append(_textarea(region, NOTE_NAME, {**value, "text": [span.note]}))
    for relation, source, target in exportable_relations(record, names, diagnostics, where):
        results.append(
            {
                "from_id": source,
                "to_id": target,
                "type": "relation",
                "direction": "right",
                "labels": [relation.type],
            }
        )
    results += notes
    if record.meta.get("note"):
        results.append(
            _textarea("document-note", DOCUMENT_NOTE_NAME, {"text": [record.meta["note"]]})
        )
    meta = {"id": record.id}
    meta.update(
        {
            k: v
            for k, v in record.meta.items()
            if k in ("source", "status", "title") and v is not None
        }
    )
    annotated = bool(results) or record.meta.get("status") == "done"
    return {
        "data": {TO_NAME: record.text},
        "meta": meta,
        "annotations": [{"result": results}] if annotated else [],
    }


def _textarea(region: str, name: str, value: dict[str, object]) -> dict[str, object]:
    return {"id": region, "from_name": name, "to_name": TO_NAME, "type": "textarea", "value": value}


def labeling_config(labels: Iterable[str], relation_types: Iterable[str]) -> str:
    """The labeling config XML for the tasks `write` makes: these span labels and link types
    (said_by always offered), a per-region note and a document note."""
    kinds = dict.fromkeys([SAID_BY, *relation_types])
    lines = [
        "<View>",
        "  <Relations>",
        *(f"    <Relation value={quoteattr(kind)}/>" for kind in kinds),
        "  </Relations>",
        f'  <Labels name="{FROM_NAME}" toName="{TO_NAME}">',
        *(f"    <Label value={quoteattr(label)}/>" for label in dict.fromkeys(labels)),
        "  </Labels>",
        f'  <Text name="{TO_NAME}" value="${TO_NAME}"/>',
        f'  <TextArea name="{NOTE_NAME}" toName="{TO_NAME}" perRegion="true" editable="true"'
        ' placeholder="note on the selected span"/>',
        f'  <TextArea name="{DOCUMENT_NOTE_NAME}" toName="{TO_NAME}" editable="true"'
        ' maxSubmissions="1" placeholder="note on the document"/>',
        "</View>",
    ]
    return "\n".join(lines) + "\n"
