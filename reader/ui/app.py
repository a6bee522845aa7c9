"""The reader app, and `make_app`, the one factory the command line and the tests both use.

The app holds the documents of the session (`Library`), the store, the config and the
display options; widgets hold what they draw. It opens a document in the article view
first and records documents in the store after the first paint, so a long article shows
at once. Keys: every binding has an id; on mount the effective keymap (code defaults,
keymap file, config overrides, Arabic-layout twins) goes to `App.set_keymap`.
The annotation keys call the app's `Annotator` (reader.ui.annotating), whose rules are
Textual-free (reader.editing); the actions here are one line each.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import signal
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, NamedTuple, cast

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingsMap, BindingType
from textual.driver import Driver
from textual.filter import LineFilter, Monochrome, NoColor
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget

from reader.config import Config
from reader.editing.library import Library
from reader.editing.positions import Positions
from reader.editing.span_index import SpanIndex
from reader.text.sanitise import sanitise
from reader.text.shaping import DisplayOptions
from reader.ui import app_keys
from reader.ui.article_view import ArticleView
from reader.ui.driver import driver_for
from reader.ui.filters import ControlsShown
from reader.ui.keymap import (
    bindings_of,
    chosen_keymap,
    declared_keys,
    effective_keymap,
    unknown_ids,
)
from reader.ui.status_bar import StatusBar

if TYPE_CHECKING:  # the rest is imported on first use, after the first paint
    from reader.store import AnnotationStore
    from reader.ui.adjudicating import Adjudicator
    from reader.ui.annotating import Annotator
    from reader.ui.banner import ReadOnlyBanner
    from reader.ui.documents_panel import DocumentsPanel
    from reader.ui.linking import LinkBar, Linker
    from reader.ui.note_editor import NoteEditor
    from reader.ui.search_bar import SearchBar
    from reader.ui.searching import Searching
    from reader.ui.spans_panel import SpansPanel
    from reader.ui.suggesting import Suggester

NO_COLOR_FILTER = NoColor()
NO_CONTROLS = ControlsShown()
LOCK_WATCH = 2.0  # seconds between asks for the lock while another process writes
WIDE_ENOUGH_FOR_PANEL = 100  # columns: below this the documents panel starts hidden


class Bars(NamedTuple):
    """The bars under the article that take typed keys (annotation keys are refused there)."""

    search: SearchBar
    link: LinkBar
    note: NoteEditor


class ScreenReady(Message):
    """The main screen's widgets are mounted: the app can open a document."""


# The screen's widgets that take a side of it, by id, in the order they take it: the banner
# the top row, the status bar the bottom two, the panels the right (the spans panel outermost),
# then under the article, from the bottom up, the note editor, link bar, search field and
# conflict panel. The article has what is left.
SPLIT_ORDER = (
    "banner",
    "status",
    "spans",
    "documents",
    "note-editor",
    "link-bar",
    "search",
    "conflicts",
)


