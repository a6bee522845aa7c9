"""The article view: a Line API scroll view that draws the text engine's cells.

Each screen row is one `Line` of a `TextLayout`: right-to-left paragraphs right-aligned,
left-to-right ones left-aligned, wrapped to the view's width and laid out again on resize.
Rows are laid out on demand, so a long article paints at once; the exact row count of a
long one is found in small steps between key presses. Rows are drawn from `Cell.text`
only (already sanitised) into cached strips; caret, selection and highlights are placed
through the cells' logical ranges and the layout's maps, never by guessing columns.

Annotation spans come from a `SpanIndex` and are styled per cell by `SpanLooks` (colour
per label, claims underlined with a gutter mark, the focused span reversed). A change to
spans redraws only the rows it touched: each row's cached strip is keyed by a version
that `spans_changed` bumps for those rows alone.

Rows are painted by `reader.ui.row_painter` (margin, text, gutter).
"""

from __future__ import annotations

import asyncio
import textwrap
import time
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from textual import events
from textual.actions import SkipAction
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.geometry import Offset, Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.editing import motion
from reader.editing.cursor import Cursor, changed_range
from reader.editing.edits import LamAlefSplits, next_focus
from reader.editing.span_index import SpanIndex
from reader.text.layout import Line, TextLayout
from reader.text.sanitise import sanitise
from reader.text.shaping import DisplayOptions, ShapeCache
from reader.text.words import sentence_at, word_at
from reader.ui.article_keys import ARTICLE_KEYS
from reader.ui.highlights import Highlight, HighlightLayer
from reader.ui.row_painter import (
    GUTTER,
    MARGIN,
    Row,
    RowStyles,
    paint_message,
    paint_plain,
    paint_row,
)

if TYPE_CHECKING:  # (imported when first needed, not before the first paint)
    from reader.editing.visual_selection import Edges
    from reader.ui.annotations import SpanLooks

EXACT_COUNT_LIMIT = 20_000  # characters: shorter documents are counted before the first paint
FIRST_PAINT_PREFIX = 4_096  # characters of a long document laid out for its first paint, at least
ESTIMATE_SAMPLE = 65_536  # characters in which paragraphs are counted for the first estimate
COUNT_SLICE = 0.004  # seconds of row counting at a time ...
COUNT_REST = 0.004  # ... then this long for everything else (keys, painting)


def _rows_estimate(text: str, width: int) -> int:
    """Rows a document will take, guessed without laying anything out: a row per `width`
    characters plus one per paragraph (for its last, short row), paragraphs counted in the
    first `ESTIMATE_SAMPLE` characters (counting a long document's every newline before the
    first paint cost a quarter of laying out its first screen)."""
    sample = min(len(text), ESTIMATE_SAMPLE) or 1
    paragraphs = text.count("\n", 0, sample) * len(text) // sample
    return len(text) // width + paragraphs + 1


