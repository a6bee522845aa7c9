"""The annotation store: documents with their full text and labelled spans, in one TinyDB file.

    from reader.store import AnnotationStore
    with AnnotationStore.open(path) as store:
        doc_id = store.add_document(text, source="news/libya.txt")
        span_id = store.add_span(doc_id, 4, 9, "place")   # durable when it returns
        store.spans(doc_id)

Modules, one job each: `model` (records), `anchor` (re-anchoring), `state` (in-memory indexes),
`tinyfile` (the TinyDB JSON file), `journal` (append-only, fsync'd log), `files` (paths and
atomic replace), `lock` (one writer), `loading` (file + journal replay), `store` (the API),
`check` (diagnosis and repair, for `reader check`). Pure Python: no Textual here.
"""

from reader.store.anchor import ReanchorReport
from reader.store.errors import (
    NotFoundError,
    StoreDamagedError,
    StoreError,
    StoreLockedError,
    StoreReadOnlyError,
)
from reader.store.files import StorePaths
from reader.store.model import STATUSES, DocumentRecord, DocumentRow, SpanRecord, Status
from reader.store.store import AnnotationStore

__all__ = [
    "STATUSES",
    "AnnotationStore",
    "DocumentRecord",
    "DocumentRow",
    "NotFoundError",
    "ReanchorReport",
    "SpanRecord",
    "Status",
    "StoreDamagedError",
    "StoreError",
    "StoreLockedError",
    "StorePaths",
    "StoreReadOnlyError",
]