class ReaderScreen(Screen[None], inherit_bindings=False):
    """The main screen: article and search field, documents panel, status bar."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "app.focus_next", "Focus the next pane", show=False, id="focus-next"),
        Binding(
            "shift+tab",
            "app.focus_previous",
            "Focus the previous pane",
            show=False,
            id="focus-previous",
        ),
    ]

    def __init__(self, options: DisplayOptions, with_documents: bool) -> None:
        super().__init__(id="reader")
        self.options = options
        self.with_documents = with_documents  # else the documents panel is mounted on demand

    def compose(self) -> ComposeResult:
        # No containers: every widget but the article takes a side of the screen (CSS `split`)
        # and the article what is left; a container costs the first paint as much as a widget.
        # The search field, the link and note bars and the read-only banner are mounted after
        # the first paint (or when first needed): hidden, they would only slow it down.
        yield ArticleView(self.options, id="article")
        yield StatusBar(self.options, id="status")
        if self.with_documents:
            from reader.ui.documents_panel import DocumentsPanel

            yield DocumentsPanel(self.options, id="documents")

    def mount_split(self, *widgets: Widget) -> None:
        """Mount widgets that take a side of the screen (CSS `split`) at their place in
        SPLIT_ORDER: each takes its side of what the ones before it left."""
        for widget in widgets:
            rank = SPLIT_ORDER.index(widget.id or "")
            later = [
                child
                for child in self.children
                if child.id in SPLIT_ORDER and SPLIT_ORDER.index(child.id) > rank
            ]
            self.mount(widget, before=later[0] if later else None)

    def on_mount(self) -> None:
        self.app.post_message(ScreenReady())


class ReaderApp(App[None], inherit_bindings=False):
    """Read and annotate Arabic articles in a terminal: caret, selection, search, spans, documents."""

    CSS_PATH = "reader.tcss"
    ENABLE_COMMAND_PALETTE = False
    TITLE = "reader"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q,ctrl+q", "quit", "Quit (all is already saved)", id="quit"),
        Binding("question_mark", "help", "Show these keys", id="help"),
        # A priority binding runs in the app's own task, before the next key is routed, so
        # the query typed right after `/` reaches the field even in one burst of keys.
        Binding(
            "slash", "search", "Search (ignores harakat, alef forms)", id="search", priority=True
        ),
        Binding("n", "search_next", "Next search hit", id="search-next"),
        Binding("N", "search_previous", "Previous search hit", id="search-previous"),
        Binding("ctrl+n", "next_document", "Next document", id="next-document"),
        Binding("ctrl+p", "previous_document", "Previous document", id="previous-document"),
        Binding("f2", "toggle_documents", "Show or hide the documents", id="toggle-documents"),
        *app_keys.ANNOTATING_KEYS,
        Binding("f4", "show_progress", "Show the progress: counts as bars", id="show-progress"),
        Binding(
            "f5",
            "toggle_marks",
            "Show or hide invisible characters (LRM, ZWJ...) as markers",
            id="toggle-marks",
        ),
        *app_keys.LINKING_KEYS,
        *app_keys.SUGGESTING_KEYS,
        *app_keys.ADJUDICATING_KEYS,
    ]

    def __init__(
        self,
        library: Library,
        config: Config,
        options: DisplayOptions,
        keymap: dict[str, str] | None = None,
        open_store: Callable[[], AnnotationStore] | None = None,
    ) -> None:
        super().__init__()
        # One binding per configured label (tag-actor = "a", ...), as a subclass's BINDINGS
        # would add them (a key bound here replaces the class's), without making a class per
        # configuration (Textual compiles each class's bindings, reactives and CSS names).
        labels = BindingsMap(app_keys.label_bindings(config)).key_to_bindings
        self._bindings = BindingsMap.from_keys({**self._bindings.key_to_bindings, **labels})
        self.library = library
        self._open_store = open_store  # opened after the first paint (a big store loads slowly)
        self._opening = False  # the store is being opened (in a thread)
        self.config = config
        self.options = options
        self.chosen_keymap = keymap or {}
        self.current = 0
        self.adjudicating = False  # reader adjudicate: open where conflicts are, on the first
        self._carets: dict[int, int] = {}
        self._opened = False  # a document has been shown
        self.positions = Positions(config.positions_path, str(config.store_path))
        self._lock_watch: Timer | None = None
        self._owned_stores: list[AnnotationStore] = []
        self._annotator: Annotator | None = None
        self._searching: Searching | None = None
        self._bars: Bars | None = None
        self.failed: Exception | None = None  # the store could not be opened after a glance

    @property
    def store_opening(self) -> bool:
        """Whether the store is still to be opened or being opened (after the first paint)."""
        return self._open_store is not None or self._opening

    @property
    def annotator(self) -> Annotator:
        """The annotation keys' glue; made (its modules imported) right after the first paint,
        or by the first key that needs it."""
        if self._annotator is None:
            from reader.ui.annotating import Annotator

            self._annotator = Annotator(self)
        return self._annotator

    @property
    def searching(self) -> Searching:
        """The search keys' glue (made by the first search)."""
        if self._searching is None:
            from reader.ui.searching import Searching

            self._searching = Searching(self)
        return self._searching

    @property
    def spans(self) -> SpanIndex:
        """The open document's spans."""
        return self.annotator.spans

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # In the search field, the link bar and the note editor, keys are typed, not acted on:
        # the edits, and the search key too (a priority binding, so it comes first), whose
        # Arabic twin ظ is a letter of notes and queries.
        if (
            (action in app_keys.EDITS or action == "search")
            and self._bars is not None
            and self.focused in self._bars
        ):
            return False
        return super().check_action(action, parameters)

    def get_line_filters(self) -> Sequence[LineFilter]:
        """No control character ever reaches the terminal, whatever widget drew it (a label,
        an id or an annotator from a store can hold an escape sequence). Under NO_COLOR no
        colour at all, not Textual's shades of grey: the looks without colour (bold, italic,
        underline, reverse) carry every difference."""
        filters = [*super().get_line_filters(), NO_CONTROLS]
        if not self.no_color:
            return filters
        return [f for f in filters if not isinstance(f, Monochrome)] + [NO_COLOR_FILTER]

    def get_driver_class(self) -> type[Driver]:
        return driver_for(super().get_driver_class())

    def on_mount(self) -> None:
        # SIGTERM (kill, a system's shutdown) and SIGHUP (the SSH session or the terminal
        # closed) end the app as q does: the store is closed (its journal compacted, its lock
        # let go) and, where a terminal is left, it gets its modes and its own bidi back.
        loop = asyncio.get_running_loop()
        for number, code in ((signal.SIGTERM, 143), (getattr(signal, "SIGHUP", None), 129)):
            if number is not None:
                with contextlib.suppress(NotImplementedError, RuntimeError):  # no signals here
                    loop.add_signal_handler(number, self.exit, None, code)

    def get_default_screen(self) -> Screen[None]:
        return ReaderScreen(self.options, with_documents=len(self.library) > 1 or self.library.more)

    # -- widgets -----------------------------------------------------------------------------------

    @property
    def reader_screen(self) -> ReaderScreen:
        """The main screen (under the help or progress screen when one is shown)."""
        return cast(ReaderScreen, self.screen_stack[0])

    @property
    def view(self) -> ArticleView:
        return self.reader_screen.query_one(ArticleView)

    @property
    def status_bar(self) -> StatusBar:
        return self.reader_screen.query_one(StatusBar)

    @property
    def search_bar(self) -> SearchBar:
        return self._mount_bars().search

    def _mounted(self, widget_id: str) -> Widget | None:
        """The widget of that id, if mounted (found by id: its module may not be imported)."""
        found = self.reader_screen.query(f"#{widget_id}")
        return found.first() if found else None

    @property
    def documents_panel(self) -> DocumentsPanel | None:
        """The documents panel, if mounted (with one document it is mounted on demand)."""
        return cast("DocumentsPanel | None", self._mounted("documents"))

    @property
    def spans_panel(self) -> SpansPanel | None:
        """The spans panel, if mounted (it is mounted when first shown)."""
        return cast("SpansPanel | None", self._mounted("spans"))

    def _mount_documents_panel(self) -> DocumentsPanel:
        from reader.ui.documents_panel import DocumentsPanel

        panel = DocumentsPanel(self.options, id="documents")
        self.reader_screen.mount_split(panel)
        return panel

    def _mount_spans_panel(self) -> SpansPanel:
        from reader.ui.spans_panel import SpansPanel

        panel = SpansPanel(self.options, id="spans")
        panel.display = False
        self.reader_screen.mount_split(panel)
        return panel

    def _mount_bars(self) -> Bars:
        """The search field, the link chooser and the note editor under the article, each
        hidden until opened: mounted after the first paint (not needed to draw it, nor their
        modules), or by the first key to use one."""
        if self._bars is None:
            from reader.ui.linking import LinkBar
            from reader.ui.note_editor import NoteEditor
            from reader.ui.search_bar import SearchBar

            self._bars = Bars(
                SearchBar(self.options, id="search"),
                LinkBar(self.options, id="link-bar"),
                NoteEditor(self.options, id="note-editor"),
            )
            self.reader_screen.mount_split(*self._bars)
        return self._bars

    @property
    def link_bar(self) -> LinkBar:
        return self._mount_bars().link

    @property
    def note_editor(self) -> NoteEditor:
        return self._mount_bars().note

    @property
    def banner(self) -> ReadOnlyBanner:
        """The read-only banner above the article (mounted when first shown)."""
        from reader.ui.banner import ReadOnlyBanner

        if (banner := self._mounted("banner")) is None:
            banner = ReadOnlyBanner(id="banner")
            self.reader_screen.mount_split(banner)
        return cast("ReadOnlyBanner", banner)

    # -- start -------------------------------------------------------------------------------------

    def on_screen_ready(self, message: ScreenReady) -> None:
        self.set_keymap(self.keymap(screens=False))  # what is on screen; the rest after painting
        if (panel := self.documents_panel) is not None:
            panel.display = self.size.width >= WIDE_ENOUGH_FOR_PANEL
        # reader adjudicate opens the first document with conflicts to settle (read from the
        # manifest once before the first paint; the adjudicator is made after it).
        store = self.library.store if self.adjudicating else None
        left = store.open_conflicts() if store is not None else {}
        entries = self.library.entries
        first = next((i for i, entry in enumerate(entries) if entry.id in left), 0) if left else 0
        self.open_document(first)
        self.view.focus()
        if self.library.note:
            self.notify(self.library.note, timeout=4)
        if store is not None and not left:
            self.notify(
                "No conflicts left to settle in this store: every one is settled", timeout=4
            )
        self.call_after_refresh(self._after_first_paint)

    def _after_first_paint(self) -> None:
        self._mount_bars()
        self.annotator.load()
        keymap = self.keymap()
        self.set_keymap(keymap)  # now with the help and the documents list
        help_key = keymap.get("help", "").split(",")[0].strip()
        self.status_bar.help_hint = (
            f"{'?' if help_key == 'question_mark' else sanitise(help_key)} keys" if help_key else ""
        )
        self._record_documents()

    def declared_keys(self, screens: bool = True) -> dict[str, str]:
        """Binding id -> keys as declared in code, for every node of the main screen and (with
        `screens`) of the help and the documents list, even when they are not mounted."""
        maps = [
            self._bindings,
            *(node._bindings for node in self.reader_screen.walk_children(with_self=True)),
        ]
        if screens:
            from reader.ui.documents_panel import DocumentsPanel
            from reader.ui.help_screen import HelpScreen, HelpScroll  # not needed to paint
            from reader.ui.linking import LinkBar
            from reader.ui.note_editor import NoteEditor
            from reader.ui.search_bar import SearchBar
            from reader.ui.spans_panel import SpansPanel

            classes = (
                *(DocumentsPanel, SpansPanel, SearchBar, LinkBar, NoteEditor),
                *(HelpScreen, HelpScroll),
            )
            maps += [cls._merged_bindings for cls in classes if cls._merged_bindings is not None]
        return declared_keys(bindings_of(maps))

    def keymap(self, screens: bool = True) -> dict[str, str]:
        """The effective keymap: declared keys, the keymap file, config overrides, Arabic twins."""
        declared = self.declared_keys(screens)
        unknown = unknown_ids({**self.chosen_keymap, **self.config.bindings}, declared)
        if unknown and screens:
            self.notify(
                sanitise(f"unknown binding ids in keymap or config: {', '.join(unknown)}"),
                severity="warning",
                timeout=6,
                markup=False,
            )
        return effective_keymap(declared, self.chosen_keymap, self.config.bindings)

    def _record_documents(self) -> None:
        self.run_worker(self._record_all(), group="record", exclusive=True)

    async def _record_all(self) -> None:
        """Open the store if it is not yet (after a glance at it: list all its documents),
        then record every document, one per turn of the loop."""
        if self._open_store is not None:
            opener, self._open_store, self._opening = self._open_store, None, True
            self._show_store()
            try:
                store = await asyncio.to_thread(opener)
            except Exception as error:
                self._store_failed(error)
                return
            finally:
                self._opening = False
            self.annotator.rules.attach(store)
            if self.library.glance_path is not None:
                self._fill_library(store)
            else:
                self.library.refresh()  # what the store holds of the files given (status, counts)
            self.annotator.load(force=True)
        recorded = 0
        for i, entry in enumerate(self.library.entries):
            if not entry.recorded:  # (a library from the store is recorded already)
                recorded += self.library.record(i)
                await asyncio.sleep(0)
        if recorded:  # files given as PATHs: what the store knew of them (status, counts)
            self.library.refresh()
        self._show_documents()
        self._show_store()

    def _store_failed(self, error: Exception) -> None:
        """The store could not be opened after the first paint. After a glance at it the app
        ends, and the command says why in one line; files given as PATHs are read on."""
        self._opening = False
        if self.library.glance_path is not None:
            self.failed = error
            self.exit(return_code=1)
            return
        self.library.save_error = str(error)
        self.notify(sanitise(str(error)), title="store", severity="error", timeout=10, markup=False)
        self._show_store()

    def _fill_library(self, store: AnnotationStore) -> None:
        """Every document of the store, after the glance at its first ones was painted: the
        open document stays open, shown again if the store holds another text or order."""
        self._remember_caret()
        shown = self.library.entries[self.current].id
        self.library.fill(store)
        entries = self.library.entries
        index = next((i for i, entry in enumerate(entries) if entry.id == shown), 0)
        if index == self.current and entries[index].text is not None:
            return
        if index != self.current:
            self._carets.clear()  # (kept by index)
        self._opened = False  # (its caret is kept already, under its own id)
        self.open_document(index)

    async def action_quit(self) -> None:
        """Quit; documents not yet recorded (a very quick quit) are recorded first."""
        if self._open_store is not None:
            await self._record_all()
        for i, entry in enumerate(self.library.entries):
            if not entry.recorded:
                self.library.record(i)
        self._remember_caret()
        self.exit()

    # -- documents ---------------------------------------------------------------------------------

    def open_document(self, index: int) -> None:
        """Show document `index` in the article view, its caret where it was left."""
        if not self.library.entries:
            self.view.load("", message="no documents")
            return
        self._remember_caret()
        self.current = index % len(self.library)
        self._opened = True
        entry = self.library.entries[self.current]
        text = self.library.text(self.current)
        if self._searching is not None:
            self._searching.clear()
        if text is None:
            self.view.load("", message=entry.error or "cannot be read")
        else:
            caret = self._carets.get(self.current, self.positions.get(entry.id))
            self.view.load(text, caret=caret)
        if self._annotator is not None:
            self._annotator.document_opened()  # (else it is made and loads after the paint)
        self.status_bar.show_document(entry.title, entry.id)
        self._show_caret()  # now, not when the view's message arrives: in the first frame
        self._show_documents()
        self._show_store()

    def _show_documents(self) -> None:
        if (panel := self.documents_panel) is not None:
            panel.show(self.library.entries, self.current)

    def _show_store(self) -> None:
        if self.store_opening:
            self.status_bar.show_store("opening the store…", False)
        else:
            self.status_bar.show_store(*self.library.store_state())
        store = self.library.store
        read_only = store is not None and store.read_only
        if read_only or self._mounted("banner") is not None:
            self.banner.show_holder(read_only, None if store is None else store.lock_holder)
        if read_only and self._lock_watch is None:
            self._lock_watch = self.set_interval(LOCK_WATCH, self._try_writing)

    async def _try_writing(self) -> None:
        """While another process writes the store, ask now and then for the lock; when it is
        free, carry on writable (and say so) instead of refusing changes until a restart."""
        from reader.store import AnnotationStore, StoreLockedError

        old = self.library.store
        if old is None or not old.read_only or self._lock_watch is None:
            return
        try:
            store = await asyncio.to_thread(AnnotationStore.open, old.path, annotator=old.annotator)
        except StoreLockedError:
            return
        except Exception:
            return
        self._lock_watch.stop()
        self._lock_watch = None
        self._owned_stores.append(store)
        self.annotator.rules.attach(store)
        old.close()
        self.library.refresh()
        self.annotator.load(force=True)
        self._show_documents()
        self._show_store()
        self.notify("The other writer has finished: changes are saved again", timeout=5)

    def _remember_caret(self) -> None:
        """Keep the open document's caret (for this session, and the next)."""
        if not self._opened:
            return  # nothing shown yet: no caret to keep
        self._carets[self.current] = self.view.caret
        if self.library.entries:
            self.positions.set(self.library.entries[self.current].id, self.view.caret)

    def on_unmount(self) -> None:
        self.positions.save()
        for store in self._owned_stores:  # stores the app opened itself (after read-only)
            store.close()

    def action_toggle_marks(self) -> None:
        self.options = self.options._replace(marks=not self.options.marks)
        self.view.set_options(self.options)
        self.notify(
            "Invisible characters shown as markers" if self.options.marks else "Markers hidden",
            timeout=1.5,
        )

    def action_next_document(self) -> None:
        self._move_document(1)

    def action_previous_document(self) -> None:
        self._move_document(-1)

    def _move_document(self, step: int) -> None:
        """The next or previous document, wrapping round; not past the glance's last (or
        before its first) while the store opens: the list goes on there."""
        index = self.current + step
        if self.library.more and not 0 <= index < len(self.library):
            self.notify("The store is still opening: its other documents follow", timeout=3)
            return
        self.open_document(index)

    def action_toggle_documents(self) -> None:
        panel = self.documents_panel
        if panel is None:
            panel = self._mount_documents_panel()
            panel.display = False
            panel.show(self.library.entries, self.current)
        panel.display = not panel.display
        if panel.display:
            self.call_after_refresh(panel.focus)
        else:
            self.view.focus()

    def on_documents_panel_open(self, message: DocumentsPanel.Open) -> None:
        self.open_document(message.index)
        self.view.focus()

    def on_article_view_caret_moved(self, message: ArticleView.CaretMoved) -> None:
        if self.library.entries:
            self.positions.set(self.library.entries[self.current].id, self.view.caret)
        self._show_caret()
        if self._annotator is not None:
            self._annotator.show_state()

    def _show_caret(self) -> None:
        view = self.view
        selection = view.selection
        selected = selection[1] - selection[0] if selection else 0
        self.status_bar.show_caret(
            view.paragraph_of(view.caret) + 1, view.caret, len(view.text), selected
        )

    # -- search (reader.ui.searching) --------------------------------------------------------

    def action_search(self) -> None:
        self.searching.begin()

    def on_search_bar_changed(self, message: SearchBar.Changed) -> None:
        self.searching.typed(message.query)

    def on_search_bar_submitted(self, message: SearchBar.Submitted) -> None:
        self.searching.submitted()

    def on_search_bar_cancelled(self, message: SearchBar.Cancelled) -> None:
        self.searching.cancelled()

    def action_search_next(self) -> None:
        self.searching.step(True)

    def action_search_previous(self) -> None:
        self.searching.step(False)

    # -- annotating --------------------------------------------------------------------------------

    def action_tag(self, label: str) -> None:
        self.annotator.run(self.annotator.tag, label)

    def action_delete_span(self) -> None:
        self.annotator.run(self.annotator.delete)

    def action_move_edge(self, edge: str, step: int) -> None:
        self.annotator.run(self.annotator.move_edge, edge, step)

    def action_undo(self) -> None:
        self.annotator.run(self.annotator.undo)

    def action_redo(self) -> None:
        self.annotator.run(self.annotator.redo)

    def action_mark(self, status: str) -> None:
        self.annotator.run(self.annotator.mark, status)

    def on_spans_panel_delete(self, message: SpansPanel.Delete) -> None:
        self.annotator.run(self.annotator.delete_id, message.span_id)

    def on_spans_panel_jump(self, message: SpansPanel.Jump) -> None:
        span = self.spans.get(message.span_id)
        if span is None or span.get("orphaned"):
            self.notify("That span's text is no longer in the document", timeout=3)
            return
        self.view.move_caret(span["start"])
        self.view.focus_span(span["id"])
        self.view.focus()

    def on_spans_panel_go_to_suggestion(self, message: SpansPanel.GoToSuggestion) -> None:
        self.suggester.go_to(message.suggestion_id)
        self.view.focus()

    def on_spans_panel_reject_suggestion(self, message: SpansPanel.RejectSuggestion) -> None:
        self.suggester.go_to(message.suggestion_id)  # the suggestion X rejects is the focused one
        self.annotator.run(self.suggester.reject)

    def action_toggle_spans(self) -> None:
        panel = self.spans_panel
        if panel is None:
            panel = self._mount_spans_panel()
            panel.show(self.spans, self.annotator.looks, self.annotator.rules.relations)
            self.suggester.list_in(panel)
        panel.display = not panel.display
        if panel.display:
            panel.follow(self.view.focused_span)
            self.call_after_refresh(panel.focus)
        else:
            self.view.focus()

    # -- links and notes ---------------------------------------------------------------------------

    def action_link_span(self) -> None:
        self.annotator.run(self.linker.link)

    def action_follow_link(self) -> None:
        self.annotator.run(self.linker.follow)

    def action_unlink_span(self) -> None:
        self.annotator.run(self.linker.unlink)

    def action_edit_note(self) -> None:
        self.annotator.run(self.linker.edit_note)

    # -- help --------------------------------------------------------------------------------------

    def action_help(self) -> None:
        from reader.ui.documents_panel import DocumentsPanel
        from reader.ui.help_screen import HelpScreen
        from reader.ui.spans_panel import SpansPanel

        nodes = [self, *self.reader_screen.walk_children(with_self=True)]
        if self.documents_panel is None:  # listed before they are first shown
            nodes.append(DocumentsPanel(self.options))
        if self.spans_panel is None:
            nodes.append(SpansPanel(self.options))
        self.push_screen(HelpScreen(nodes))

    def action_show_progress(self) -> None:
        from reader.ui.progress_view import ProgressScreen  # not needed to paint

        self.push_screen(ProgressScreen())

    # -- suggestions (reader.ui.suggesting) --------------------------------------------------------

    @functools.cached_property
    def linker(self) -> Linker:
        from reader.ui.linking import Linker

        return Linker(self)

    @functools.cached_property
    def suggester(self) -> Suggester:
        from reader.ui.suggesting import Suggester

        return Suggester(self)

    def action_next_suggestion(self) -> None:
        self.annotator.run(self.suggester.next)

    def action_accept_suggestion(self) -> None:
        self.annotator.run(self.suggester.accept)

    def action_reject_suggestion(self) -> None:
        self.annotator.run(self.suggester.reject)

    def action_accept_all(self) -> None:
        self.annotator.run(self.suggester.accept_all)

    def action_tag_all(self) -> None:
        self.annotator.run(self.suggester.tag_all)

    # -- adjudicating conflicts (reader.ui.adjudicating) -------------------------------------------

    @functools.cached_property
    def adjudicator(self) -> Adjudicator:
        from reader.ui.adjudicating import Adjudicator

        return Adjudicator(self)

    def action_next_conflict(self) -> None:
        self.annotator.run(self.adjudicator.next)

    def action_take_version(self, choice: int | str) -> None:
        self.annotator.run(self.adjudicator.take, choice)


