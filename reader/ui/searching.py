"""Search in the app: the query typed, its hits highlighted, n and N, Escape going back.

The matching is reader.text.search's (Arabic normalisation, offsets into the original text)
and the hit stepping reader.editing.hits'; this is the glue the app owns: it keeps the
current search, draws the hits, selects the current one and says how many there are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.editing import hits
from reader.editing.hits import SearchState
from reader.ui.highlights import Highlight

if TYPE_CHECKING:
    from reader.text.search import Searcher
    from reader.ui.app import ReaderApp


class Searching:
    """The app's current search (see the module docstring)."""

    def __init__(self, app: ReaderApp) -> None:
        self.app = app
        self.state = SearchState()
        self.last_query = ""  # what n repeats, even after Escape
        self._searchers: dict[int, Searcher] = {}

    def _searcher(self) -> Searcher:
        from reader.text.search import Searcher  # on first search: not needed to paint

        app = self.app
        searcher = self._searchers.get(app.current)
        if searcher is None or searcher.text is not app.view.text:
            searcher = self._searchers[app.current] = Searcher(app.view.text)
        return searcher

    def begin(self) -> None:
        """`/`: remember where the caret was, open the field."""
        view = self.app.view
        self.state = SearchState(caret=view.caret, anchor=view.cursor.anchor)
        self.app.search_bar.open()

    def typed(self, query: str) -> None:
        """Search as you type: highlight every hit, select the first at or after the caret."""
        state = self.state
        state.query = query
        if query:
            self.last_query = query
        state.hits = self._searcher().find_all(query) if query else []
        self._show_hits()
        if state.hits:
            self._go_to(hits.first_at_or_after(state.hits, state.caret))
        else:
            state.current = None
            caret = state.caret
            self.app.view.select(caret, state.anchor if state.anchor is not None else caret)
            self.app.search_bar.show_count("no match" if query else "")

    def submitted(self) -> None:
        app = self.app
        # The field has closed and given the keyboard back; the article takes it whoever had
        # it before (at once: a deferred focus would land after the next keys of a burst).
        app.screen.set_focus(app.view)
        if self.state.query and not self.state.hits:
            app.notify("no match", timeout=2)

    def cancelled(self) -> None:
        """Escape: the field closes and the caret (and selection) go back where they were."""
        state = self.state
        app = self.app
        self.clear()
        view = app.view
        app.screen.set_focus(view)
        if state.anchor is not None:
            view.select(
                min(state.anchor, state.caret),
                max(state.anchor, state.caret),
                caret_at_end=state.caret > state.anchor,
            )
        else:
            view.move_caret(state.caret)

    def clear(self) -> None:
        self.state = SearchState()
        self.app.view.set_highlights("search", [])

    def _show_hits(self) -> None:
        view = self.app.view
        style = view.component_style("article-view--search-hit")
        view.set_highlights(
            "search", [Highlight(start, end, style) for start, end in self.state.hits or []]
        )

    def _go_to(self, k: int) -> None:
        state = self.state
        assert state.hits
        state.current = k % len(state.hits)
        start, end = state.hits[state.current]
        self.app.view.select(start, end)
        self.app.search_bar.show_count(f"{state.current + 1}/{len(state.hits)}")

    def step(self, forward: bool) -> None:
        """n (forward) or N: the next hit from the caret, wrapping; the last search again
        when the field was closed."""
        app = self.app
        state = self.state
        if not state.hits and self.last_query:
            state = self.state = SearchState(query=self.last_query)
            state.hits = self._searcher().find_all(state.query)
            self._show_hits()
        if not state.hits:
            app.notify("no search: press / to search" if not state.query else "no match", timeout=2)
            return
        k, wrapped = hits.step(state.hits, app.view.caret, forward)
        if wrapped and len(state.hits) > 1:
            app.notify("search wrapped around", timeout=1.5)
        self._go_to(k)
