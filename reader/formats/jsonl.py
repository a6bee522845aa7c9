"""Native JSONL: one document a line, with its spans, in code points.

Written with everything the store knows (`id`, `meta`, span ids, annotators, times, notes:
`"note"` on a span and in `"meta"`) and the links between spans (`"relations"`, each
`{"id", "type", "from", "to"}` naming span ids). Read from anything spaCy or Prodigy writes:
only `text` and `spans` (each `start`, `end`, `label`) are required; an `id` given is kept,
else one is derived from the file name and line.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from json.encoder import encode_basestring as _quote  # the C string quoting json.dumps uses
from pathlib import Path
from typing import TextIO

from reader.errors import ReaderError
from reader.formats.diagnostics import Diagnostic, shown
from reader.formats.files import DEFAULTS, ReadOptions, json_lines, json_records, read_all
from reader.formats.records import ReadResult, Record, RelationRecord
from reader.formats.relations import check_relations, exportable_relations
from reader.formats.spans import SpanChecker, exportable_spans
from reader.store.model import SAID_BY, STATUSES, annotators_ok

NAME = "jsonl"
DESCRIPTION = "native JSONL (spaCy/Prodigy-readable: text + spans in code points)"
TARGET = "stream"
SUFFIXES = (".jsonl", ".ndjson", ".json")
META_KEYS = ("source", "sha256", "status", "title", "note")


# keys of other formats' records, which this format does not read: their presence names the format
OTHER_FORMATS = {
    "label": "doccano",
    "labels": "doccano",
    "entities": "doccano",
    "data": "labelstudio",
    "annotations": "labelstudio",
    "predictions": "labelstudio",
}


def read(path: Path, options: ReadOptions = DEFAULTS) -> ReadResult:
    """Read a JSONL file (or a folder of them) into records, checking every span."""
    diagnostics: list[Diagnostic] = []
    return read_all(records(path, diagnostics, options), diagnostics)


def records(
    path: Path, diagnostics: list[Diagnostic], options: ReadOptions = DEFAULTS
) -> Iterator[Record]:
    """The checked records one at a time: memory holds one line of the file."""
    return json_records(path, SUFFIXES, json_lines, _record, diagnostics, options)


def _record(value: object, file: Path, line: int, diagnostics: list[Diagnostic]) -> Record:
    where = f"{file}:{line}"
    if not isinstance(value, dict):
        raise ReaderError(
            f'{where}: expected a JSON object with "text" and "spans", got {type(value).__name__}'
        )
    text = value.get("text")
    if not isinstance(text, str):
        raise ReaderError(
            f'{where}: no "text" string; each line needs "text" (and "spans" with start, end, label)'
        )
    checker = SpanChecker.for_record(text, str(file), line, diagnostics)
    _other_format(value, file, line, diagnostics)
    given_meta = value.get("meta")
    meta = dict(given_meta) if isinstance(given_meta, dict) else {}
    if "meta" in value and not isinstance(given_meta, dict):
        diagnostics.append(
            Diagnostic(str(file), line, f'"meta" is not an object ({shown(given_meta)}); ignored')
        )
    record = Record(
        checker.text,
        id=_id(value.get("id"), file, line, diagnostics),
        meta=meta,
        file=str(file),
        line=line,
    )
    _check_meta(record, text, file, line, diagnostics)
    if "note" in meta:
        meta["note"] = _note(meta["note"], file, line, diagnostics)
    answer = value.get("answer")
    if answer is not None and answer != "accept":
        diagnostics.append(
            Diagnostic(
                str(file), line, f"Prodigy answer is {shown(answer)}, not 'accept'; imported anyway"
            )
        )
    spans = value.get("spans", [])
    if not isinstance(spans, list):
        diagnostics.append(
            Diagnostic(
                str(file),
                line,
                f'"spans" is not a list ({type(spans).__name__}); no spans read',
                "error",
            )
        )
        spans = []
    for item in spans:
        if not isinstance(item, dict):
            diagnostics.append(
                Diagnostic(
                    str(file), line, f"span {shown(item)} is not an object; not imported", "error"
                )
            )
            continue
        span = checker.span(
            item.get("start"),
            item.get("end"),
            item.get("label"),
            line,
            given=item.get("text"),
            id=_str_or_none(item.get("id")),
            annotator=_str_or_none(item.get("annotator")),
            note=_note(item.get("note"), file, line, diagnostics),
        )
        if span is not None:
            span.extra.update({k: item[k] for k in ("created", "updated") if k in item})
            if "annotators" in item:  # a gold span's provenance (reader merge)
                annotators = _annotators(item["annotators"], span.start, file, line, diagnostics)
                if annotators:
                    span.extra["annotators"] = annotators
            record.spans.append(span)
    record.relations = _relations(value.get("relations", []), file, line, diagnostics)
    check_relations(record, diagnostics, str(file))
    return record


def _relations(
    value: object, file: Path, line: int, diagnostics: list[Diagnostic]
) -> list[RelationRecord]:
    """The `"relations"` list: each needs `from` and `to` (span ids); `type` defaults to said_by."""
    if not isinstance(value, list):
        diagnostics.append(
            Diagnostic(
                str(file),
                line,
                f'"relations" is not a list ({shown(value)}); no links read',
                "error",
            )
        )
        return []
    out = []
    prodigy = [item for item in value if isinstance(item, dict) and {"head", "child"} <= set(item)]
    if prodigy:  # Prodigy's rel recipe: links between token indices, not span ids
        diagnostics.append(
            Diagnostic(
                str(file),
                line,
                f"{len(prodigy)} Prodigy relation(s) (head/child token indices) not read: "
                'reader\'s links name span ids ("from", "to")',
            )
        )
    for item in value:
        if isinstance(item, dict) and {"head", "child"} <= set(item):
            continue
        ends = (item.get("from"), item.get("to")) if isinstance(item, dict) else (None, None)
        if not isinstance(item, dict) or not all(isinstance(end, (str, int)) for end in ends):
            diagnostics.append(
                Diagnostic(
                    str(file),
                    line,
                    f'link {shown(item)} needs "from" and "to" span ids; not imported',
                    "error",
                )
            )
            continue
        kind = item.get("type", SAID_BY)
        relation = RelationRecord(
            str(ends[0]),
            str(ends[1]),
            kind if isinstance(kind, str) and kind.strip() else SAID_BY,
            id=_str_or_none(item.get("id")),
            annotator=_str_or_none(item.get("annotator")),
            line=line,
        )
        if relation.type != kind:
            diagnostics.append(
                Diagnostic(
                    str(file), line, f"link type {shown(kind)} is not a name; read as {SAID_BY}"
                )
            )
        relation.extra.update({k: item[k] for k in ("created", "updated") if k in item})
        out.append(relation)
    return out


def _annotators(
    value: object, start: int, file: Path, line: int, diagnostics: list[Diagnostic]
) -> list[str]:
    """A span's `"annotators"`: a list of names, or a warning and none kept."""
    if annotators_ok(value):
        return list(value)
    diagnostics.append(
        Diagnostic(
            str(file),
            line,
            f"span at {start}: annotators {shown(value)} is not a list of names; not kept",
        )
    )
    return []


