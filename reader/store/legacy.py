"""Stores of the first layout (format version 1): everything in one TinyDB file.

    {"_meta": {"1": {"format": "reader-store", "version": 1, "seq": 42}},
     "documents": {"1": {"id": ..., "title": ..., "text": ...}, ...},
     "spans": {"1": {"id": ..., "doc_id": ..., "start": 4, "end": 9, ...}, ...}}

Read whole into memory: by a read-only open (which changes nothing), and by the first
writable open, which migrates it to the manifest layout (see `migrate` in `layout`).
Strict reading stops at the first problem; lenient reading (repair) skips bad records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reader.store.state import OperationError, State
from reader.store.tinyfile import Damage

VERSION = 1
DOCUMENTS, SPANS = "documents", "spans"


@dataclass
class Loaded:
    """A file read into memory, with what was wrong and skipped (lenient reading only)."""

    state: State
    skipped: list[str] = field(default_factory=list)


def parse(meta: dict[str, Any], raw: dict[str, Any], strict: bool = True) -> Loaded:
    """A version-1 file's tables (see tinyfile.read_tables) as a State with every document in memory."""
    loaded = Loaded(State())
    state = loaded.state

    def problem(message: str) -> None:
        if strict:
            raise Damage(message)
        loaded.skipped.append(message)

    if not isinstance(meta.get("seq"), int) or meta["seq"] < 0:
        problem("table '_meta' has no valid seq")
    else:
        state.seq = state.manifest_seq = meta["seq"]
    for name, table in raw.items():
        if name not in ("_meta", DOCUMENTS, SPANS):
            state.extra_tables[name] = table
    for key, doc in raw.get(DOCUMENTS, {}).items():
        if isinstance(doc, dict) and doc.get("id") in state.rows:
            problem(f"document {doc['id']!r} appears twice (record {key})")
            continue
        try:
            state.apply({"op": "doc", "doc": doc})
        except OperationError as error:
            problem(f"documents record {key}: {error}")
    for key, span in raw.get(SPANS, {}).items():
        if isinstance(span, dict) and span.get("id") in state.span_doc:
            problem(f"span {span['id']!r} appears twice (record {key})")
            continue
        try:
            state.apply({"op": "span", "span": span})
        except OperationError as error:
            problem(f"spans record {key}: {error}")
    for data in state.loaded.values():
        data.dirty = False
    return loaded
