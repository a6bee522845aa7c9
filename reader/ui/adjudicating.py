"""The adjudication keys in the app (bound in `reader.ui.app_keys`): drawing each annotator's
version, the conflict panel, and moving from conflict to conflict across the documents.

The rules are `reader.editing.adjudicating.Adjudicating`'s (Textual-free, tested directly).
Every conflict still to settle is drawn as a suggestion is (its label's colour, underlined);
the one under the caret is drawn bold, each annotator's version with its own line
(`version_cue`: underline for the first, strike-through for the second...), and listed in the
conflict panel under the article, by annotator. After a version is taken the caret goes to
the next conflict; past the last of a document (now reviewed), the next key opens the next
document with conflicts. The status bar says how many are left, here and in the store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.style import Style

from reader.editing.annotating import Refused, Shown
from reader.ui.annotations import MONO
from reader.ui.highlights import Highlight

if TYPE_CHECKING:  # the rest is imported when a document is first loaded, not before painting
    from reader.editing.adjudicating import Conflict
    from reader.store.history import Change
    from reader.store.model import SuggestionRecord
    from reader.ui.app import ReaderApp
    from reader.ui.conflict_panel import ConflictPanel

LAYER, FOCUS_LAYER = "conflicts", "conflict-focus"


class Adjudicator:
    """What the adjudication keys do on screen, for one app (see the module docstring)."""

    def __init__(self, app: ReaderApp) -> None:
        from reader.editing.adjudicating import Adjudicating

        self.app = app
        self.rules = Adjudicating(app.annotator.rules)
        self._shown: str | None = None  # the group drawn under the caret (and in the panel)
        self._drawn: list[Conflict] = []  # the conflicts on screen
        self._left: dict[str, int] = {}  # document id -> conflicts to settle, store-wide
        self.panel: ConflictPanel | None = None  # mounted with the first conflict shown

    # -- the open document -------------------------------------------------------------------------

    def load(self) -> None:
        """The open document's spans were just loaded: its conflicts too (adjudicating, the
        caret goes to the first one unless it is in one)."""
        self.rules.load(self.app.annotator.rules.doc_id)
        if self.app.adjudicating or self.rules.conflicts or self._left:
            self._count()  # (a store without conflicts is not scanned at every document)
        caret = self.app.view.caret
        if self.app.adjudicating and self.rules.under(caret) is None:
            chosen = self.rules.next(-1)
            if chosen is not None:
                self.app.view.move_caret(chosen.start)
        self.draw()

    def changed(self, change: Change) -> None:
        """A change was made or undone: follow its conflicts (the keys here mirror their own
        change already, so what decides is whether the conflicts differ from those drawn)."""
        self.rules.mirror(change)
        if self.rules.conflicts != self._drawn:
            self._count()
            self.draw()

    def _count(self) -> None:
        """What is left to settle in the store (read from the manifest when conflicts change,
        not at every keystroke)."""
        store = self.app.library.store
        self._left = store.open_conflicts() if store is not None else {}

    def draw(self) -> None:
        """Every conflict as suggestions are drawn; the one under the caret by version."""
        if not self.rules.conflicts and not self._drawn:
            return  # nothing on screen, nothing to draw: no redraw of the view
        self._drawn = list(self.rules.conflicts)
        view = self.app.view
        looks = self.app.annotator.looks
        view.set_highlights(
            LAYER,
            [
                Highlight(r["start"], r["end"], looks.suggestion(r["label"]))
                for conflict in self.rules.conflicts
                for r in conflict.records
            ],
        )
        self._draw_focus(force=True)

    def _draw_focus(self, force: bool = False) -> None:
        """The conflict under the caret, by version, in a layer of its own, and in the panel;
        only the rows of the one it replaces and of the new one are drawn again."""
        app = self.app
        conflict = self.rules.under(app.view.caret)
        group = None if conflict is None else conflict.group
        if group == self._shown and not force:
            return
        self._shown = group
        highlights = (
            []
            if conflict is None
            else [
                Highlight(r["start"], r["end"], self._version_style(conflict, r))
                for r in conflict.records
            ]
        )
        app.view.set_focus_layer(FOCUS_LAYER, highlights)
        self._show_panel(conflict)

    def _version_style(self, conflict: Conflict, record: SuggestionRecord) -> Style:
        """A span of the conflict under the caret: its label's colour (none under NO_COLOR),
        bold, with the line of every annotator whose version holds it."""
        from reader.ui.conflict_panel import version_cue

        looks = self.app.annotator.looks
        style = Style(bold=True)
        if looks.mode != MONO:
            style += Style(color=looks.look(record["label"]).mark.color)
        held = record.get("annotators", ())
        return style + version_cue(n for n, name in enumerate(conflict.among, 1) if name in held)

    def _show_panel(self, conflict: Conflict | None) -> None:
        panel = self.panel
        if not self.rules.conflicts and conflict is None:
            if panel is not None:
                panel.display = False
            return
        if panel is None:
            from reader.ui.conflict_panel import ConflictPanel

            panel = self.panel = ConflictPanel(self.app.options, id="conflicts")
            self.app.reader_screen.mount_split(panel)
        panel.display = True
        panel.show(conflict, self.app.annotator.looks, self.progress(conflict))

    def progress(self, conflict: Conflict | None = None) -> str:
        """ "conflict · 2 left here · 14 in 6 documents" (or "no conflicts left to settle")."""
        left = self._left
        total = sum(left.values())
        if not total:
            return "no conflicts left to settle"
        here = len(self.rules.conflicts)
        where = f"{total} in {len(left)} document{'s' if len(left) != 1 else ''}"
        return f"{'conflict · ' if conflict is not None else ''}{here} left here · {where}"

    def caret_moved(self) -> str:
        """Follow the caret; what the status bar says of conflicts ("" in a store without)."""
        if not self.rules.conflicts and self.panel is None:
            return ""
        self._draw_focus()
        return f"conflicts: {len(self.rules.conflicts)} here, {sum(self._left.values())} in all"

    # -- the keys ----------------------------------------------------------------------------------

    def next(self) -> Shown | None:
        """The next conflict here; past the last one, the first of the next document with any."""
        app = self.app
        chosen = self.rules.next(app.view.caret)
        if chosen is None:
            self._open_next_document()
            chosen = self.rules.next(-1)
            if chosen is None:
                raise Refused("No conflicts left to settle in this store", timeout=3)
        app.view.move_caret(chosen.start)
        self._draw_focus()
        return None

    def _open_next_document(self) -> None:
        app = self.app
        if app.library.store is None:
            raise Refused("No store: nothing to adjudicate", timeout=3)
        if not self._left:  # (kept as conflicts change; outside `reader adjudicate` counted
            self._count()  # only once there are conflicts here or known elsewhere)
        left = self._left
        entries = app.library.entries
        count = len(entries)
        for step in range(1, count + 1):
            index = (app.current + step) % count
            if entries[index].id in left:
                app.open_document(index)
                app.annotator.load()
                return
        raise Refused("No conflicts left to settle in this store", timeout=3)

    def take(self, choice: int | str) -> Shown | None:
        """Take a version of the conflict under the caret; then go to the next conflict here."""
        shown = self.rules.take(self.app.view.caret, choice)
        if shown is None:
            return None
        self.app.annotator.show(shown)
        if self.rules.conflicts:
            chosen = self.rules.next(self.app.view.caret)
            if chosen is not None:
                self.app.view.move_caret(chosen.start)
        else:
            left = self.progress()
            more = "" if left.startswith("no ") else " (the next-conflict key opens the next)"
            self.app.notify(f"Document reviewed; {left}{more}", timeout=4)
        self._draw_focus()
        return None