def _note(value: object, file: Path, line: int, diagnostics: list[Diagnostic]) -> str | None:
    if value is None or isinstance(value, str):
        return value or None
    diagnostics.append(Diagnostic(str(file), line, f"note {shown(value)} is not text; ignored"))
    return None


def _other_format(
    value: dict[str, object], file: Path, line: int, diagnostics: list[Diagnostic]
) -> None:
    """Warn when a record carries another format's keys, which this reader leaves unread."""
    unread = [key for key in OTHER_FORMATS if key in value]
    if unread:
        likely = OTHER_FORMATS[unread[0]]
        diagnostics.append(
            Diagnostic(
                str(file),
                line,
                f'key(s) {", ".join(unread)} not read by the jsonl format (it reads "spans"): '
                f"this looks like {likely}; import it with --format {likely}",
            )
        )


def _id(value: object, file: Path, line: int, diagnostics: list[Diagnostic]) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (str, int)) and str(value).strip():
        return str(value)
    diagnostics.append(
        Diagnostic(
            str(file), line, f"id {shown(value)} is not a string or number; a new id is made"
        )
    )
    return None


def _check_meta(
    record: Record, original: str, file: Path, line: int, diagnostics: list[Diagnostic]
) -> None:
    status = record.meta.get("status")
    if status is not None and status not in STATUSES:
        diagnostics.append(
            Diagnostic(
                str(file),
                line,
                f"status {shown(status)} is not one of {', '.join(STATUSES)}; ignored",
            )
        )
        del record.meta["status"]
    given = record.meta.get("sha256")
    if given is not None and given != sha256(original):
        diagnostics.append(
            Diagnostic(
                str(file),
                line,
                "meta.sha256 does not match the text: the text changed since it was exported",
            )
        )


