"""The annotation store: documents with their full text, labelled spans, relations and notes.

    from reader.store import AnnotationStore
    with AnnotationStore.open(path) as store:
        doc_id = store.add_document(text, source="news/libya.txt")
        span_id = store.add_span(doc_id, 4, 9, "place")   # durable when it returns
        store.spans(doc_id)

Modules, one job each: `model` (records and their types), `anchor` (re-anchoring), `state`
(the manifest's rows and the documents read so far), `tinyfile` (TinyDB JSON files), `layout`
(the manifest and the document files), `legacy` (the single-file layout, read whole),
`migration` (single file to manifest layout), `journal` (append-only, fsync'd log), `files`
(paths, safe opening and atomic replace), `lock` (one writer), `loading` (files + journal
replay), `store` (the API), `history` (undo and redo), `check` (diagnosis and repair, for
`reader check`). Pure Python: no Textual here.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.store.anchor import ReanchorReport
    from reader.store.errors import (
        InvalidTextError,
        NotFoundError,
        StoreDamagedError,
        StoreError,
        StoreLockedError,
        StoreReadOnlyError,
    )
    from reader.store.files import StorePaths
    from reader.store.model import (
        DocumentRecord,
        DocumentRow,
        RelationRecord,
        SpanRecord,
        SuggestionRecord,
    )
    from reader.store.status import STATUSES, Status
    from reader.store.store import AnnotationStore, Proposal

# Where each public name lives. They are imported on first use, so that `reader.store.model`
# (the statuses the app shows) costs nothing before the first paint.
_HOMES = {
    "ReanchorReport": "anchor",
    **dict.fromkeys(
        [
            "InvalidTextError",
            "NotFoundError",
            "StoreDamagedError",
            "StoreError",
            "StoreLockedError",
            "StoreReadOnlyError",
        ],
        "errors",
    ),
    "StorePaths": "files",
    **dict.fromkeys(
        ["DocumentRecord", "DocumentRow", "RelationRecord", "SpanRecord", "SuggestionRecord"],
        "model",
    ),
    **dict.fromkeys(["STATUSES", "Status"], "status"),
    **dict.fromkeys(["AnnotationStore", "Proposal"], "store"),
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'reader.store' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"reader.store.{home}"), name)
    globals()[name] = value
    return value


__all__ = [
    "STATUSES",
    "AnnotationStore",
    "DocumentRecord",
    "DocumentRow",
    "InvalidTextError",
    "NotFoundError",
    "Proposal",
    "ReanchorReport",
    "RelationRecord",
    "SpanRecord",
    "Status",
    "StoreDamagedError",
    "StoreError",
    "StoreLockedError",
    "StorePaths",
    "StoreReadOnlyError",
    "SuggestionRecord",
]
