"""Undo and redo of annotation changes, across documents, on top of the store's reversible calls.

Every change the annotator makes goes through `History`: tag, delete, relabel, move a span,
set a document's status, link two spans, unlink them, write a note, accept or reject
suggestions, tag every occurrence of a text, or suggest it across the corpus. Each is saved at once (one durable commit, through `store.batch()`,
so a change of several parts is all or nothing) and remembered as a `Step`: the document, the
operations that made it (`forward`) and the ones that take it back (`inverse`). Operations are
the store's reversible primitives: put a whole span record (`put_span`), delete a span by id
(`delete_span`), set a status (`set_status`), put or delete a relation (`put_relation`,
`delete_relation`), set a document's note (`set_note`). Deleting a span deletes its relations
in the same step, and undoing it puts both back. Undo applies `inverse`, redo `forward`; a new
change clears what could be redone.

Each call returns a `Change`: the step, the records as the store now holds them (so a view
can mirror the store without reading it all again), and the span to put the caret on.
Pure Python, no Textual: tested directly.

Rules that belong to the workflow, not to the screen, live here too: the same label on the
same range is one span (tagging it again, or relabelling or moving a span onto it, merges),
and a document still "todo" becomes "in_progress" with its first span, in the same step.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from reader.store import model

if TYPE_CHECKING:
    from reader.store.store import AnnotationStore

Record = dict[str, Any]

#: Steps kept for undo (the oldest are forgotten past this).
LIMIT = 10_000

#: The label of the span a claim's speaker is (a said_by link goes from a claim to it).
ACTOR = "actor"


@dataclass(frozen=True)
class Put:
    """Insert or replace a whole span record (`store.put_span`)."""

    span: model.SpanRecord

    @property
    def doc_id(self) -> str:
        doc_id: str = self.span["doc_id"]
        return doc_id


@dataclass(frozen=True)
class Delete:
    """Remove a span (`store.delete_span`)."""

    doc_id: str
    span_id: str


@dataclass(frozen=True)
class Status:
    """Set a document's status (`store.set_status`)."""

    doc_id: str
    status: str


@dataclass(frozen=True)
class Link:
    """Insert or replace a whole relation record (`store.put_relation`)."""

    relation: model.RelationRecord

    @property
    def doc_id(self) -> str:
        return self.relation["doc_id"]


@dataclass(frozen=True)
class Unlink:
    """Remove a relation (`store.delete_relation`)."""

    doc_id: str
    relation_id: str


@dataclass(frozen=True)
class Note:
    """Set a document's note (`store.set_note`; "" removes it). A span's note is a Put."""

    doc_id: str
    text: str


@dataclass(frozen=True)
class Propose:
    """Insert or replace a whole suggestion record (`store.put_suggestion`)."""

    suggestion: model.SuggestionRecord

    @property
    def doc_id(self) -> str:
        return self.suggestion["doc_id"]


@dataclass(frozen=True)
class Withdraw:
    """Remove a suggestion (`store.delete_suggestion`)."""

    doc_id: str
    suggestion_id: str


Op = Put | Delete | Status | Link | Unlink | Note | Propose | Withdraw


@dataclass(frozen=True)
class Step:
    """One undoable change: what made it, what takes it back, and what it is called."""

    doc_id: str
    name: str  # "tag place", "delete actor", "mark done": what undo says it undid
    forward: tuple[Op, ...]
    inverse: tuple[Op, ...]
    focus: str | None = None  # the span to show after the change (or redoing it)
    undo_focus: str | None = None  # the span to show after undoing it


@dataclass
class Change:
    """What a call did: its step (None if nothing changed), and the store's state after it.

    `applied` holds the operations as the store now holds them (a put carries the stored
    record); `focus` is the span to show, if it exists.
    """

    step: Step | None
    applied: list[Op] = field(default_factory=list)
    focus: str | None = None

    @property
    def changed(self) -> bool:
        return bool(self.applied)


