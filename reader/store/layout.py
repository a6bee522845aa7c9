"""The store's files (format version 2): a small manifest, and one TinyDB file per document.

    store.json                    the manifest
      {"_meta": {"1": {"format": "reader-store", "version": 2, "seq": 42}},
       "documents": {"1": {"id": "news/libya.txt", "title": "...", "source": "...",
                           "status": "in_progress", "sha256": "...", "span_count": 3,
                           "labels": {"place": 2, "actor": 1}, "orphaned": 0,
                           "file": "news_libya.txt-3f2a9c0d1e4b5a67.json"}, ...}}
    store.json.docs/<file>        one document: its record (with the text) and its spans
      {"_meta": {"1": {"format": "reader-document", "version": 2, "seq": 40}},
       "documents": {"1": {"id": ..., "title": ..., "source": ..., "status": ..., "sha256": ...,
                           "text": ...}},
       "spans": {"1": {"id": ..., "doc_id": ..., "start": 4, "end": 9, "label": ..., ...}, ...},
       "relations": {"1": {"id": ..., "doc_id": ..., "type": "said_by", "from": <span id>,
                           "to": <span id>, "annotator": ..., "created": ..., "updated": ...}},
       "suggestions": {"1": {"id": ..., "doc_id": ..., "start": 4, "end": 9, "label": "date",
                             "text": ..., "annotator": "date/1", "status": "pending", ...}}}
    (a span's note is its "note" field, a document's note the document record's; "relations"
    and "suggestions" are left out when there are none; a span accepted from a suggestion
    has "origin": "suggestion:date/1")

The document files are the record; the manifest is the list of documents and their counts,
rebuilt from the document files by `reader check --repair` if it is ever lost. A file's name
is derived from the document id (its readable part, then 16 hex digits of its sha256), so a
crash between writing a document and writing the manifest cannot lose track of the file.
`seq` in each file is the last journal commit it holds: opening replays the newer ones.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from reader.store import legacy
from reader.store.model import (
    DOCUMENT_FIELDS,
    SPAN_FIELDS,
    STATUSES,
    check_status,
    document_problem,
    fields_problem,
    ordered,
)
from reader.store.state import DocData, Record, State
from reader.store.tinyfile import Damage, encode, kind, read_tables

FORMAT = "reader-store"
DOCUMENT_FORMAT = "reader-document"
VERSION = 2
DOCUMENTS, SPANS, RELATIONS, SUGGESTIONS = "documents", "spans", "relations", "suggestions"

_ROW_TYPES: dict[str, tuple[type, ...]] = {
    "id": (str,),
    "title": (str,),
    "source": (str, type(None)),
    "status": (str,),
    "sha256": (str,),
    "span_count": (int,),
    "labels": (dict,),
    "orphaned": (int,),
}


def file_name(doc_id: str) -> str:
    """The name of a document's file: its id's readable part and a hash (no two ids share one)."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", doc_id)[:40].strip("._") or "document"
    digest = hashlib.sha256(doc_id.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{slug}-{digest}.json"


# -- writing ------------------------------------------------------------------------------------


def encode_manifest(state: State) -> bytes:
    """The manifest's bytes: every document's row (no text), in the order they were added."""
    meta = {"format": FORMAT, "version": VERSION, "seq": state.seq}
    rows = ({**row, "file": file_name(row["id"])} for row in state.rows.values())
    extra = [(name, table.values()) for name, table in state.extra_tables.items()]
    return encode(meta, [(DOCUMENTS, rows), *extra])


def encode_document(data: DocData, seq: int) -> bytes:
    """A document file's bytes: the record with its text, then its spans in text order."""
    meta = {"format": DOCUMENT_FORMAT, "version": VERSION, "seq": seq}
    spans = [ordered(span, SPAN_FIELDS) for span in data.sorted_spans()]  # read as they were
    tables = [(DOCUMENTS, [data.doc]), (SPANS, spans)]
    if data.relations:
        tables.append((RELATIONS, list(data.relations.values())))
    if data.suggestions:
        tables.append((SUGGESTIONS, sorted(data.suggestions.values(), key=_suggestion_order)))
    return encode(meta, tables)


def _suggestion_order(record: Record) -> tuple[int, int, str, str]:
    return (record["start"], record["end"], record["label"], record["id"])


def empty_manifest() -> bytes:
    return encode_manifest(State())


# -- reading ------------------------------------------------------------------------------------


@dataclass
class Manifest:
    """The manifest as read: the rows, the commit it holds, and what was skipped (lenient)."""

    seq: int
    rows: dict[str, Record]
    extra_tables: dict[str, Any] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)


