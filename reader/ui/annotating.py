"""The annotation keys in the app: what each does, and showing what each change did.

The rules are `reader.editing.annotating.Annotating`'s (Textual-free, tested directly); this
module is the glue the app owns: it passes the view's caret, selection and focus in, and
mirrors the result in the article view, the spans panel, the documents panel and the status
bar, or says why a key was refused.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ParamSpec

from reader.editing.annotating import Annotating, Refused, Shown, nesting
from reader.editing.edits import move_edge
from reader.editing.span_index import SpanIndex
from reader.ui.annotations import SpanLooks, colour_mode
from reader.ui.linking import detail

if TYPE_CHECKING:
    from reader.ui.app import ReaderApp

P = ParamSpec("P")


class Annotator:
    """What the annotation keys do on screen, for one app (see the module docstring)."""

    def __init__(self, app: ReaderApp) -> None:
        self.app = app
        self.rules = Annotating(app.library)
        self.rules.opening = lambda: app.store_opening
        self.looks = SpanLooks(app.config.labels)

    @property
    def spans(self) -> SpanIndex:
        return self.rules.spans

    def make_looks(self) -> SpanLooks:
        """The label looks for this terminal (colours, 16 colours, or none)."""
        app = self.app
        mode = colour_mode(app.no_color, app.console.color_system)
        return SpanLooks(app.config.labels, mode, app.view.background_colors[1])

    def load(self, force: bool = False) -> None:
        """Read the open document's spans into the index, view, panel and status bar."""
        app = self.app
        if self.rules.index == app.current and not force:
            return
        spans = self.rules.load(app.current)
        self.looks = self.make_looks()
        app.view.set_spans(spans, self.looks)
        if (panel := app.spans_panel) is not None:
            panel.show(spans, self.looks, self.rules.relations)
        app.suggester.load()
        app.adjudicator.load()
        self.show_state()

    def document_opened(self) -> None:
        """A document was just loaded into the view: its spans follow after the next paint."""
        self.rules.index = None
        self.app.call_after_refresh(self.load)

    def show_state(self) -> None:
        """Legend counts, the spans under the caret, the document's status; the spans panel's
        cursor follows the focused span."""
        app = self.app
        view = app.view
        if view.focused_span is not None and (panel := app.spans_panel) is not None:
            if panel.display:
                panel.follow(view.focused_span)
        here = nesting(self.spans.at(view.caret), view.focused_span)
        entries = app.library.entries
        status = entries[app.current].status if entries else ""
        here = " · ".join(
            filter(None, (here, app.suggester.caret_moved(), app.adjudicator.caret_moved()))
        )
        app.status_bar.show_annotations(self.looks.legend(self.spans.counts), here, status)
        self._show_links(view.focused_span)

    def _show_links(self, focused: str | None) -> None:
        """The focused span's links and note in the status bar; its partners marked."""
        app = self.app
        relations = self.rules.relations
        app.status_bar.show_detail(
            detail(self.spans.get, relations.of(focused), self.spans.get(focused), self.rules.note),
            first=focused is not None,
        )
        choosing = app.linker.choosing  # while a link is chosen, its claim is marked
        partners = frozenset([choosing] if choosing else relations.partners(focused))
        if partners != self.looks.linked:
            touched = [
                (span["start"], span["end"])
                for span_id in partners ^ self.looks.linked
                if (span := self.spans.get(span_id)) is not None
            ]
            self.looks.linked = partners
            app.view.spans_changed(touched)
            if (panel := app.spans_panel) is not None:
                panel.refresh()

    # -- the keys ----------------------------------------------------------------------------------

    def run(self, key: Callable[P, Shown | None], *args: P.args, **kwargs: P.kwargs) -> None:
        """Press a key (one of the methods below); show its change, or why it was refused."""
        try:
            shown = key(*args, **kwargs)
        except Refused as refused:
            self.app.notify(
                str(refused), severity=refused.severity, timeout=refused.timeout, markup=False
            )
            return
        if shown is not None:
            self.show(shown)

    def tag(self, label: str) -> Shown | None:
        view = self.app.view
        shown = self.rules.tag(label, view.selection, view.caret, view.focused_span)
        if shown is not None and view.selection is not None:
            view.move_caret(view.caret)
        return shown

    def delete(self) -> Shown | None:
        view = self.app.view
        return self.rules.delete(view.focused_span, view.caret)

    def delete_id(self, span_id: str) -> Shown | None:
        return self.rules.delete_id(span_id)

    def move_edge(self, edge: str, step: int) -> Shown | None:
        view = self.app.view
        selection = view.selection
        if selection is None:
            return self.rules.move_span_edge(edge, step, view.focused_span, view.caret)
        moved = move_edge(view.text, *selection, edge, step)
        if moved is None:
            raise Refused("The selection cannot become empty", timeout=2)
        view.select(*moved, caret_at_end=view.caret == selection[1] and view.caret != selection[0])
        return None

    def undo(self) -> Shown | None:
        shown = self.rules.undo()
        self._say("Undone", shown)
        return shown

    def redo(self) -> Shown | None:
        shown = self.rules.redo()
        self._say("Redone", shown)
        return shown

    def _say(self, what: str, shown: Shown | None) -> None:
        if shown is not None and shown.change.step is not None:
            self.app.notify(f"{what}: {shown.change.step.name}", timeout=1.5, markup=False)

    def mark(self, status: str) -> Shown | None:
        shown = self.rules.mark(status)
        if shown is None:
            return None
        app = self.app
        following = app.library.next_to_do(app.current)
        if following is None:
            app.notify(f"Marked {status}. Every document is done or skipped.", timeout=3)
        else:
            app.notify(f"Marked {status}; opening the next document to do", timeout=2)
            app.open_document(following)
            self.load()
        return None  # the next document is on screen: nothing of this one to show

    # -- showing a change --------------------------------------------------------------------------

    def show(self, shown: Shown) -> None:
        """Mirror a change in the view, the panels and the status bar."""
        app = self.app
        view = app.view
        if shown.elsewhere is not None:  # undo or redo in another document: show it there
            target = next(
                (i for i, entry in enumerate(app.library.entries) if entry.id == shown.elsewhere),
                None,
            )
            if target is not None:
                app.open_document(target)
                self.load(force=True)
        else:
            app.suggester.changed(shown.change)
            app.adjudicator.changed(shown.change)
            view.spans_changed(shown.touched)
            if (panel := app.spans_panel) is not None:
                panel.changed()
        focus = self.spans.get(shown.change.focus)
        if focus is not None:
            if not focus["start"] <= view.caret < focus["end"]:
                view.move_caret(focus["start"])
            view.focus_span(focus["id"])
            if (panel := app.spans_panel) is not None:
                panel.follow(focus["id"])
        self.show_state()
        if (documents := app.documents_panel) is not None and app.library.entries:
            documents.update_entry(app.current, app.library.entries[app.current])
