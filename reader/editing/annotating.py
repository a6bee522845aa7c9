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
- delete removes the focused span (or the only one under the caret).
A read-only store refuses every change, naming who holds it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from reader.editing.edits import move_edge, tag_range
from reader.editing.library import Library
from reader.editing.span_index import SpanIndex
from reader.errors import ReaderError
from reader.store.model import SpanRecord

if TYPE_CHECKING:
    from reader.store import AnnotationStore
    from reader.store.history import Change, History

Record = SpanRecord
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
        from reader.store.history import Delete, Put, Status

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
            if previous is not None:
                shown.touched.append((previous["start"], previous["end"]))
        if self.index is not None and self.library.entries:
            self.library.entries[self.index].span_count = len(self.spans)
        return shown