def read_store_file(data: bytes, strict: bool = True) -> Manifest | legacy.Loaded:
    """The store's main file: a manifest, or a whole single-file store (version 1)."""
    meta, raw = read_tables(data, (FORMAT,))
    if meta["version"] > VERSION:
        raise Damage(
            f"written by a newer reader (format version {meta['version']}, this reader knows {VERSION})"
        )
    if meta["version"] == legacy.VERSION:
        return legacy.parse(meta, raw, strict)
    return parse_manifest(meta, raw, strict)


def parse_manifest(meta: dict[str, Any], raw: dict[str, Any], strict: bool) -> Manifest:
    seq = meta.get("seq")
    if type(seq) is not int or seq < 0:
        if strict:
            raise Damage("table '_meta' has no valid seq")
        seq = 0
    manifest = Manifest(seq, {})
    for key, row in raw.get(DOCUMENTS, {}).items():
        problem = row_problem(row)
        if problem is None and row["id"] in manifest.rows:
            problem = f"document {row['id']!r} appears twice"
        if problem:
            if strict:
                raise Damage(f"documents record {key}: {problem}")
            manifest.skipped.append(f"documents record {key}: {problem}")
            continue
        row.pop("file", None)  # derived from the id, never trusted
        manifest.rows[row["id"]] = row
    for name, table in raw.items():
        if name not in ("_meta", DOCUMENTS):
            manifest.extra_tables[name] = table
    return manifest


def row_problem(row: object) -> str | None:
    """What is wrong with a manifest row, or None."""
    if not isinstance(row, dict):
        return f"a document row must be an object, got {kind(row)}"
    try:  # the common case spelled out: opening 10,000 rows runs this 10,000 times
        if (
            type(row["id"]) is str
            and row["id"]
            and type(row["title"]) is str
            and (row["source"] is None or type(row["source"]) is str)
            and row["status"] in STATUSES
            and type(row["sha256"]) is str
            and type(row["span_count"]) is int
            and type(row["orphaned"]) is int
            and type(row["labels"]) is dict
            and type(sum(row["labels"].values())) is int  # TypeError or a float otherwise
        ):
            return None
    except (KeyError, TypeError):
        pass
    problem = fields_problem(row, _ROW_TYPES, False) or check_status(row["status"])
    if problem:
        return problem
    if not all(type(n) is int and type(k) is str for k, n in row["labels"].items()):
        return f"{row['id']!r} has labels that are not counts"
    return None


def parse_document(
    data: bytes, doc_id: str | None, strict: bool = True
) -> tuple[DocData, list[str]]:
    """A document file as DocData, and what was wrong and skipped (lenient); Damage if unusable.

    `doc_id` is the document the file should hold (None: whichever it holds).
    """
    meta, raw = read_tables(data, (DOCUMENT_FORMAT,))
    if meta["version"] > VERSION:
        raise Damage(f"written by a newer reader (format version {meta['version']})")
    seq = meta.get("seq")
    if type(seq) is not int or seq < 0:
        raise Damage("table '_meta' has no valid seq")
    records = list(raw.get(DOCUMENTS, {}).values())
    if len(records) != 1:
        raise Damage(f"holds {len(records)} document records, not one")
    problem = document_problem(records[0])
    if problem:
        raise Damage(f"document {problem}")
    record = records[0]
    if doc_id is not None and record["id"] != doc_id:
        raise Damage(f"holds document {record['id']!r}, not {doc_id!r}")
    document = DocData(ordered(record, DOCUMENT_FIELDS), seq)
    skipped = document.add_spans(list(raw.get(SPANS, {}).values()))
    skipped += document.add_relations(list(raw.get(RELATIONS, {}).values()))
    skipped += document.add_suggestions(list(raw.get(SUGGESTIONS, {}).values()))
    if skipped and strict:
        raise Damage(skipped[0])
    return document, skipped


def state_of(manifest: Manifest) -> State:
    """A State with the manifest's rows and no document read yet (give it a loader)."""
    state = State()
    state.seq = state.manifest_seq = manifest.seq
    state.rows = manifest.rows
    state.extra_tables = manifest.extra_tables
    return state
