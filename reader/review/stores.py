"""Annotators' stores opened read-only for agreement and merging, each named for its annotator.

An annotator is named by the store's file name (`DIR/huda.json` is huda), not by the spans'
`annotator` field: on a shared box everyone may work under one login, while `reader assign`
gives each person a store of their own. Spans and texts are read once and kept.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import NamedTuple

from reader.errors import ReaderError
from reader.review.spans import Span, spans_of
from reader.store import AnnotationStore, DocumentRecord, DocumentRow


class ReviewStore:
    """One annotator's store, read-only, with its spans as `Span` triples."""

    def __init__(self, store: AnnotationStore, name: str) -> None:
        self.store = store
        self.name = name
        self.documents: list[DocumentRow] = store.documents()
        self._spans: dict[str, list[Span]] = {}

    def spans(self, doc_id: str) -> list[Span]:
        if doc_id not in self._spans:
            self._spans[doc_id] = spans_of(self.store.spans(doc_id))
        return self._spans[doc_id]

    def document(self, doc_id: str) -> DocumentRecord:
        return self.store.document(doc_id)

    def extras(self, doc_id: str) -> Extras:
        """The document's links between anchored spans, as span triples, and its notes."""
        records = self.store.spans(doc_id)
        by_id = {
            record["id"]: Span(record["start"], record["end"], record["label"])
            for record in records
            if not record.get("orphaned")
        }
        links = [  # (the relations come from the document the spans just read)
            Link(by_id[r["from"]], by_id[r["to"]], r["type"])
            for r in self.store.relations(doc_id)
            if r["from"] in by_id and r["to"] in by_id
        ]
        notes = {
            by_id[record["id"]]: record["note"]
            for record in records
            if record.get("note") and record["id"] in by_id
        }
        return Extras(links, self.store.document(doc_id).get("note", ""), notes)


class Link(NamedTuple):
    """A relation between two spans, named by their triples (ids differ between stores)."""

    source: Span
    target: Span
    type: str


class Extras(NamedTuple):
    """What an annotator added to a document besides spans: links, and notes."""

    links: list[Link]
    note: str
    span_notes: dict[Span, str]


def annotator_names(paths: Sequence[Path]) -> list[str]:
    """Each store's annotator: its file name without suffix, or its whole path when two share one."""
    resolved = [path.resolve() for path in paths]
    for i, path in enumerate(resolved):
        if path in resolved[:i]:
            raise ReaderError(f"{paths[i]} is given twice; name each annotator's store once")
    stems = [path.stem for path in paths]
    if len(set(stems)) == len(stems):
        return stems
    return [str(path) for path in paths]


@contextmanager
def open_stores(paths: Sequence[Path]) -> Iterator[list[ReviewStore]]:
    """Open every store read-only (it may be open in someone's app meanwhile) and close them after."""
    names = annotator_names(paths)
    with ExitStack() as stack:
        stores = []
        for path, name in zip(paths, names, strict=True):
            store = stack.enter_context(AnnotationStore.open(path, read_only=True))
            stores.append(ReviewStore(store, name))
        yield stores
