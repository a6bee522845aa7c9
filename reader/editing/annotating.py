"""What each annotation key does to the open document, without Textual.

`Annotating` holds the open document's spans (a `SpanIndex`, mirroring the store) and the
`History` every change goes through (saved as it happens, undoable across documents). Each
key becomes one call that either returns the `Change` it made or raises `Refused` with the
sentence to show. The app only draws the result.

What a key acts on:
- a label key tags the selection, or the word under the caret (whitespace trimmed); with no
  selection and a span focused (Tab), it relabels that span instead;
- the edge keys move the selection's edge (the caller does that), else the focused span's,
  else the only span under the caret: logical start and end, a letter with its harakat;
- delete removes the focused span (or the only one under the caret), and its links;
- link, unlink and follow act on the focused span (or the only one under the caret); a note
  goes on the focused span, or on the document when none is focused.
A read-only store refuses every change, naming who holds it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from reader.editing.edits import move_edge, tag_range
from reader.editing.library import Library
from reader.editing.linking import Candidate, RelationIndex, candidates, types_from
from reader.editing.span_index import SpanIndex
from reader.errors import ReaderError
from reader.store.model import SpanRecord

if TYPE_CHECKING:
    from reader.config import RelationType
    from reader.store import AnnotationStore
    from reader.store.history import Change, History

Record = SpanRecord
Relation = dict[str, Any]  # a relation record: id, type, from, to (span ids)
Severity = Literal["information", "warning", "error"]


class Refused(Exception):
    """A key that cannot act here; the message says why, for the status line."""

    def __init__(
        self, message: str, severity: Severity = "information", timeout: float = 3
    ) -> None:
        super().__init__(message)
        self.severity = severity
        self.timeout = timeout


@dataclass
class Shown:
    """What a change means for the screen of the open document."""

    change: Change
    touched: list[tuple[int, int]] = field(default_factory=list)  # ranges to redraw
    elsewhere: str | None = None  # the change's document, when it is not the open one
    statuses: dict[str, str] = field(default_factory=dict)  # document id -> its new status


def nesting(spans: list[Record], focused: str | None) -> str:
    """The spans under the caret, innermost first (as `SpanIndex.at` gives them), the focused
    one in brackets: "place ⊂ claim" where one holds the next, "actor ∩ place" where two only
    overlap."""
    parts: list[str] = []
    previous: Record | None = None
    for span in spans:
        if previous is not None:
            inside = span["start"] <= previous["start"] and previous["end"] <= span["end"]
            parts.append(" ⊂ " if inside else " ∩ ")
        parts.append(f"[{span['label']}]" if span["id"] == focused else span["label"])
        previous = span
    return "".join(parts)


class Annotating:
    """The open document's spans and the history of changes (see the module docstring)."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.history: History | None = None
        self.spans = SpanIndex()
        self.relations = RelationIndex()  # the open document's links
        self.note = ""  # the open document's note
        self.index: int | None = None  # the library entry whose spans `spans` holds
        self.opening: Callable[[], bool] = lambda: False  # whether the store is still opening
        if library.store is not None:
            self.attach(library.store)

    def attach(self, store: AnnotationStore) -> None:
        """The store arrived (the app opens it after the first paint): changes can be saved."""
        from reader.store.history import History  # not needed to paint

        self.library.store = store
        self.history = History(store)

    # -- the open document -------------------------------------------------------------------------

    def load(self, index: int) -> SpanIndex:
        """Read entry `index`'s spans from the store into a fresh index."""
        self.index = index
        self.spans = SpanIndex(self._stored_spans(index))
        self.relations, self.note = RelationIndex(), ""
        store, doc_id = self.library.store, self.doc_id
        if len(self.spans) and store is not None and doc_id is not None:
            self.relations = RelationIndex(dict(r) for r in store.relations(doc_id))
        if store is not None and doc_id is not None and store.has_document(doc_id):
            self.note = str(store.document(doc_id).get("note") or "")
        return self.spans

    def _stored_spans(self, index: int) -> list[Record]:
        library = self.library
        store = library.store
        if not library.entries or store is None or library.text(index) is None:
            return []
        entry = library.entries[index]
        if library.record(index):
            return store.spans(entry.id)
        if store.has_document(entry.id) and store.document(entry.id)["text"] == library.text(index):
            return store.spans(entry.id)  # read-only: the store's spans, if they are of this text
        return []

    @property
    def doc_id(self) -> str | None:
        entries = self.library.entries
        return None if self.index is None or not entries else entries[self.index].id

    # -- what the keys act on ----------------------------------------------------------------------

    def target_span(self, focused: str | None, caret: int, verb: str) -> Record:
        """The focused span, else the only span under the caret."""
        span = self.spans.get(focused)
        if span is not None:
            return span
        here = self.spans.at(caret)
        if len(here) == 1:
            return here[0]
        if not here:
            raise Refused(f"No span under the caret to {verb}", timeout=2)
        raise Refused(f"{len(here)} spans here: press Tab to choose one, then {verb} it")

    def writable_document(self) -> str:
        """The open document's id, recorded in the store; Refused (saying why) otherwise."""
        library = self.library
        store = library.store
        if store is None or self.history is None:
            if self.opening():
                raise Refused("The store is still opening: try again in a moment", "warning")
            if library.save_error is not None:
                raise Refused(f"No store: {library.save_error}", "error", 5)
            raise Refused("No store: annotations cannot be saved", "warning")
        if store.read_only:
            holder = store.lock_holder or "another process"
            raise Refused(f"Read-only: the store is locked by {holder}; not saved", "error", 4)
        if self.index is None or not library.entries or not library.record(self.index):
            raise Refused(library.save_error or "This document cannot be annotated", "error", 4)
        return library.entries[self.index].id

    # -- the keys ----------------------------------------------------------------------------------

    def tag(
        self, label: str, selection: tuple[int, int] | None, caret: int, focused: str | None
    ) -> Shown | None:
        """Tag the selection or the word at the caret; relabel the focused span instead."""
        if selection is None and focused is not None:
            return self.change(lambda history: history.relabel(focused, label))
        text = self.library.text(self.index) if self.index is not None else None
        target = tag_range(text or "", selection, caret)
        if target is None:
            raise Refused("Nothing to tag here: select some text, or put the caret on a word")
        doc_id = self.writable_document()
        return self.change(lambda history: history.tag(doc_id, target[0], target[1], label))

    def delete(self, focused: str | None, caret: int) -> Shown | None:
        span_id = self.target_span(focused, caret, "delete")["id"]
        return self.change(lambda history: history.delete(span_id))

    def delete_id(self, span_id: str) -> Shown | None:
        return self.change(lambda history: history.delete(span_id))

    def move_span_edge(self, edge: str, step: int, focused: str | None, caret: int) -> Shown | None:
        """Move an edge of the focused span (or the only one under the caret) by a letter."""
        span = self.target_span(focused, caret, "resize")
        text = self.library.text(self.index) if self.index is not None else None
        moved = move_edge(text or "", span["start"], span["end"], edge, step)
        if moved is None:
            raise Refused("A span cannot become empty: delete it with x", timeout=2)
        return self.change(lambda history: history.move(span["id"], *moved))

    def undo(self) -> Shown | None:
        if self.history is None or not self.history.can_undo:
            raise Refused("Nothing to undo", timeout=2)
        return self.change(lambda history: history.undo())

    def redo(self) -> Shown | None:
        if self.history is None or not self.history.can_redo:
            raise Refused("Nothing to redo", timeout=2)
        return self.change(lambda history: history.redo())

    def mark(self, status: str) -> Shown | None:
        doc_id = self.writable_document()
        return self.change(lambda history: history.set_status(doc_id, status))

    # -- links and notes ---------------------------------------------------------------------------

    def link_candidates(
        self, relations: Sequence[RelationType], focused: str | None, caret: int
    ) -> tuple[Record, list[Candidate]]:
        """The span to link (focused, or the only one under the caret) and what it can link
        to, nearest first; Refused, saying what to do, when there is nothing."""
        source = self.target_span(focused, caret, "link")
        kinds = types_from(relations, source["label"])
        if not kinds:
            starts = sorted({label for kind in relations for label in kind.sources})
            raise Refused(
                f"A {source['label']} cannot start a link: links start at "
                + (" or ".join(starts) or "no label (see [[relations]] in the config)")
            )
        text = self.library.text(self.index) if self.index is not None else None
        found = candidates(text or "", self.spans, source, kinds)
        if not found:
            targets = sorted({label for kind in kinds for label in kind.targets})
            raise Refused(f"No {' or '.join(targets)} in this document to link to: tag one first")
        return source, found

    def link(self, source: str, target: str, kind: str) -> Shown | None:
        doc_id = self.writable_document()
        return self.change(lambda history: history.link(doc_id, source, target, kind))

    def unlink(self, relation_id: str) -> Shown | None:
        return self.change(lambda history: history.unlink(relation_id))

    def links_to_remove(self, focused: str | None, caret: int) -> list[Relation]:
        """The links of the focused span (or the only one under the caret); Refused if none."""
        span = self.target_span(focused, caret, "unlink")
        links = self.relations.of(span["id"])
        if not links:
            raise Refused(f"This {span['label']} has no link to delete", timeout=2)
        return links

    def note_target(self, focused: str | None) -> Record | None:
        """The span a note goes on (the focused one), or None for the document's note."""
        return self.spans.get(focused)

    def set_note(self, text: str, span_id: str | None) -> Shown | None:
        """Write the note on a span, or on the open document ("" removes it)."""
        doc_id = self.writable_document()
        return self.change(lambda history: history.note(doc_id, text.strip(), span_id))

    # -- one change --------------------------------------------------------------------------------

    def change(self, make: Callable[[History], Change | None]) -> Shown | None:
        """Make a change through the history and mirror it in the open document's index."""
        if self.history is None or (self.library.store and self.library.store.read_only):
            self.writable_document()  # raises, saying why
        assert self.history is not None
        try:
            change = make(self.history)
        except (ReaderError, KeyError, ValueError) as error:
            raise Refused(f"Not changed: {error}", "error", 5) from None
        if change is None:
            return None
        return self._mirror(change)

    def _mirror(self, change: Change) -> Shown:
        """Apply a change to the library's statuses, and to the index if it is of the open
        document; say which ranges to redraw."""
        from reader.store.history import Delete, Link, Note, Put, Status, Unlink

        shown = Shown(change)
        for op in change.applied:
            if isinstance(op, Status):
                shown.statuses[op.doc_id] = op.status
                for entry in self.library.entries:
                    if entry.id == op.doc_id:
                        entry.status = op.status
        step = change.step
        if step is not None and step.doc_id != self.doc_id:
            shown.elsewhere = step.doc_id
            return shown
        for op in change.applied:
            previous = None
            if isinstance(op, Put):
                previous = self.spans.put(op.span)
                shown.touched.append((op.span["start"], op.span["end"]))
            elif isinstance(op, Delete):
                previous = self.spans.remove(op.span_id)
            elif isinstance(op, Link | Unlink):
                relation = (
                    self.relations.put(dict(op.relation))
                    if isinstance(op, Link)
                    else self.relations.remove(op.relation_id)
                )
                ends = () if relation is None else (relation["from"], relation["to"])
                for span in filter(None, map(self.spans.get, ends)):
                    shown.touched.append((span["start"], span["end"]))
            elif isinstance(op, Note):
                self.note = op.text
            if previous is not None:
                shown.touched.append((previous["start"], previous["end"]))
        if self.index is not None and self.library.entries:
            self.library.entries[self.index].span_count = len(self.spans)
        return shown
