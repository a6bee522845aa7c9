"""Adjudicating the conflicts of `reader merge` in the open document, without Textual.

A conflict is a range where annotators differ; the store keeps each distinct span of it as a
pending suggestion with the conflict's "group", the "annotators" whose version holds it and
"among", every annotator of the range (see `AnnotationStore.add_conflict`). `Adjudicating`
groups them back into `Conflict`s and turns each key into one `History.settle` call (one
undoable step), or raises `Refused`:

- next: the first conflict after the caret (wrapping), to move to and focus;
- take N: the N-th annotator's version (their spans become gold spans, the rest are set aside;
  a version can be to mark nothing);
- take all: every version's spans; take none: none of them;
- edit by hand: tag the adjudicator's own span over the range (the history sets the versions
  aside), or take a version and then move its edges or relabel it like any span.

A document whose last conflict is settled becomes reviewed, in the same step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.editing.annotating import Annotating, Refused, Shown
from reader.store.model import SuggestionRecord, is_conflict

if TYPE_CHECKING:
    from reader.store.history import Change, History

ALL, NONE = "all", "none"


@dataclass(frozen=True)
class Conflict:
    """One range where annotators differ, and each one's version of it."""

    group: str
    start: int
    end: int
    among: tuple[str, ...]  # every annotator of the range, in merge order
    records: tuple[SuggestionRecord, ...]  # its pending spans, in text order

    def version(self, annotator: str) -> list[SuggestionRecord]:
        """The spans of one annotator's version (empty: they marked nothing here)."""
        return [r for r in self.records if annotator in r.get("annotators", ())]


def conflicts_of(records: list[SuggestionRecord]) -> list[Conflict]:
    """Pending conflict records grouped into conflicts, in text order."""
    groups: dict[str, list[SuggestionRecord]] = {}
    for record in records:
        if is_conflict(record) and record["status"] == "pending":
            groups.setdefault(record["group"], []).append(record)
    found = []
    for group, members in groups.items():
        members.sort(key=lambda r: (r["start"], r["end"], r["label"]))
        among: list[str] = []
        for record in members:
            for name in (*record.get("among", ()), *record.get("annotators", ())):
                if name not in among:
                    among.append(name)
        start = min(r["start"] for r in members)
        end = max(r["end"] for r in members)
        found.append(Conflict(group, start, end, tuple(among), tuple(members)))
    found.sort(key=lambda c: (c.start, c.end, c.group))
    return found


class Adjudicating:
    """The open document's conflicts and the keys that settle them."""

    def __init__(self, rules: Annotating) -> None:
        self.rules = rules
        self.doc_id: str | None = None
        self.conflicts: list[Conflict] = []
        self.focused: str | None = None  # the group last moved to

    def load(self, doc_id: str | None) -> list[Conflict]:
        """Read the document's pending conflicts from the store (none without a store)."""
        store = self.rules.library.store
        self.doc_id = doc_id
        records: list[SuggestionRecord] = []
        if doc_id is not None and store is not None and store.has_document(doc_id):
            if store.conflicts(doc_id):
                records = store.suggestions(doc_id)
        self.conflicts = conflicts_of(records)
        if self.focused not in {c.group for c in self.conflicts}:
            self.focused = None
        return self.conflicts

    def mirror(self, change: Change) -> None:
        """Follow a change (made, undone or redone) that touched this document's conflicts:
        read them again."""
        from reader.store.history import Propose, Withdraw

        held = {r["id"] for conflict in self.conflicts for r in conflict.records}
        if any(
            op.doc_id == self.doc_id
            and (
                (isinstance(op, Propose) and is_conflict(op.suggestion))
                or (isinstance(op, Withdraw) and op.suggestion_id in held)
            )
            for op in change.applied
        ):
            self.load(self.doc_id)

    def under(self, caret: int) -> Conflict | None:
        """The focused conflict if the caret is in it, else the first one over the caret."""
        for conflict in self.conflicts:
            if conflict.group == self.focused and conflict.start <= caret <= conflict.end:
                return conflict
        return next((c for c in self.conflicts if c.start <= caret < c.end), None)

    def position(self, conflict: Conflict) -> int:
        """Its place among this document's conflicts, from 1."""
        return self.conflicts.index(conflict) + 1

    # -- the keys ----------------------------------------------------------------------------------

    def next(self, caret: int) -> Conflict | None:
        """The first conflict starting after the caret (from the top past the last), focused;
        None when this document has none left."""
        if not self.conflicts:
            self.focused = None
            return None
        current = self.under(caret)
        chosen = next(
            (
                c
                for c in self.conflicts
                if c.start > caret or (c.start == caret and current is not c)
            ),
            self.conflicts[0],
        )
        self.focused = chosen.group
        return chosen

    def take(self, caret: int, choice: int | str) -> Shown | None:
        """Settle the conflict under the caret: `choice` is an annotator's number (from 1, in
        the conflict's order), ALL or NONE."""
        conflict = self.under(caret)
        if conflict is None:
            raise Refused("No conflict under the caret: press the next-conflict key", timeout=2)
        if choice == ALL:
            taken, name = list(conflict.records), "take every version"
        elif choice == NONE:
            taken, name = [], "take no version"
        else:
            number = int(choice)
            if not 1 <= number <= len(conflict.among):
                raise Refused(
                    f"This conflict has {len(conflict.among)} versions, not {number}", timeout=2
                )
            annotator = conflict.among[number - 1]
            taken, name = conflict.version(annotator), f"take {annotator}'s version"
        ids = {r["id"] for r in taken}
        rejected = [r["id"] for r in conflict.records if r["id"] not in ids]
        doc_id = self.rules.writable_document()
        return self._change(lambda history: history.settle(doc_id, sorted(ids), rejected, name))

    def _change(self, make: Callable[[History], Change | None]) -> Shown | None:
        shown = self.rules.change(make)
        if shown is not None:
            self.mirror(shown.change)
        return shown