def _str_or_none(value: object) -> str | None:
    return None if value is None else str(value)


def sha256(text: str) -> str:
    """The hex SHA-256 of a text's UTF-8 bytes, as the store records it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def write(records: Iterable[Record], out: TextIO) -> list[Diagnostic]:
    """Write one JSON object a line; returns what could not be written as asked."""
    diagnostics: list[Diagnostic] = []
    where = str(getattr(out, "name", "<output>"))
    quoted = _Quoted()
    for record in records:
        out.write(to_line(record, diagnostics, where, quoted))
    return diagnostics


def to_line(
    record: Record,
    diagnostics: list[Diagnostic],
    where: str = "<output>",
    quoted: _Quoted | None = None,
) -> str:
    """The native JSON line (newline included) for one record.

    What `json.dumps(..., ensure_ascii=False)` would write, keys in the documented order, but
    each span formatted straight into text: a full export writes 100,000 spans a second and
    more, and a dict per span for the encoder to walk cost a third of that. `quoted` keeps
    the JSON of strings that repeat from span to span (labels, annotators, times).
    """
    meta = {key: record.meta[key] for key in META_KEYS if record.meta.get(key) is not None}
    if "sha256" not in meta:
        meta["sha256"] = sha256(record.text)
    meta.update({k: v for k, v in record.meta.items() if k not in meta and v is not None})
    text = record.text
    repeated = _Quoted() if quoted is None else quoted
    spans = []
    kept = exportable_spans(record, diagnostics, where)
    for span in kept:
        start, end, extra, given = span.start, span.end, span.extra, span.text
        head = (
            f'{{"id": {"null" if span.id is None else _quote(span.id)}, "start": {start}, '
            f'"end": {end}, "label": {repeated[span.label]}, '
            f'"text": {_quote(text[start:end] if given is None else given)}'
        )
        annotator, created, updated = span.annotator, extra.get("created"), extra.get("updated")
        if (  # the common case in one piece: a span as the store keeps it
            type(annotator) is str
            and type(created) is str
            and type(updated) is str
            and len(extra) == 2
            and not span.note
        ):
            spans.append(
                f'{head}, "annotator": {repeated[annotator]}, "created": {repeated[created]}, '
                f'"updated": {repeated[updated]}}}'
            )
            continue
        item = [head]
        if annotator is not None:
            item.append(f', "annotator": {repeated[annotator]}')
        # origin: an accepted suggestion's suggester; annotators: a gold span's provenance
        for key in ("created", "updated", "origin", "annotators", "suggestion"):
            value = extra.get(key)
            if value is not None:
                item.append(
                    f', "{key}": {repeated[value] if type(value) is str else _encode(value)}'
                )
        if span.note:
            item.append(f', "note": {_quote(span.note)}')
        item.append("}")
        spans.append("".join(item))
    relations = []
    if record.relations:
        written = {span.id: span.id for span in kept if span.id is not None}
        for relation, source, target in exportable_relations(record, written, diagnostics, where):
            link: dict[str, object] = {
                "id": relation.id,
                "type": relation.type,
                "from": source,
                "to": target,
            }
            if relation.annotator is not None:
                link["annotator"] = relation.annotator
            link.update({k: v for k, v in relation.extra.items() if v is not None})
            relations.append(link)
    return (
        f'{{"id": {"null" if record.id is None else _quote(record.id)}, "text": {_quote(text)}, '
        f'"meta": {_encode(meta)}, "spans": [{", ".join(spans)}], '
        f'"relations": {_encode(relations)}}}\n'
    )


class _Quoted(dict[str, str]):
    """Strings -> their JSON, made on first use; forgets all past 10,000 (times are many)."""

    def __missing__(self, key: str) -> str:
        if len(self) >= 10_000:
            self.clear()
        value = self[key] = _quote(key)
        return value


_encode = json.JSONEncoder(ensure_ascii=False).encode
