"""Annotating in the app: the actions behind the label, edge, delete, undo and status keys.

A mixin for `ReaderApp`, so the app module keeps to documents and search. Every change goes
through `History` (reader.store.history): saved to the store as it happens, undoable across
documents. The open document's spans are mirrored in a `SpanIndex` that the article view, the
spans panel and the status bar all read; a change updates the index span by span and redraws
only the rows it touched.

What a key acts on:
- a label key tags the selection, or the word under the caret (whitespace trimmed); with no
  selection and a span focused (Tab), it relabels that span instead;
- the edge keys move the selection's edge, else the focused span's (else the only span under
  the caret): logical start and end, a letter with its harakat at a time;
- x / Delete delete the focused span (or the only one under the caret).
A read-only store refuses every change with a message naming who holds it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.binding import Binding

from reader.errors import ReaderError
from reader.ui.annotations import SpanLooks, colour_mode
from reader.ui.edits import move_edge, tag_range
from reader.ui.span_index import SpanIndex

if TYPE_CHECKING:
    from reader.config import Config
    from reader.store import AnnotationStore
    from reader.store.history import Change, History
    from reader.ui.article_view import ArticleView
    from reader.ui.documents import Library
    from reader.ui.documents_panel import DocumentsPanel
    from reader.ui.spans_panel import SpansPanel
    from reader.ui.status_bar import StatusBar

#: Statuses a document is still to do in.
TO_DO = ("todo", "in_progress")

#: Actions that change annotations or the document: never while a search is being typed
#: (Delete or ctrl+d there must not delete a span or close the document).
EDITS = {"tag", "delete_span", "move_edge", "undo", "redo", "mark", "toggle_spans"}

BINDINGS = [
    Binding("ctrl+z", "undo", "Undo the last change to annotations (any document)", id="undo"),
    Binding("ctrl+y", "redo", "Redo the last change undone", id="redo"),
    Binding(
        "x,delete",
        "delete_span",
        "Delete the focused span (or the only one under the caret)",
        show=False,
        id="delete-span",
    ),
    Binding(
        "left_square_bracket",
        "move_edge('start', -1)",
        "Start edge one letter earlier (grow)",
        show=False,
        id="grow-start",
    ),
    Binding(
        "right_square_bracket",
        "move_edge('start', 1)",
        "Start edge one letter later (leave a clitic out)",
        show=False,
        id="shrink-start",
    ),
    Binding(
        "left_curly_bracket",
        "move_edge('end', -1)",
        "End edge one letter earlier (shrink)",
        show=False,
        id="shrink-end",
    ),
    Binding(
        "right_curly_bracket",
        "move_edge('end', 1)",
        "End edge one letter later (grow)",
        show=False,
        id="grow-end",
    ),
    Binding(
        "ctrl+d",
        "mark('done')",
        "Mark the document done and open the next to do",
        show=False,
        id="mark-done",
    ),
    Binding(
        "ctrl+k",
        "mark('skipped')",
        "Skip the document and open the next to do",
        show=False,
        id="mark-skipped",
    ),
    Binding("f3", "toggle_spans", "Show or hide the spans list", show=False, id="toggle-spans"),
]


def label_bindings(config: Config) -> list[Binding]:
    """One binding per label: tag-actor = "a", ... (relabels the focused span too)."""
    return [
        Binding(
            label.key,
            f"tag('{label.name}')",
            f"Tag the selection or word as {label.name} (relabels a focused span)",
            show=False,
            id=f"tag-{label.name}",
        )
        for label in config.labels
    ]


class AnnotationActions:
    """The annotation half of ReaderApp (see the module docstring)."""

    # Provided by ReaderApp.
    library: Library
    config: Config
    current: int
    view: ArticleView
    status_bar: StatusBar
    documents_panel: DocumentsPanel | None
    spans_panel: SpansPanel | None
    notify: Callable[..., None]
    open_document: Callable[[int], None]
    call_after_refresh: Callable[..., Any]
    _open_store: Any
    _mount_spans_panel: Callable[[], SpansPanel]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        from reader.ui.search_bar import SearchBar

        app: Any = self
        if action in EDITS and isinstance(app.focused, SearchBar):
            return False
        return super().check_action(action, parameters)  # type: ignore[misc]

    def init_annotations(self) -> None:
        store = self.library.store
        self.history: History | None = None if store is None else _history(store)
        self.spans = SpanIndex()
        self.looks = SpanLooks(self.config.labels)
        self._spans_of: int | None = None  # the entry whose spans `spans` holds

    def store_opened(self) -> None:
        """The store arrived (it is opened after the first paint): changes can be saved now."""
        assert self.library.store is not None
        self.history = _history(self.library.store)
        self.load_spans(force=True)

    def spans_opened(self) -> None:
        """A document was just loaded into the view: its spans follow after the next paint."""
        self.spans = self.view.spans
        self._spans_of = None
        self.call_after_refresh(self.load_spans)

    # -- the open document's spans -----------------------------------------------------------------

    def make_looks(self) -> SpanLooks:
        """The label looks for this terminal (colours, 16 colours, or none) over the article's background."""
        app: Any = self
        mode = colour_mode(app.no_color, app.console.color_system)
        background = self.view.background_colors[1]
        return SpanLooks(self.config.labels, mode, background)

    def load_spans(self, force: bool = False) -> None:
        """Read the open document's spans from the store into the index, view, panel and status bar."""
        if self._spans_of == self.current and not force:
            return
        self._spans_of = self.current
        self.spans = SpanIndex(self._stored_spans())
        self.looks = self.make_looks()
        self.view.set_spans(self.spans, self.looks)
        if (panel := self.spans_panel) is not None:
            panel.show(self.spans, self.looks)
        self.show_annotation_state()

    def _stored_spans(self) -> list[dict]:
        library, entry = (
            self.library,
            self.library.entries[self.current] if self.library.entries else None,
        )
        store = library.store
        if entry is None or store is None or library.text(self.current) is None:
            return []
        if library.record(self.current):
            return store.spans(entry.id)
        if store.has_document(entry.id) and store.document(entry.id)["text"] == library.text(
            self.current
        ):
            return store.spans(entry.id)  # read-only: the store's spans, if they are of this text
        return []

    def show_annotation_state(self) -> None:
        """Legend counts, the spans under the caret (the focused one in brackets), the document's
        status; the spans panel's cursor follows the focused span."""
        view = self.view
        if (
            view.focused_span is not None
            and (panel := self.spans_panel) is not None
            and panel.display
        ):
            panel.follow(view.focused_span)
        here = " ⊂ ".join(
            f"[{s['label']}]" if s["id"] == view.focused_span else s["label"]
            for s in self.spans.at(view.caret)
        )
        entry = self.library.entries[self.current] if self.library.entries else None
        self.status_bar.show_annotations(
            self.looks.legend(self.spans.counts), here, entry.status if entry is not None else ""
        )

    # -- keys ----------------------------------------------------------------------------------------

    def action_tag(self, label: str) -> None:
        view = self.view
        if view.selection is None and view.focused_span is not None:
            focused = view.focused_span
            self._change(lambda history: history.relabel(focused, label))
            return
        target = tag_range(view.text, view.selection, view.caret)
        if target is None:
            self.notify(
                "Nothing to tag here: select some text, or put the caret on a word", timeout=3
            )
            return
        doc_id = self._writable_document()
        if doc_id is not None:
            self._change(
                lambda history: history.tag(doc_id, target[0], target[1], label),
                clear_selection=True,
            )

    def action_delete_span(self) -> None:
        span = self._target_span("delete")
        if span is not None:
            self._change(lambda history: history.delete(span["id"]))

    def action_move_edge(self, edge: str, step: int) -> None:
        view = self.view
        selection = view.selection
        if selection is not None:
            moved = move_edge(view.text, *selection, edge, step)
            if moved is None:
                self.notify("The selection cannot become empty", timeout=2)
            else:
                view.select(
                    *moved, caret_at_end=view.caret == selection[1] and view.caret != selection[0]
                )
            return
        span = self._target_span("resize")
        if span is None:
            return
        moved = move_edge(view.text, span["start"], span["end"], edge, step)
        if moved is None:
            self.notify("A span cannot become empty: delete it with x", timeout=2)
            return
        self._change(lambda history: history.move(span["id"], *moved))

    def action_undo(self) -> None:
        if self.history is None or not self.history.can_undo:
            self.notify("Nothing to undo", timeout=2)
            return
        self._change(lambda history: history.undo(), said="Undone")

    def action_redo(self) -> None:
        if self.history is None or not self.history.can_redo:
            self.notify("Nothing to redo", timeout=2)
            return
        self._change(lambda history: history.redo(), said="Redone")

    def action_mark(self, status: str) -> None:
        doc_id = self._writable_document()
        if doc_id is None:
            return
        change = self._change(lambda history: history.set_status(doc_id, status))
        if change is None:
            return
        following = self._next_to_do()
        if following is None:
            self.notify(f"Marked {status}. Every document is done or skipped.", timeout=3)
        else:
            self.notify(f"Marked {status}; opening the next document to do", timeout=2)
            self.open_document(following)
            self.load_spans()

    def action_toggle_spans(self) -> None:
        panel = self.spans_panel
        if panel is None:
            panel = self._mount_spans_panel()
            panel.show(self.spans, self.looks)
        panel.display = not panel.display
        if panel.display:
            panel.follow(self.view.focused_span)
            self.call_after_refresh(panel.focus)
        else:
            self.view.focus()

    def on_spans_panel_jump(self, message: SpansPanel.Jump) -> None:
        span = self.spans.get(message.span_id)
        if span is None or span.get("orphaned"):
            self.notify("That span's text is no longer in the document", timeout=3)
            return
        view = self.view
        view.move_caret(span["start"])
        view.focus_span(span["id"])
        view.focus()

    def on_spans_panel_delete(self, message: SpansPanel.Delete) -> None:
        span_id = message.span_id
        self._change(lambda history: history.delete(span_id))

    # -- the rules behind them -----------------------------------------------------------------------

    def _writable_document(self) -> str | None:
        """The open document's id, recorded in the store; None (and why, said) if it cannot change."""
        library = self.library
        if library.store is None:
            self._no_store()
            return None
        if library.store.read_only:
            holder = library.store.lock_holder
            self.notify(
                f"Read-only: the store is locked by {holder or 'another process'}; not saved",
                severity="error",
                timeout=4,
            )
            return None
        if not library.entries or not library.record(self.current):
            self.notify(
                library.save_error or "This document cannot be annotated",
                severity="error",
                timeout=4,
            )
            return None
        return library.entries[self.current].id

    def _no_store(self) -> None:
        if self._open_store is not None or (
            self.library.store is None and self.library.save_error is None
        ):
            opening = self._open_store is not None
            self.notify(
                "The store is still opening: try again in a moment"
                if opening
                else "No store: annotations cannot be saved",
                severity="warning",
                timeout=3,
            )
        else:
            self.notify(
                f"No store: {self.library.save_error}", severity="error", timeout=5, markup=False
            )

    def _target_span(self, verb: str) -> dict | None:
        """The focused span, else the only span under the caret; None (and why, said) otherwise."""
        view = self.view
        focused = self.spans.get(view.focused_span)
        if focused is not None:
            return focused
        here = self.spans.at(view.caret)
        if len(here) == 1:
            return here[0]
        if not here:
            self.notify(f"No span under the caret to {verb}", timeout=2)
        else:
            self.notify(
                f"{len(here)} spans here: press Tab to choose one, then {verb} it", timeout=3
            )
        return None

    def _next_to_do(self) -> int | None:
        """The next document (after the open one, wrapping) still to do."""
        entries = self.library.entries
        for step in range(1, len(entries)):
            i = (self.current + step) % len(entries)
            if entries[i].status in TO_DO and entries[i].error is None:
                return i
        return None

    def _change(
        self,
        make: Callable[[History], Change | None],
        said: str | None = None,
        clear_selection: bool = False,
    ) -> Change | None:
        """Make a change through the history; show it, or say why it was refused."""
        if self.history is None:
            self._no_store()
            return None
        if self.library.store is not None and self.library.store.read_only:
            self._writable_document()  # says why
            return None
        try:
            change = make(self.history)
        except (ReaderError, KeyError, ValueError) as error:
            self.notify(f"Not changed: {error}", severity="error", timeout=5)
            return None
        if change is None:
            return None
        self._show_change(change, clear_selection)
        if said and change.step is not None:
            self.notify(f"{said}: {change.step.name}", timeout=1.5)
        return change

    def _show_change(self, change: Change, clear_selection: bool) -> None:
        """Mirror a change in the index, the view, the panels and the status bar."""
        view = self.view
        step = change.step
        entries = self.library.entries
        if step is not None and entries[self.current].id != step.doc_id:
            target = next((i for i, entry in enumerate(entries) if entry.id == step.doc_id), None)
            if target is not None:  # undo or redo in another document: show it there
                self._mirror_status(change)
                self.open_document(target)
                self.load_spans(force=True)
        else:
            self._mirror(change)
        if clear_selection and view.selection is not None:
            view.move_caret(view.caret)
        focus = self.spans.get(change.focus)
        if focus is not None:
            if not focus["start"] <= view.caret < focus["end"]:
                view.move_caret(focus["start"])
            view.focus_span(focus["id"])
            if (panel := self.spans_panel) is not None:
                panel.follow(focus["id"])
        entry = entries[self.current]
        entry.span_count = len(self.spans)
        self.show_annotation_state()
        if (documents := self.documents_panel) is not None:
            documents.update_entry(self.current, entry)

    def _mirror(self, change: Change) -> None:
        """Apply a change of the open document to its index and redraw the rows it touched."""
        from reader.store.history import Delete, Put

        touched: list[tuple[int, int]] = []
        for op in change.applied:
            if isinstance(op, Put):
                previous = self.spans.put(op.span)
                touched.append((op.span["start"], op.span["end"]))
            elif isinstance(op, Delete):
                previous = self.spans.remove(op.span_id)
            else:
                previous = None
            if previous is not None:
                touched.append((previous["start"], previous["end"]))
        self._mirror_status(change)
        self.view.spans_changed(touched)
        if (panel := self.spans_panel) is not None:
            panel.changed()

    def _mirror_status(self, change: Change) -> None:
        from reader.store.history import Status

        for op in change.applied:
            if isinstance(op, Status):
                for entry in self.library.entries:
                    if entry.id == op.doc_id:
                        entry.status = op.status


def _history(store: AnnotationStore) -> History:
    """A history on the store (imported here: the store package is not needed to paint)."""
    from reader.store.history import History

    return History(store)