def make_app(
    paths: Sequence[Path | str],
    config: Config,
    options: DisplayOptions | None = None,
    store: AnnotationStore | Callable[[], AnnotationStore] | None = None,
    replace_errors: bool = False,
    encoding: str | None = None,
    adjudicating: bool = False,
) -> ReaderApp:
    """The app for `reader [PATH ...]`: documents from paths (or the store, or the samples).

    `store` is an open store, None, or a function that opens it (the store at
    `config.store_path`): the app then opens it after the first paint, so a big store never
    delays the article. With no PATH the first paint shows a glance at the store's first
    documents (store.glance), or the store is opened now when a glance cannot tell (and for
    `reader adjudicate`, which opens where the conflicts are). Raises
    ReaderError (one line) for a missing path, an unreadable file named explicitly, a store
    that cannot be opened now, or a keymap that cannot be read; nothing has touched the
    terminal yet. `app.failed` is the error when the store could not be opened after a glance.
    """
    opener = store if callable(store) and paths else None
    library: Library | None = None
    if callable(store) and not paths and not adjudicating:  # (adjudicating: conflicts first)
        from reader.store.glance import glance

        if (seen := glance(config.store_path)) is not None:
            library, opener = Library.from_glance(seen), store
    if callable(store) and opener is None:
        store = store()  # no PATH: the store's documents are what is shown
    if library is None:
        library = Library.open(paths, None if callable(store) else store, replace_errors, encoding)
    keymap = chosen_keymap(config.keymap)
    app = ReaderApp(library, config, options or DisplayOptions(), keymap, open_store=opener)
    app.adjudicating = adjudicating
    return app