class History:
    """The session's changes to annotations, undoable and redoable in order, all documents together."""

    def __init__(self, store: AnnotationStore, limit: int = LIMIT) -> None:
        self.store = store
        self.limit = limit
        self._undo: list[Step] = []
        self._redo: list[Step] = []

    # -- what can be done --------------------------------------------------------------------------

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def peek_undo(self) -> Step | None:
        return self._undo[-1] if self._undo else None

    def peek_redo(self) -> Step | None:
        return self._redo[-1] if self._redo else None

    # -- changes -----------------------------------------------------------------------------------

    def tag(self, doc_id: str, start: int, end: int, label: str) -> Change:
        """Label text[start:end]; the same label on the same range already there is kept as is."""
        store = self.store
        existing = store.find_span(doc_id, start, end, label)
        if existing is not None:
            return Change(None, focus=existing)
        with store.batch():
            span_id = store.add_span(doc_id, start, end, label)
            forward: list[Op] = [Put(store.span(span_id))]
            inverse: list[Op] = [Delete(doc_id, span_id)]
            self._start_document(doc_id, forward, inverse)
            # A suggestion of this label over the text the person just tagged (its edges a
            # little off, a full stop more) is answered by the tag: set aside as rejected.
            # So is every version of a conflict there: the person's own version settles it.
            overlapping = store.suggestions(doc_id, overlapping=(start, end))
            groups = {s["group"] for s in overlapping if model.is_conflict(s)}
            if groups:
                overlapping += [
                    s
                    for s in store.suggestions(doc_id)
                    if s.get("group") in groups and s not in overlapping
                ]
            for suggestion in overlapping:
                if suggestion["label"] == label or suggestion.get("group") in groups:
                    store.put_suggestion(dict(suggestion, status=model.REJECTED))
                    forward.append(Propose(store.suggestion(doc_id, suggestion["id"])))
                    inverse.append(Propose(suggestion))
            self._review(doc_id, forward, inverse)
        return self._record(
            Step(doc_id, f"tag {label}", tuple(forward), tuple(reversed(inverse)), span_id, None)
        )

    def delete(self, span_id: str) -> Change:
        """Remove a span, and its relations with it."""
        span = self.store.span(span_id)
        return self._delete(span, f"delete {span['label']}", None)

    def relabel(self, span_id: str, label: str) -> Change:
        """Give a span another label; onto a span with that label and range, the two merge."""
        store = self.store
        span = store.span(span_id)
        if span["label"] == label:
            return Change(None, focus=span_id)
        twin = store.find_span(span["doc_id"], span["start"], span["end"], label)
        name = f"relabel {span['label']} as {label}"
        if twin is not None:
            return self._merge(span, twin, name)
        with store.batch():
            previous = store.relabel_span(span_id, label)
            now = store.span(span_id)
        return self._record(
            Step(span["doc_id"], name, (Put(now),), (Put(previous),), span_id, span_id)
        )

    def move(self, span_id: str, start: int, end: int) -> Change:
        """Give a span new offsets; onto a span with its label and that range, the two merge."""
        store = self.store
        span = store.span(span_id)
        if (span["start"], span["end"]) == (start, end) and not span["orphaned"]:
            return Change(None, focus=span_id)
        twin = store.find_span(span["doc_id"], start, end, span["label"])
        name = f"resize {span['label']}"
        if twin is not None and twin != span_id:
            return self._merge(span, twin, name)
        with store.batch():
            previous = store.move_span(span_id, start, end)
            now = store.span(span_id)
        return self._record(
            Step(span["doc_id"], name, (Put(now),), (Put(previous),), span_id, span_id)
        )

    def set_status(self, doc_id: str, status: str) -> Change:
        """Set a document's status (todo, in_progress, done, skipped)."""
        store = self.store
        with store.batch():
            previous = store.set_status(doc_id, status)
        if previous == status:
            return Change(None)
        name = "mark " + model.status_display(status)
        return self._record(
            Step(doc_id, name, (Status(doc_id, status),), (Status(doc_id, previous),))
        )

    def link(
        self, doc_id: str, from_span_id: str, to_span_id: str, type: str = model.SAID_BY
    ) -> Change:
        """Link two spans (`said_by`: from a claim to its actor); the same link again changes nothing."""
        store = self.store
        before = {relation["id"] for relation in store.relations(doc_id)}
        with store.batch():
            relation_id = store.add_relation(doc_id, from_span_id, to_span_id, type)
        if relation_id in before:
            return Change(None, focus=from_span_id)
        relation = store.relation(relation_id)
        return self._record(
            Step(
                doc_id,
                f"link {type.replace('_', ' ')}",
                (Link(relation),),
                (Unlink(doc_id, relation_id),),
                from_span_id,
                from_span_id,
            )
        )

    def unlink(self, relation_id: str) -> Change:
        """Remove a relation."""
        with self.store.batch():
            previous = self.store.delete_relation(relation_id)
        doc_id = previous["doc_id"]
        return self._record(
            Step(
                doc_id,
                f"unlink {previous['type'].replace('_', ' ')}",
                (Unlink(doc_id, relation_id),),
                (Link(previous),),
                previous["from"],
                previous["from"],
            )
        )

    def note(self, doc_id: str, text: str, span_id: str | None = None) -> Change:
        """Write the note on a document, or on one of its spans ("" removes it)."""
        store = self.store
        if span_id is None:
            with store.batch():
                previous = store.set_note(doc_id, text)
            if previous == text:
                return Change(None)
            return self._record(
                Step(
                    doc_id, "note on the document", (Note(doc_id, text),), (Note(doc_id, previous),)
                )
            )
        before = store.span(span_id)
        with store.batch():
            previous = store.set_note(doc_id, text, span_id)
        if previous == text:
            return Change(None, focus=span_id)
        after = store.span(span_id)
        return self._record(
            Step(
                doc_id,
                f"note on {before['label']}",
                (Put(after),),
                (Put(before),),
                span_id,
                span_id,
            )
        )

    # -- suggestions -------------------------------------------------------------------------------

    def accept(self, doc_id: str, suggestion_ids: Sequence[str]) -> Change:
        """Make these pending suggestions spans, in one step (accept one, or accept all)."""
        count = len(suggestion_ids)
        name = "accept suggestion" if count == 1 else f"accept {count} suggestions"
        return self.settle(doc_id, suggestion_ids, (), name)

    def reject(self, doc_id: str, suggestion_ids: Sequence[str]) -> Change:
        """Reject these suggestions in one step: kept as rejected, never proposed again."""
        count = len(suggestion_ids)
        name = "reject suggestion" if count == 1 else f"reject {count} suggestions"
        return self.settle(doc_id, (), suggestion_ids, name)

    def settle(
        self, doc_id: str, accepted: Sequence[str], rejected: Sequence[str], name: str
    ) -> Change:
        """Accept some suggestions and reject others, in one step (adjudicating a conflict:
        take one annotator's version, the rest set aside). A claim accepted with its
        `speaker` gets its said_by link to the span there (the actor suggested there is
        accepted with it); a document whose last conflict this settles becomes reviewed."""
        store = self.store
        forward: list[Op] = []
        inverse: list[Op] = []
        with store.batch():
            for suggestion_id in accepted:
                self._accept(doc_id, suggestion_id, forward, inverse)
            for suggestion_id in rejected:
                suggestion = store.suggestion(doc_id, suggestion_id)
                if suggestion["status"] == model.REJECTED:
                    continue
                store.put_suggestion(dict(suggestion, status=model.REJECTED))
                forward.append(Propose(store.suggestion(doc_id, suggestion_id)))
                inverse.append(Propose(suggestion))
            if any(isinstance(op, Put) for op in forward):
                self._start_document(doc_id, forward, inverse)
            self._review(doc_id, forward, inverse)
        if not forward:
            return Change(None)
        focus = next((op.span["id"] for op in forward if isinstance(op, Put)), None)
        return self._record(
            Step(doc_id, name, tuple(forward), tuple(reversed(inverse)), focus, None)
        )

    def _accept(self, doc_id: str, suggestion_id: str, forward: list[Op], inverse: list[Op]) -> str:
        """Accept one pending suggestion (inside a batch); returns its span's id."""
        store = self.store
        suggestion = store.suggestion(doc_id, suggestion_id)
        key = (suggestion["start"], suggestion["end"], suggestion["label"])
        existing = store.find_span(doc_id, *key)
        span_id = store.accept_suggestion(doc_id, suggestion_id)
        forward.append(Withdraw(doc_id, suggestion_id))
        inverse.append(Propose(suggestion))
        if existing is None:  # else a person's span was there already: kept as is
            forward.append(Put(store.span(span_id)))
            inverse.append(Delete(doc_id, span_id))
        if "speaker" in suggestion:
            speaker = self._speaker(doc_id, suggestion["speaker"], forward, inverse)
            if speaker is not None:
                before = {relation["id"] for relation in store.relations(doc_id)}
                relation_id = store.add_relation(doc_id, span_id, speaker, model.SAID_BY)
                if relation_id not in before:
                    forward.append(Link(store.relation(relation_id)))
                    inverse.append(Unlink(doc_id, relation_id))
        return span_id

    def _speaker(
        self, doc_id: str, where: Sequence[int], forward: list[Op], inverse: list[Op]
    ) -> str | None:
        """The span at a claim's speaker range: an actor there, else the actor suggested
        there (accepted now), else any span there; None if there is nothing there."""
        start, end = where
        store = self.store
        actor = store.find_span(doc_id, start, end, ACTOR)
        if actor is not None:
            return actor
        for suggestion in store.suggestions(doc_id, overlapping=(start, end)):
            if (suggestion["start"], suggestion["end"], suggestion["label"]) == (start, end, ACTOR):
                return self._accept(doc_id, suggestion["id"], forward, inverse)
        return next(
            (s["id"] for s in store.spans(doc_id) if (s["start"], s["end"]) == (start, end)),
            None,
        )

    def _review(self, doc_id: str, forward: list[Op], inverse: list[Op]) -> None:
        """A document whose last conflict was just settled becomes reviewed (inside a batch)."""
        touched = any(
            isinstance(op, Propose) and model.is_conflict(op.suggestion) for op in inverse
        )
        if not touched or self.store.conflicts(doc_id):
            return
        status = self.store.document(doc_id)["status"]
        if status != model.Status.REVIEWED:
            self._set_status(doc_id, status, model.Status.REVIEWED, forward, inverse)

    def tag_all(self, doc_id: str, ranges: Sequence[tuple[int, int]], label: str) -> Change:
        """Tag every one of these ranges with `label`, in one step ("tag all" occurrences)."""
        store = self.store
        forward: list[Op] = []
        inverse: list[Op] = []
        with store.batch():
            for start, end in ranges:
                if store.find_span(doc_id, start, end, label) is not None:
                    continue
                span_id = store.add_span(doc_id, start, end, label)
                forward.append(Put(store.span(span_id)))
                inverse.append(Delete(doc_id, span_id))
            if forward:
                self._start_document(doc_id, forward, inverse)
        if not forward:
            return Change(None)
        name = f"tag {sum(isinstance(op, Put) for op in forward)} more {label}"
        return self._record(
            Step(doc_id, name, tuple(forward), tuple(reversed(inverse)), None, None)
        )

    def suggest(self, doc_id: str, suggestions: dict[str, Sequence[Any]]) -> Change:
        """Add suggestions to documents (id -> objects with start, end, label, suggester), in
        one step named after `doc_id` (the open document): the corpus-wide tag-all."""
        store = self.store
        forward: list[Op] = []
        with store.batch():
            for target, proposals in suggestions.items():
                for suggestion_id in store.add_suggestions(target, proposals):
                    forward.append(Propose(store.suggestion(target, suggestion_id)))
        if not forward:
            return Change(None)
        inverse = tuple(
            Withdraw(op.doc_id, op.suggestion["id"]) for op in forward if isinstance(op, Propose)
        )
        documents = len({op.doc_id for op in forward if isinstance(op, Propose)})
        name = f"suggest {len(forward)} in {documents} documents"
        return self._record(Step(doc_id, name, tuple(forward), inverse))

    def _start_document(self, doc_id: str, forward: list[Op], inverse: list[Op]) -> None:
        """A document still to do becomes in progress with its first span (inside a batch)."""
        if forward and self.store.document(doc_id)["status"] == model.Status.TODO:
            self._set_status(doc_id, model.Status.TODO, model.Status.IN_PROGRESS, forward, inverse)

    def _set_status(
        self, doc_id: str, old: str, new: str, forward: list[Op], inverse: list[Op]
    ) -> None:
        """Set a document's status as part of a step (inside a batch); undo sets `old` back."""
        self.store.set_status(doc_id, new)
        forward.append(Status(doc_id, new))
        inverse.append(Status(doc_id, old))

    def _merge(self, span: model.SpanRecord, twin: str, name: str) -> Change:
        """`span` becomes `twin` (same label and range): it is deleted, the twin kept."""
        return self._delete(span, name, twin)

    def _delete(self, span: model.SpanRecord, name: str, focus: str | None) -> Change:
        """Delete a span and its relations in one step; undo puts the span back, then them."""
        store = self.store
        doc_id, span_id = span["doc_id"], span["id"]
        links = [
            relation
            for relation in store.relations(doc_id)
            if span_id in (relation["from"], relation["to"])
        ]
        with store.batch():
            previous = store.delete_span(span_id)
        forward: tuple[Op, ...] = (
            *(Unlink(doc_id, relation["id"]) for relation in links),
            Delete(doc_id, span_id),
        )
        inverse: tuple[Op, ...] = (Put(previous), *(Link(relation) for relation in links))
        return self._record(Step(doc_id, name, forward, inverse, focus, span_id))

    def _record(self, step: Step) -> Change:
        self._undo.append(step)
        if len(self._undo) > self.limit:
            del self._undo[: len(self._undo) - self.limit]
        self._redo.clear()
        return Change(step, self._read_back(step.forward), step.focus)

    # -- undo and redo -----------------------------------------------------------------------------

    def undo(self) -> Change | None:
        """Take back the last change (None if there is none). A store error leaves both stacks as they were."""
        return self._replay(self._undo, self._redo, forward=False)

    def redo(self) -> Change | None:
        """Make the last undone change again (None if there is none)."""
        return self._replay(self._redo, self._undo, forward=True)

    def _replay(self, source: list[Step], target: list[Step], forward: bool) -> Change | None:
        """Apply the last step of `source` (forward or inverse), then move it to `target`."""
        if not source:
            return None
        step = source[-1]
        applied = self._apply(step.forward if forward else step.inverse)
        target.append(source.pop())
        return Change(step, applied, step.focus if forward else step.undo_focus)

    def _apply(self, ops: Sequence[Op]) -> list[Op]:
        store = self.store
        with store.batch():  # all or nothing
            for op in ops:
                if isinstance(op, Put):
                    store.put_span(op.span)
                elif isinstance(op, Delete):
                    store.delete_span(op.span_id)
                elif isinstance(op, Status):
                    store.set_status(op.doc_id, op.status)
                elif isinstance(op, Link):
                    store.put_relation(op.relation)
                elif isinstance(op, Unlink):
                    store.delete_relation(op.relation_id)
                elif isinstance(op, Propose):
                    store.put_suggestion(op.suggestion)
                elif isinstance(op, Withdraw):
                    store.delete_suggestion(op.doc_id, op.suggestion_id)
                else:
                    store.set_note(op.doc_id, op.text)
        return self._read_back(ops)

    def _read_back(self, ops: Sequence[Op]) -> list[Op]:
        """The operations with each put's record as the store now holds it."""
        return [
            Put(self.store.span(op.span["id"]))
            if isinstance(op, Put)
            else Link(self.store.relation(op.relation["id"]))
            if isinstance(op, Link)
            else op
            for op in ops
        ]
