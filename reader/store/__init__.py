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
    STATUSES,
    DocumentRecord,
    DocumentRow,
    RelationRecord,
    SpanRecord,
    Status,
    SuggestionRecord,
)
from reader.store.store import AnnotationStore, Proposal

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