class ArticleView(ScrollView, can_focus=True, inherit_bindings=False):
    """One document, laid out right-to-left where it reads so, with a caret and a selection."""

    ALLOW_SELECT = False  # our own selection, in logical ranges, not Textual's screen selection

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-view--caret",
        "article-view--selection",
        "article-view--marker",
        "article-view--search-hit",
        "article-view--gutter",
        "article-view--message",
    }

    BINDINGS: ClassVar[list[BindingType]] = ARTICLE_KEYS

    class CaretMoved(Message):
        """The caret or the selection changed."""

        def __init__(self, view: ArticleView, caret: int, selection: tuple[int, int] | None):
            super().__init__()
            self.view = view
            self.caret = caret
            self.selection = selection

    def __init__(
        self,
        options: DisplayOptions | None = None,
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.options = options or DisplayOptions()
        self._shapes = ShapeCache(self.options)
        self._text = ""
        self._message: str | None = None  # shown instead of a document (e.g. why it cannot be read)
        self._layout: TextLayout | None = None
        self._partial = False  # the layout holds only the first paragraphs (first paint)
        self._rows: int | None = None  # exact row count, once known
        self._estimate = 0
        self._cache: LRUCache[tuple[object, ...], Strip] = LRUCache(1024)
        self._frame: tuple[Style, int] | None = None  # base style and width while a frame renders
        self._generation = 0  # bumped when anything drawn other than caret and selection changes
        self._layers: dict[str, HighlightLayer] = {}
        self.spans = (
            SpanIndex()
        )  # the document's annotation spans (the app keeps it in step with the store)
        self.looks: SpanLooks | None = None
        self.focused_span: str | None = (
            None  # the span Tab focused: drawn reversed, the target of x and edges
        )
        self._row_versions: dict[int, int] = {}  # bumped for the rows a span change touched
        self.cursor = Cursor()
        self._edges: Edges | None = None  # a selection being extended sideways on one row
        self._splits = LamAlefSplits()  # where a lam-alef shows as two cells
        self._caret_row = 0
        self._caret_column = 0
        self._drag_origin: int | None = None
        self._focus_before_click: str | None = None

    # -- the document ------------------------------------------------------------------------------

    @property
    def text(self) -> str:
        """The document's text (logical order)."""
        return self._text

    @property
    def caret(self) -> int:
        """The caret's logical index."""
        return self.cursor.caret

    @property
    def text_layout(self) -> TextLayout | None:
        """The layout of the whole document (None before the view has a size)."""
        return self._ensure_layout()

    def load(self, text: str, caret: int = 0, message: str | None = None) -> None:
        """Show `text` with the caret at `caret`; `message` replaces it when there is no text."""
        self._text = text
        self._message = None if message is None else sanitise(message)
        self._layers = {}
        self.spans = SpanIndex()
        self.focused_span = None
        self._row_versions.clear()
        self._splits = LamAlefSplits(text)
        self._layout = None
        self._partial = False
        self.cursor.reset(len(text), caret)
        self._generation += 1
        self._cache.clear()
        self.scroll_to(0, 0, animate=False, immediate=True)
        if self._ensure_layout(full=False) is not None:
            self._scroll_to_caret()
        self.refresh()
        self._post_caret()

    def set_options(self, options: DisplayOptions) -> None:
        """Draw with other display options (the marks key): laid out again, same offsets."""
        self.options = options
        self._shapes = ShapeCache(options)
        self._layout = None
        self._cache.clear()
        self._generation += 1
        if self._ensure_layout(full=False) is not None:
            self._scroll_to_caret()
        self.refresh()

    def on_mount(self) -> None:
        # Without colour a selection is underlined as well (see reader.tcss).
        self.set_class(self.app.no_color, "-no-color")

    def on_resize(self, event: events.Resize) -> None:
        if self._ensure_layout(full=False) is not None:
            self._scroll_to_caret()

    def _layout_width(self) -> int:
        width = self._frame[1] if self._frame else self.scrollable_content_region.width
        return max(1, width - MARGIN - GUTTER)

    def _ensure_layout(self, full: bool = True) -> TextLayout | None:
        """The layout at the view's current width, made anew when the width changed.

        The first layout of a long document holds only its first paragraphs (their rows
        are the same as in the whole layout): enough to paint at once. The whole layout
        follows right after the first paint, or now when `full` is asked for.
        """
        if not self.size.width:
            return None
        width = self._layout_width()
        layout = self._layout
        if layout is None or layout.width != width:
            text = self._text
            prefix = max(FIRST_PAINT_PREFIX, 2 * width * self.size.height)  # two screens' worth
            cut = text.find("\n", prefix) if layout is None and not full else -1
            self._partial = len(text) > EXACT_COUNT_LIMIT and self.caret < prefix and cut != -1
            layout = self._layout = TextLayout(
                text[:cut] if self._partial else text,
                width,
                self.options,
                self._shapes,
                self._splits.wanted(self.caret, self.selection, len(self._text)),
            )
            self._cache.clear()
            self._rows = None
            if len(text) <= EXACT_COUNT_LIMIT:
                self._rows = layout.row_count
            else:
                self._estimate = _rows_estimate(text, width)
                # After the first paint: the rest competes with painting for the event loop.
                self.call_after_refresh(self._complete, layout)
            self._update_virtual_size()
            self._caret_row, self._caret_column = layout.locate(self.caret)
        if full and self._partial:
            self._complete(layout)
            layout = self._layout
        return layout

    def _complete(self, layout: TextLayout) -> None:
        """Lay out the whole document if only its start was, then count its rows."""
        if layout is not self._layout:
            return
        if self._partial:
            self._partial = False
            layout = self._layout = TextLayout(
                self._text,
                layout.width,
                self.options,
                self._shapes,
                self._splits.wanted(self.caret, self.selection, len(self._text)),
            )
            self._cache.clear()
        if self._rows is None:
            self.run_worker(self._count_rows(layout), group="count-rows", exclusive=True)

    async def _count_rows(self, layout: TextLayout) -> None:
        """Lay out every paragraph a slice at a time, resting between slices so key presses
        and painting never wait more than a slice."""
        started = time.perf_counter()
        for i in range(len(layout.paragraphs)):
            layout.paragraph(i)
            if i % 8 == 0 and time.perf_counter() - started > COUNT_SLICE:
                await asyncio.sleep(COUNT_REST)
                if layout is not self._layout:
                    return
                started = time.perf_counter()
        if layout is self._layout:
            self._rows = layout.row_count
            self._update_virtual_size()

    @property
    def row_count(self) -> int:
        """Rows of the document: exact once counted, else the best guess so far."""
        layout = self._layout or self._ensure_layout(full=False)
        if layout is None:
            return 0
        if self._rows is not None:
            return self._rows
        return max(self._estimate, layout.rows_known())

    def paragraph_of(self, index: int) -> int:
        """The paragraph (0-based) holding logical `index`, without waiting for a full layout."""
        layout = self._layout or self._ensure_layout(full=False)
        return layout.paragraph_of(index) if layout is not None else 0

    @property
    def rows_exact(self) -> bool:
        """Whether `row_count` is the exact count (long documents are counted after painting)."""
        return self._rows is not None

    def _update_virtual_size(self) -> None:
        rows = self.row_count if self._message is None else len(self._message_lines())
        size = Size(self.scrollable_content_region.width, rows)
        if size != self.virtual_size:
            self.virtual_size = size

    # -- highlights (search hits) and annotation spans --------------------------------------

    def set_highlights(
        self, layer: str, highlights: list[Highlight], changed: list[tuple[int, int]] | None = None
    ) -> None:
        """Replace the highlights of one layer ("search", "spans", ...) and redraw: every row,
        or with `changed` (the logical ranges whose highlights differ) only the rows over them."""
        if highlights:
            self._layers[layer] = HighlightLayer(highlights)
        else:
            self._layers.pop(layer, None)
        if changed is None:
            self._generation += 1
            self.refresh()
        else:
            self._rows_changed(changed)

    def set_focus_layer(self, layer: str, highlights: list[Highlight]) -> None:
        """Replace a layer drawn over every other (what the caret is in: a focused suggestion,
        a conflict's versions): it is set again last, and only the rows of its old and new
        highlights are drawn again."""
        old = self._layers.pop(layer, None)
        changed = [(h.start, h.end) for h in (*(old or ()), *highlights)]
        self.set_highlights(layer, highlights, changed)

    def set_spans(self, spans: SpanIndex, looks: SpanLooks) -> None:
        """Draw these spans (the open document's) with these looks."""
        self.spans, self.looks = spans, looks
        if self.focused_span not in spans:
            self.focused_span = None
        self._splits.spans_changed(spans)
        self._generation += 1
        self._update_splits()
        self.refresh()

    def _update_splits(self) -> None:
        """Lay out again the paragraphs whose lam-alef splits changed (rarely: only when an
        edge is between a lam and its alef)."""
        layout = self._layout
        if layout is None:
            return
        wanted = self._splits.wanted(self.caret, self.selection, len(layout.text))
        if wanted == layout.split_at:
            return
        layout.set_split_at(wanted)
        self._cache.clear()
        self._generation += 1
        if len(self._text) <= EXACT_COUNT_LIMIT:
            self._rows = layout.row_count  # a split can add a cell, and so a row
        self._locate_caret()
        self._update_virtual_size()
        self.refresh()

    def spans_changed(self, ranges: list[tuple[int, int]]) -> None:
        """Spans over these logical ranges were added, removed or changed: redraw their rows only."""
        if self._layout is None:
            return
        self._rows_changed(ranges)
        self._splits.spans_changed(self.spans)
        self._update_splits()

    def _rows_changed(self, ranges: list[tuple[int, int]]) -> None:
        """What is drawn over these logical ranges changed: redraw their rows only."""
        layout = self._ensure_layout() if self._layout is not None else None
        if layout is None:
            return
        for start, end in ranges:
            first, last = layout.locate(start)[0], layout.locate(end)[0]
            for row in range(first, last + 1):
                self._row_versions[row] = self._row_versions.get(row, 0) + 1
            self._refresh_rows(first, last)

    def focus_span(self, span_id: str | None) -> None:
        """Focus a span (drawn reversed; x, the edge keys and label keys act on it), or none."""
        if span_id == self.focused_span:
            return
        touched = [
            (s["start"], s["end"])
            for s in (self.spans.get(self.focused_span), self.spans.get(span_id))
            if s
        ]
        self.focused_span = span_id if span_id in self.spans else None
        self.spans_changed(touched)
        self._post_caret()

    def component_style(self, name: str) -> Style:
        """A component class's style alone, to add on top of a cell's."""
        return self.get_component_rich_style(name, partial=True)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._generation += 1
        self._cache.clear()

    # -- caret and selection -------------------------------------------------------------------

    @property
    def selection(self) -> tuple[int, int] | None:
        """The selected logical range [start, end), or None."""
        return self.cursor.selection

    def select(self, start: int, end: int, caret_at_end: bool = False) -> None:
        """Select [start, end); the caret goes to `start` (or `end`), the anchor to the other."""
        old_row, old_selection = self._caret_row, self.selection
        self.cursor.select(start, end, caret_at_end)
        self._edges = None
        self._unfocus()
        self._after_change(old_row, old_selection)

    def move_caret(self, index: int, select: bool = False, keep_column: bool = False) -> None:
        """Put the caret at logical `index`; with `select`, extend the selection to it."""
        old_row, old_selection = self._caret_row, self.selection
        self.cursor.move(index, select, keep_column)
        self._edges = None
        self._unfocus()
        self._after_change(old_row, old_selection)

    def _unfocus(self) -> None:
        """The caret moved: the span focus ends (Tab focuses again)."""
        if self.focused_span is not None:
            span = self.spans.get(self.focused_span)
            self.focused_span = None
            if span is not None:
                self.spans_changed([(span["start"], span["end"])])

    def _locate_caret(self) -> None:
        layout = self._ensure_layout()
        if layout is not None:
            self._caret_row, self._caret_column = layout.locate(self.caret)

    def _after_change(self, old_row: int, old_selection: tuple[int, int] | None) -> None:
        layout = self._ensure_layout()
        if layout is None:
            return
        self._update_splits()
        self._locate_caret()
        self._refresh_rows(old_row, old_row)
        self._refresh_rows(self._caret_row, self._caret_row)
        new_selection = self.selection
        if new_selection != old_selection:
            changed = changed_range(old_selection, new_selection)
            if changed is not None:
                self._refresh_rows(layout.locate(changed[0])[0], layout.locate(changed[1])[0])
        self._update_virtual_size()
        self._scroll_to_caret()
        self._post_caret()

    def _post_caret(self) -> None:
        self.post_message(self.CaretMoved(self, self.caret, self.selection))

    def _refresh_rows(self, first: int, last: int) -> None:
        top = round(self.scroll_offset.y)
        height = self.scrollable_content_region.height
        first, last = max(first, top), min(last, top + height - 1)
        if first <= last:
            self.refresh_lines(first, last - first + 1)

    def _scroll_to_caret(self) -> None:
        top = round(self.scroll_offset.y)
        height = max(1, self.scrollable_content_region.height)
        row = self._caret_row
        if row < top:
            self.scroll_to(y=row, animate=False, immediate=True)
        elif row >= top + height:
            self.scroll_to(y=row - height + 1, animate=False, immediate=True)

    # -- key actions ---------------------------------------------------------------------------------

    def _motion_layout(self) -> TextLayout | None:
        layout = self._ensure_layout()
        return None if layout is None or self._message is not None else layout

    def _sideways(self, step: int, by_word: bool, select: bool) -> None:
        """A cell or a word left (-1) or right (+1) on screen; with `select` the selection's
        moving edge goes there (see reader.editing.visual_selection)."""
        layout = self._motion_layout()
        if layout is None:
            return
        if select:
            from reader.editing.visual_selection import extend

            cursor = self.cursor
            anchor = cursor.caret if cursor.anchor is None else cursor.anchor
            moved = extend(layout, anchor, cursor.caret, self._edges, step, by_word)
            if moved is not None:
                edges, anchor, caret = moved
                if anchor == caret:
                    self.move_caret(caret)
                else:
                    self.select(min(anchor, caret), max(anchor, caret), caret_at_end=caret > anchor)
                self._edges = edges
                return
        move = motion.move_word if by_word else motion.move_visual
        self.move_caret(move(layout, self.caret, step), select)

    def action_cursor_left(self, select: bool = False) -> None:
        self._sideways(-1, False, select)

    def action_cursor_right(self, select: bool = False) -> None:
        self._sideways(+1, False, select)

    def action_word_left(self, select: bool = False) -> None:
        self._sideways(-1, True, select)

    def action_word_right(self, select: bool = False) -> None:
        self._sideways(+1, True, select)

    def _vertical(self, rows: int, select: bool) -> None:
        if layout := self._motion_layout():
            index, column = motion.move_vertical(layout, self.caret, rows, self.cursor.goal_column)
            self.move_caret(index, select, keep_column=True)
            self.cursor.goal_column = column

    def action_cursor_up(self, select: bool = False) -> None:
        self._vertical(-1, select)

    def action_cursor_down(self, select: bool = False) -> None:
        self._vertical(+1, select)

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def action_page_up(self, select: bool = False) -> None:
        self.scroll_to(
            y=max(0, round(self.scroll_offset.y) - self._page()), animate=False, immediate=True
        )
        self._vertical(-self._page(), select)

    def action_page_down(self, select: bool = False) -> None:
        self.scroll_to(y=round(self.scroll_offset.y) + self._page(), animate=False, immediate=True)
        self._vertical(+self._page(), select)

    def action_line_start(self, select: bool = False) -> None:
        if layout := self._motion_layout():
            self.move_caret(motion.line_start(layout, self.caret), select)

    def action_line_end(self, select: bool = False) -> None:
        if layout := self._motion_layout():
            self.move_caret(motion.line_end(layout, self.caret), select)

    def action_document_start(self, select: bool = False) -> None:
        self.move_caret(0, select)

    def action_document_end(self, select: bool = False) -> None:
        if layout := self._motion_layout():
            self._rows = layout.row_count  # lays out the rest now: the caret's row must be known
        self.move_caret(len(self._text), select)

    def action_select_word(self) -> None:
        word = word_at(self._text, self.caret)
        if word is not None:
            self.select(*word)

    def action_select_sentence(self) -> None:
        start, end = sentence_at(self._text, self.caret)
        if end > start:
            self.select(start, end)

    def action_clear_selection(self) -> None:
        if self.cursor.anchor is not None or self.focused_span is not None:
            self.move_caret(self.caret)

    def action_copy(self) -> None:
        """Copy the selection, else the focused span, to the system clipboard (OSC 52: works over SSH)."""
        focused = self.spans.get(self.focused_span)
        chosen = self.selection or (None if focused is None else (focused["start"], focused["end"]))
        if chosen is None:
            self.notify("Nothing to copy: select some text, or focus a span with Tab", timeout=2)
            return
        self.app.copy_to_clipboard(self._text[chosen[0] : chosen[1]])
        self.notify(f"Copied {chosen[1] - chosen[0]} characters", timeout=2)

    def action_focus_span(self, step: int) -> None:
        """Tab: focus the next span under the caret (ending any selection); with none there, Tab
        moves between panes."""
        here = self.spans.at(self.caret)
        if not here:
            raise SkipAction()
        following = next_focus(here, self.focused_span, step)
        if self.selection is not None:  # the focused span, not a selection, is what keys act on now
            self.move_caret(self.caret)
        self.focus_span(following)

    # -- mouse -----------------------------------------------------------------------------------------

    def index_at_offset(self, offset: Offset) -> int:
        """The logical index under a point of the content area (scrolling included)."""
        layout = self._ensure_layout()
        if layout is None or self._message is not None:
            return 0
        row = offset.y + round(self.scroll_offset.y)
        column = offset.x - MARGIN
        return motion.index_at(layout, row, column)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        if event.button != 1:
            return
        offset = event.get_content_offset(self)
        if offset is None:
            return
        self.focus()
        index = self.index_at_offset(offset)
        # A click where the caret already is goes on to the next span there (see on_click).
        self._focus_before_click = self.focused_span if index == self.caret else None
        if event.shift:
            self.move_caret(index, select=True)
        else:
            self.move_caret(index)
        self._drag_origin = index
        self.capture_mouse()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._drag_origin is None or not event.button:
            return
        layout = self._ensure_layout()
        if layout is not None:
            index = self.index_at_offset(event.get_content_offset_capture(self))
            start, end, at_end = motion.drag_range(layout, self._drag_origin, index)
            self.select(start, end, caret_at_end=at_end)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._drag_origin is not None:
            self._drag_origin = None
            self.release_mouse()

    def on_click(self, event: events.Click) -> None:
        if event.chain == 1 and self.selection is None and not event.shift:
            here = self.spans.at(self.caret)  # a click on a span focuses it, as Tab does
            if here:
                self.focus_span(next_focus(here, self._focus_before_click, 1))
        elif event.chain == 2:
            offset = event.get_content_offset(self)
            if offset is not None:
                word = word_at(self._text, self.index_at_offset(offset))
                if word is not None:
                    self.select(*word)

    # -- drawing ----------------------------------------------------------------------------------------

    def _message_lines(self) -> list[str]:
        """The message shown instead of a document, wrapped to the view."""
        return textwrap.wrap(self._message or "", max(8, self._layout_width())) or [""]

    def render_lines(self, crop: Region) -> list[Strip]:
        # The base style and the width once a frame, not once a row (each walks the DOM).
        self._frame = (self.rich_style, self.scrollable_content_region.width)
        try:
            return super().render_lines(crop)
        finally:
            self._frame = None

    def render_line(self, y: int) -> Strip:
        base, width = self._frame or (self.rich_style, self.scrollable_content_region.width)
        row = round(self.scroll_offset.y) + y
        layout = self._ensure_layout(full=False)
        if layout is None:
            return Strip.blank(width, base)
        if self._message is not None:
            style = self.component_style("article-view--message")
            return paint_message(self._message_lines(), row, width, base, style)
        layout.line(row)
        if row >= layout.rows_known():
            return Strip.blank(width, base)  # (or not laid out yet, for the first paint)
        line = layout.line(row)
        caret_column = self._caret_column if row == self._caret_row else None
        selection = self.selection
        if selection is not None and not (selection[0] <= line.end and selection[1] > line.start):
            selection = None
        elif selection is not None:
            selection = (max(selection[0], line.start), min(selection[1], line.end + 1))
        key = (
            row,
            width,
            caret_column,
            selection,
            self._generation,
            self._row_versions.get(row, 0),
        )
        strip = self._cache.get(key)
        if strip is None:
            strip = self._cache[key] = self._draw(
                layout, line, width, caret_column, selection, base
            )
        return strip

    def _draw(
        self,
        layout: TextLayout,
        line: Line,
        width: int,
        caret_column: int | None,
        selection: tuple[int, int] | None,
        base: Style,
    ) -> Strip:
        line_end = max(line.end, line.start + 1)
        highlights = [
            h for layer in self._layers.values() for h in layer.overlapping(line.start, line_end)
        ]
        spans = self.spans.overlapping(line.start, line_end) if self.looks is not None else []
        if not (highlights or spans or selection or caret_column is not None):
            plain = paint_plain(line, width, base)
            if plain is not None:
                return plain
        styles = RowStyles(
            base,
            *(
                self.component_style(f"article-view--{name}")
                for name in ("marker", "selection", "gutter", "caret")
            ),
        )
        row = Row(layout, line, width, caret_column, selection)
        return paint_row(row, styles, highlights, spans, self.looks, self.focused_span)
