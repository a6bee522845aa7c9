"""What the suggestion keys do to the open document, without Textual.

`Suggesting` holds the open document's pending suggestions (a `SpanIndex` of the store's
suggestion records, apart from the spans, so they are never counted as annotations) and turns
each key into one call on the `History` (one undoable change each), or raises `Refused`:

- next: the first suggestion after the caret (wrapping), to move to and focus;
- accept / reject: the focused suggestion if the caret is in it, else the one under the caret;
- accept all: every suggestion of the focused one's label;
- tag all: every other occurrence of the focused span's text (clitics outside, search's
  normalisation), tagged at once; pressed again on the same span, the same text is suggested
  in every other document of the store: the key gives a `CorpusSearch`, `search` runs it
  (in a worker: it reads the documents one by one) and `propose` applies what it found as
  one undoable step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from reader.editing.annotating import Annotating, Refused, Shown
from reader.editing.span_index import SpanIndex
from reader.store.model import SpanRecord, is_conflict

if TYPE_CHECKING:
    from reader.store.history import Change

#: A suggestion record as the index holds it: the fields it shares with a span are the ones read.
Record = SpanRecord
Pattern = list[tuple[str, str]]  # (span text, label)
#: tag_all(text, patterns, existing ranges) -> suggestions (objects with start and end)
Finder = Callable[[str, Pattern, list[tuple[int, int]]], list[Any]]


@dataclass(frozen=True)
class CorpusSearch:
    """The second press of tag-all: `pattern` to suggest in every document but `doc_id` (the
    one it was pressed in, which names the undo step)."""

    doc_id: str
    pattern: Pattern


class Suggesting:
    """The open document's pending suggestions and the keys that act on them."""

    def __init__(self, rules: Annotating, find: Finder) -> None:
        self.rules = rules
        self.find = find  # reader.assist's tag_all
        self.suggestions = SpanIndex()
        self.doc_id: str | None = None
        self.focused: str | None = None
        # The span tag-all was pressed on, and the last change then: pressed again with
        # nothing done between, it suggests the text in the other documents.
        self._tagged_all: tuple[str, object] | None = None

    # -- the open document -------------------------------------------------------------------------

    def load(self, doc_id: str | None) -> SpanIndex:
        """Read the document's pending suggestions from the store (none without a store)."""
        store = self.rules.library.store
        self.doc_id = doc_id
        self.focused = None
        records: list[Any] = []
        if doc_id is not None and store is not None and store.has_document(doc_id):
            records = [dict(s) for s in store.suggestions(doc_id) if not is_conflict(s)]
        self.suggestions = SpanIndex(cast(list[Record], records))
        return self.suggestions

    def mirror(self, change: Change) -> list[tuple[int, int]]:
        """Follow a change's suggestion operations in the index; returns the ranges of the
        suggestions it added or removed (none: the change did not touch this document's)."""
        from reader.store.history import Propose, Withdraw

        touched: list[tuple[int, int]] = []
        for op in change.applied:
            if op.doc_id != self.doc_id:
                continue
            previous = None
            if isinstance(op, Propose) and is_conflict(op.suggestion):
                continue  # a conflict: reader.editing.adjudicating's
            if isinstance(op, Propose):
                touched.append((op.suggestion["start"], op.suggestion["end"]))
                if op.suggestion["status"] == "pending":
                    previous = self.suggestions.put(cast(Record, dict(op.suggestion)))
                else:
                    previous = self.suggestions.remove(op.suggestion["id"])
            elif isinstance(op, Withdraw):
                previous = self.suggestions.remove(op.suggestion_id)
            if previous is not None:
                touched.append((previous["start"], previous["end"]))
        if self.focused not in self.suggestions:
            self.focused = None
        return touched

    def under(self, caret: int) -> Record | None:
        """The focused suggestion if the caret is in it, else the innermost one under the caret."""
        focused = self.suggestions.get(self.focused)
        if focused is not None and focused["start"] <= caret <= focused["end"]:
            return focused
        here = self.suggestions.at(caret)
        return here[0] if here else None

    # -- the keys ----------------------------------------------------------------------------------

    def next(self, caret: int) -> Record:
        """The first suggestion starting after the caret (from the top past the last), focused."""
        if not len(self.suggestions):
            raise Refused("No suggestions in this document", timeout=2)
        current = self.suggestions.get(self.focused)
        on_focused = current is not None and current["start"] == caret
        chosen = next(
            (
                s
                for s in self.suggestions
                if s["start"] > caret or (s["start"] == caret and not on_focused)
            ),
            self.suggestions[0],
        )
        self.focused = chosen["id"]
        return chosen

    def accept(self, caret: int) -> Shown | None:
        suggestion = self._target(caret, "accept")
        return self._change(lambda history, doc: history.accept(doc, [suggestion["id"]]))

    def reject(self, caret: int) -> Shown | None:
        suggestion = self._target(caret, "reject")
        return self._change(lambda history, doc: history.reject(doc, [suggestion["id"]]))

    def accept_all(self, caret: int) -> Shown | None:
        label = self._target(caret, "accept all of its label")["label"]
        ids = [s["id"] for s in self.suggestions if s["label"] == label]
        return self._change(lambda history, doc: history.accept(doc, ids))

    def tag_all(self, focused: str | None, caret: int) -> Shown | CorpusSearch | None:
        """Tag every other occurrence of the target span's text here; pressed again with nothing
        done between: the search for it in the other documents, to run with `search`."""
        span = self.rules.target_span(focused, caret, "tag all of")
        doc_id = self.rules.writable_document()
        text = self.rules.library.text(self.rules.index) if self.rules.index is not None else None
        assert text is not None
        pattern = [(span["text"], span["label"])]
        history = self.rules.history
        if self._tagged_all == (span["id"], history and history.peek_undo()):
            self._tagged_all = None
            return CorpusSearch(doc_id, pattern)
        existing = [(s["start"], s["end"]) for s in self.rules.spans]
        ranges = [(s.start, s.end) for s in self.find(text, pattern, existing)]
        shown = None
        if ranges:
            shown = self._change(lambda history, doc: history.tag_all(doc, ranges, span["label"]))
        history = self.rules.history
        self._tagged_all = (span["id"], history and history.peek_undo())
        if shown is None:
            raise Refused("No other occurrence here; press again to suggest it everywhere")
        shown.change.focus = span["id"]
        return shown

    def search(self, request: CorpusSearch) -> dict[str, list[Any]]:
        """The occurrences of the request's pattern in every other document of the store, read
        one at a time (this runs in a worker: the store is only read); documents without any
        are left out."""
        store = self.rules.library.store
        assert store is not None
        found: dict[str, list[Any]] = {}
        for doc_id in store.document_ids():
            if doc_id != request.doc_id:
                hits = self.find(store.document(doc_id)["text"], request.pattern, [])
                if hits:
                    found[doc_id] = hits
        return found

    def propose(self, request: CorpusSearch, found: dict[str, list[Any]]) -> Shown | None:
        """What `search` found, suggested as one undoable step; Refused if nothing is new."""
        shown = self.rules.change(lambda history: history.suggest(request.doc_id, dict(found)))
        if shown is None or shown.change.step is None:
            raise Refused("No other document holds this text", timeout=2)
        self.mirror(shown.change)
        return shown

    # -- internals ---------------------------------------------------------------------------------

    def _target(self, caret: int, verb: str) -> Record:
        suggestion = self.under(caret)
        if suggestion is None:
            raise Refused(f"No suggestion under the caret to {verb}", timeout=2)
        return suggestion

    def _change(self, make: Callable[[Any, str], Change | None]) -> Shown | None:
        doc_id = self.rules.writable_document()
        shown = self.rules.change(lambda history: make(history, doc_id))
        if shown is not None:
            self.mirror(shown.change)
        return shown
