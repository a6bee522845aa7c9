"""The suggestion keys in the app (bound in `reader.ui.app_keys`): the worker that computes
suggestions, and drawing them apart from the annotations.

The rules are `reader.editing.suggesting.Suggesting`'s (Textual-free). A document opened
without suggestions stored gets them from `reader.assist.suggest` in a thread worker (about a
third of a second per MB: never in the way of a key), saved in the store and then drawn; the
first one also warms the suggesters. The second press of tag-all searches the other
documents in a thread worker too, and its result arrives as one undoable step. Suggestions
are highlight layers of the article view: the label's colour, underlined, no background (dim
and underlined without colour), the one under the caret reversed, redrawing only the rows
they touch; the spans panel lists them after the spans. They are never counted as
annotations.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reader.editing.annotating import Refused, Shown
from reader.editing.suggesting import CorpusSearch, Suggesting
from reader.errors import ReaderError
from reader.text.sanitise import sanitise
from reader.ui.highlights import Highlight

if TYPE_CHECKING:
    from reader.store.history import Change
    from reader.ui.app import ReaderApp
    from reader.ui.spans_panel import SpansPanel

LAYER, FOCUS_LAYER = "suggestions", "suggestion-focus"

#: Characters of text per highlight layer of suggestions (see `Suggester.draw`).
BLOCK = 16_384

#: Whether opening a document computes its suggestions (the UI tests turn it off, except
#: those of suggestions, so other pictures do not depend on a worker's timing).
SUGGEST_ON_OPEN = True
WARM_AFTER = 0.5  # seconds after a document opens before its suggestions are computed


def _find(text: str, patterns: list[tuple[str, str]], existing: list[tuple[int, int]]) -> list[Any]:
    from reader.assist import tag_all

    return tag_all(text, patterns, existing)


class Suggester:
    """What the suggestion keys do on screen, for one app (see the module docstring)."""

    def __init__(self, app: ReaderApp) -> None:
        self.app = app
        self.rules = Suggesting(app.annotator.rules, _find)
        self._searching = False  # whether tag-all is searching the other documents
        self._drawn_focus: str | None = None
        self._warm = False  # whether a worker has loaded the suggesters' data yet
        self._blocks: set[int] = set()  # the blocks with a layer of suggestions on screen

    # -- the open document -------------------------------------------------------------------------

    def load(self) -> None:
        """The open document's spans were just loaded: its suggestions too, computed if none."""
        annotating = self.app.annotator.rules
        doc_id = annotating.doc_id
        self.rules.load(doc_id)
        self.draw()
        self.list_in()
        store = annotating.library.store
        text = annotating.library.text(annotating.index) if annotating.index is not None else None
        if doc_id is None or text is None or store is None or not SUGGEST_ON_OPEN:
            return
        if store.read_only or not store.has_document(doc_id) or store.has_suggestions(doc_id):
            if self._warm:
                return
            text = ""  # nothing to compute for this document: only warm the suggesters
        self._warm = True

        def start() -> None:
            self.app.run_worker(
                lambda: self._compute(doc_id, text),
                thread=True,
                group="suggest",
                exit_on_error=False,
            )

        # Not before the screen has settled: the suggesters' first run imports and compiles
        # their data, which would hold the first paint of a long article back.
        if WARM_AFTER:
            self.app.set_timer(WARM_AFTER, start)
        else:
            start()

    def _compute(self, doc_id: str, text: str) -> None:
        """In a thread: the document's suggestions, saved, then shown if it is still open."""
        from reader.assist import suggest

        found = suggest(text)
        store = self.app.annotator.rules.library.store
        if not found or store is None:
            return
        store.add_suggestions(doc_id, found)
        self.app.call_from_thread(self._arrived, doc_id)

    def _arrived(self, doc_id: str) -> None:
        if doc_id == self.app.annotator.rules.doc_id:
            self.rules.load(doc_id)
            self.draw()
            self.list_in()

    def list_in(self, panel: SpansPanel | None = None) -> None:
        """List the open document's suggestions in the spans panel (`panel`, or the app's if it
        is mounted); it then follows them, since the keys change that index in place."""
        panel = panel or self.app.spans_panel
        if panel is not None:
            panel.list_suggestions(self.rules.suggestions)

    def draw(self, touched: list[tuple[int, int]] | None = None) -> None:
        """Put the suggestions on screen: a layer per block of the text, so a change rebuilds
        only the blocks of the suggestions it touched (their ranges; None: every block), and
        a block replaced in place redraws only the rows of those suggestions."""
        view = self.app.view
        looks = self.app.annotator.looks
        styles = {label: looks.suggestion(label) for label in self.rules.suggestions.counts}
        blocks: dict[int, list[Highlight]] = {}
        if touched is None:
            wanted = set(self._blocks)
            for s in self.rules.suggestions:
                blocks.setdefault(s["start"] // BLOCK, []).append(
                    Highlight(s["start"], s["end"], styles[s["label"]])
                )
        else:
            wanted = {start // BLOCK for start, _ in touched}
            for block in wanted:
                blocks[block] = [
                    Highlight(s["start"], s["end"], styles[s["label"]])
                    for s in self.rules.suggestions.overlapping(block * BLOCK, (block + 1) * BLOCK)
                    if s["start"] // BLOCK == block
                ]
        for block in wanted | set(blocks):
            found = blocks.get(block, [])
            # A layer that comes or goes changes the order layers are drawn in: every row.
            in_place = touched is not None and bool(found) and block in self._blocks
            changed = [r for r in touched or () if r[0] // BLOCK == block] if in_place else None
            view.set_highlights(f"{LAYER}-{block}", found, changed)
        self._blocks = (self._blocks - wanted) | {b for b, found in blocks.items() if found}
        self._draw_focus()

    def _draw_focus(self) -> None:
        """The suggestion under the caret, reversed, in a layer of its own (one highlight);
        only the rows of the one it replaces and of the new one are drawn again."""
        view = self.app.view
        here = self.rules.under(view.caret)
        self._drawn_focus = None if here is None else here["id"]
        highlights = []
        if here is not None:
            looks = self.app.annotator.looks.suggestion(here["label"], True)
            highlights = [Highlight(here["start"], here["end"], looks)]
        view.set_focus_layer(FOCUS_LAYER, highlights)

    def caret_moved(self) -> str:
        """Redraw the focus only when the suggestion under the caret changed; returns what the
        status bar says of it ("suggested place"), or ""."""
        here = self.rules.under(self.app.view.caret)
        if (None if here is None else here["id"]) != self._drawn_focus:
            self._draw_focus()
        return "" if here is None else f"suggested {sanitise(here['label'])}"

    def changed(self, change: Change) -> None:
        """A change was made or undone: follow its suggestions."""
        touched = self.rules.mirror(change)
        if touched:
            self.draw(touched)
        elif self._drawn_focus not in self.rules.suggestions:
            self._draw_focus()

    # -- the keys ----------------------------------------------------------------------------------

    def next(self) -> Shown | None:
        self.go_to(self.rules.next(self.app.view.caret)["id"])
        return None

    def go_to(self, suggestion_id: str) -> None:
        """Move the caret to a suggestion and focus it (g, or Enter on it in the spans panel)."""
        chosen = self.rules.suggestions.get(suggestion_id)
        if chosen is None:
            return
        self.rules.focused = suggestion_id
        self.app.view.move_caret(chosen["start"])
        self._draw_focus()
        if (panel := self.app.spans_panel) is not None and panel.display:
            panel.follow(suggestion_id)

    def accept(self) -> Shown | None:
        return self.rules.accept(self.app.view.caret)

    def reject(self) -> Shown | None:
        return self.rules.reject(self.app.view.caret)

    def accept_all(self) -> Shown | None:
        return self.rules.accept_all(self.app.view.caret)

    def tag_all(self) -> Shown | None:
        view = self.app.view
        shown = self.rules.tag_all(view.focused_span, view.caret)
        if isinstance(shown, CorpusSearch):
            self._search_corpus(shown)
            return None
        if shown is not None and shown.change.step is not None:
            self.app.notify(sanitise(shown.change.step.name), timeout=2, markup=False)
        return shown

    # -- tag-all across the corpus: searched in a worker, applied here -----------------------------

    def _search_corpus(self, request: CorpusSearch) -> None:
        """Start the search of the other documents; keys stay live, the result comes later."""
        if self._searching:
            raise Refused("Still suggesting the last one in the other documents", timeout=2)
        self._searching = True
        quoted = sanitise(request.pattern[0][0])
        self.app.notify(f"Suggesting «{quoted}» in the other documents…", timeout=2, markup=False)
        self.app.run_worker(
            lambda: self._search(request), thread=True, group="tag-all", exit_on_error=False
        )

    def _search(self, request: CorpusSearch) -> None:
        """In a thread: the occurrences in the other documents, handed to the UI thread."""
        try:
            found: dict[str, list[Any]] | ReaderError = self.rules.search(request)
        except ReaderError as error:  # the store closed or failed: said, not lost in a worker
            found = error
        self.app.call_from_thread(self._searched, request, found)

    def _searched(self, request: CorpusSearch, found: dict[str, list[Any]] | ReaderError) -> None:
        self._searching = False
        if isinstance(found, ReaderError):
            message = f"Could not search the other documents: {sanitise(str(found))}"
            self.app.notify(message, severity="error", timeout=5, markup=False)
            return
        self.app.annotator.run(self._propose, request, found)

    def _propose(self, request: CorpusSearch, found: dict[str, list[Any]]) -> Shown | None:
        """The search's result as one undoable step, and a note of how much it suggested."""
        shown = self.rules.propose(request, found)
        if shown is not None:
            count = len(shown.change.applied)
            documents = len({op.doc_id for op in shown.change.applied})
            plural = "" if documents == 1 else "s"
            self.app.notify(
                f"Suggested {count} in {documents} document{plural}", timeout=3, markup=False
            )
        return shown
