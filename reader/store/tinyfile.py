"""The store of record: one JSON file in TinyDB's layout, one record per line.

    {"_meta": {"1": {"format": "reader-store", "version": 1, "seq": 42}},
     "documents": {"1": {"id": ..., "title": ..., "text": ...}, ...},
     "spans": {"1": {"id": ..., "doc_id": ..., "start": 4, "end": 9, ...}, ...}}

Plain `TinyDB(path, access_mode="r")` reads it and can query it (tables `documents`, `spans`).
It is only ever replaced whole (see files.atomic_write), never edited in place, so TinyDB's
own JSONStorage must not be used to write it. `seq` is the last journal commit it contains.

Loading checks everything (JSON, shape, types, references, duplicates). Strict loading stops at
the first problem (opening a store must not guess); lenient loading, for `reader check
--repair`, skips bad records and lists them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from reader.store.model import DOCUMENT_FIELDS, ordered
from reader.store.state import OperationError, State

FORMAT = "reader-store"
VERSION = 1
META, DOCUMENTS, SPANS = "_meta", "documents", "spans"


class Damage(ValueError):
    """The file cannot be read as a store; the message says what is wrong, in a few words."""


@dataclass
class Loaded:
    """A file read into memory, with what was wrong and skipped (lenient loading only)."""

    state: State
    skipped: list[str] = field(default_factory=list)


def encode(state: State) -> bytes:
    """The whole store as file bytes: documents in insertion order, spans by document in text order."""
    meta = {"format": FORMAT, "version": VERSION, "seq": state.seq}
    out = ["{", f'"{META}": {{"1": {_dumps(meta)}}},']
    for name, value in state.extra_tables.items():
        out.append(f"{_dumps(name)}: {_dumps(value)},")
    out.append(f'"{DOCUMENTS}": {{')
    out.append(",\n".join(_rows(ordered(d, DOCUMENT_FIELDS) for d in state.docs.values())))
    out.append("},")
    out.append(f'"{SPANS}": {{')
    out.append(
        ",\n".join(_rows(span for doc_id in state.docs for span in state.sorted_spans(doc_id)))
    )
    out.append("}")
    out.append("}\n")
    return "\n".join(out).encode("utf-8")


# One encoder for every record: json.dumps with options builds a new encoder per call.
_dumps = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode


def _rows(records: Iterable[dict[str, Any]]) -> Iterable[str]:
    for number, record in enumerate(records, 1):
        yield f'"{number}": {_dumps(record)}'


def empty() -> bytes:
    """The bytes of a new, empty store."""
    return encode(State())


def parse(data: bytes, strict: bool = True) -> Loaded:
    """Read file bytes into a State; Damage (strict) or skipped records (lenient) for problems.

    Lenient loading still raises Damage when the file as a whole is unusable (not JSON, not an
    object of tables).
    """
    if not data.strip():
        raise Damage("the file is empty (0 bytes of JSON)" if not data else "the file is blank")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Damage(f"not UTF-8 text (bad byte at offset {error.start})") from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        if error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated string"):
            raise Damage(f"the JSON ends early at line {error.lineno} (truncated?)") from None
        raise Damage(
            f"not valid JSON at line {error.lineno} column {error.colno}: {error.msg}"
        ) from None
    if not isinstance(raw, dict):
        raise Damage(f"expected a JSON object of tables, found {_kind(raw)}")
    for name, table in raw.items():
        if not isinstance(table, dict):
            raise Damage(f"table {name!r} should be an object of records, found {_kind(table)}")
    loaded = Loaded(State())
    state = loaded.state

    def problem(message: str) -> None:
        if strict:
            raise Damage(message)
        loaded.skipped.append(message)

    if META not in raw:
        raise Damage(
            f"no {META!r} table: not a reader store (another program's TinyDB or JSON file?)"
        )
    meta = raw[META]
    record = next(iter(meta.values()), None)
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        raise Damage(f"table {META!r} does not say format {FORMAT!r}: not a reader store")
    if not isinstance(record.get("version"), int) or record["version"] > VERSION:
        raise Damage(
            f"written by a newer reader (format version {record.get('version')!r}, this reader knows {VERSION})"
        )
    if not isinstance(record.get("seq"), int) or record["seq"] < 0:
        problem(f"table {META!r} has no valid seq")
    else:
        state.seq = record["seq"]
    for name, table in raw.items():
        if name not in (META, DOCUMENTS, SPANS):
            state.extra_tables[name] = table
    for key, doc in raw.get(DOCUMENTS, {}).items():
        if isinstance(doc, dict) and doc.get("id") in state.docs:
            problem(f"document {doc['id']!r} appears twice (record {key})")
            continue
        try:
            state.apply({"op": "doc", "doc": doc})
        except OperationError as error:
            problem(f"documents record {key}: {error}")
    for key, span in raw.get(SPANS, {}).items():
        if isinstance(span, dict) and span.get("id") in state.spans:
            problem(f"span {span['id']!r} appears twice (record {key})")
            continue
        try:
            state.apply({"op": "span", "span": span})
        except OperationError as error:
            problem(f"spans record {key}: {error}")
    return loaded


def _kind(value: Any) -> str:
    return {
        list: "a list",
        str: "a string",
        int: "a number",
        float: "a number",
        bool: "a boolean",
        type(None): "null",
        dict: "an object",
    }.get(type(value), type(value).__name__)
