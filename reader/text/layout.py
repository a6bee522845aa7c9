"""Laying out a document for a terminal: paragraphs, wrapping, reordering, cells and maps.

A paragraph's levels are resolved once (UAX #9). It is wrapped in logical order at break
spaces, measured in the cells of what will be drawn, a word wider than the line broken
between clusters. Each line is then reordered on its own (L1, L2; clusters keep their marks,
L3; mirrored glyphs at odd levels, L4). The result is a list of `Cell`s in screen order,
each with the logical range it stands for, and from it both maps: logical index to
(row, column) and (row, column) to logical index. `reader cat` and the app both draw these.

Whitespace where a line wraps hangs past the margin: its cells have width 0 and draw nothing.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from itertools import accumulate, pairwise
from operator import itemgetter
from typing import NamedTuple

from reader.text._joining_data import COMBINING_MARKS
from reader.text.bidi import line_levels, reorder, resolve_levels
from reader.text.joining import LAM
from reader.text.shaping import HIDDEN, DisplayOptions, ShapeCache, shape_word

# Paragraph separators (bidi class B) and break spaces (where a line may wrap).
PARAGRAPH_SEPARATORS = "\n\r\x1c\x1d\x1e\x85\u2029"
_WIDE_SPACES = {"\u3000": 2}


class Cell(NamedTuple):
    """One drawn unit: its text, width in cells (0 for hanging space), logical range, level."""

    text: str
    width: int
    start: int
    end: int
    level: int
    marker: bool = False  # a stand-in for a control or bidi mark: draw it dim


def paragraph_starts(text: str) -> list[int]:
    """Where each paragraph starts, then len(text) + 1: paragraph `i` runs from `starts[i]` to
    its separator at `starts[i + 1] - 1` (the text's end for the last)."""
    if any(separator in text for separator in PARAGRAPH_SEPARATORS[1:]):
        parts = re.split(f"[{PARAGRAPH_SEPARATORS}]", text)  # (compiled on first use: rare)
    else:  # the usual case, and `str.split` is several times faster than the pattern
        parts = text.split("\n")
    return list(accumulate(map(_PLUS_ONE, map(len, parts)), initial=0))


class Paragraphs:
    """(start, end) of each paragraph, `end` the separator's index (or len(text)); made from
    the starts when asked, as a 1 MB article has thousands and a screen shows a few."""

    __slots__ = ("_starts",)

    def __init__(self, starts: list[int]) -> None:
        self._starts = starts

    def __len__(self) -> int:
        return len(self._starts) - 1

    def __getitem__(self, i: int) -> tuple[int, int]:
        count = len(self._starts) - 1
        if not -count <= i < count:
            raise IndexError(i)
        i %= count
        return self._starts[i], self._starts[i + 1] - 1

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return ((start, next_start - 1) for start, next_start in pairwise(self._starts))


class Line:
    """One screen line: a logical range of one paragraph, drawn as cells from `offset` on."""

    __slots__ = (
        "_cell_of",
        "_cells",
        "_columns",
        "_hang",
        "_para",
        "_words",
        "end",
        "level",
        "offset",
        "paragraph",
        "start",
        "width",
    )

    def __init__(
        self, para: ParagraphLayout, start: int, end: int, words: range, hang: int, width: int
    ) -> None:
        self._para = para
        self.paragraph = para.index
        self.start = start  # first logical index on the line
        self.end = end  # one past the last
        self.level = para.level  # the paragraph's embedding level: odd is right-to-left
        self._words = words  # the paragraph's words that have a character on this line
        self._hang = hang  # whitespace from here to `end` hangs past the margin (width 0)
        self.width = width  # cells drawn
        self.offset = 0  # columns of padding before the first cell (alignment)
        self._cells: list[Cell] | None = None
        self._columns: list[int] | None = None
        self._cell_of: list[int] | None = None

    @property
    def rtl(self) -> bool:
        """Right-to-left: right-aligned, its logical end on the left (never when the
        terminal does the bidi: the paragraph level is then 0)."""
        return self.level % 2 == 1

    def _logical_clusters(self) -> list[tuple[int, int, str, str, int, bool]]:
        para = self._para
        start, end, hang = self.start, self.end, self._hang
        out = []
        for k in self._words:
            base = para.starts[k]
            for c in para.shapes[k].clusters:
                at = base + c.start
                if start <= at < end:
                    out.append((at, base + c.end, c.text, c.mirrored, c.width, c.marker))
            gap = base + len(para.words[k])
            if start <= gap < end and gap < para.end:
                if gap >= hang:
                    out.append((gap, gap + 1, "", "", 0, False))
                else:
                    width = para.gap_width(k)
                    out.append((gap, gap + 1, " " * width, " " * width, width, False))
        return out

    def _visual(
        self,
    ) -> tuple[list[tuple[int, int, str, str, int, bool]], list[int], Sequence[int]]:
        """The line's clusters in logical order, their levels after L1, and the screen order."""
        para = self._para
        clusters = self._logical_clusters()
        if not para.options.reorder:
            return clusters, [0] * len(clusters), range(len(clusters))
        lo, hi = self.start - para.start, self.end - para.start
        levels = line_levels(para.classes[lo:hi], para.levels[lo:hi], para.level)
        start = self.start
        cluster_levels = [levels[c[0] - start] for c in clusters]
        return clusters, cluster_levels, reorder(cluster_levels)

    @property
    def cells(self) -> list[Cell]:
        """The cells in screen order, left to right."""
        if self._cells is None:
            clusters, levels, order = self._visual()
            cells = []
            for i in order:
                start, end, text, mirrored, width, marker = clusters[i]
                level = levels[i]
                cells.append(
                    Cell(mirrored if level % 2 else text, width, start, end, level, marker)
                )
            self._cells = cells
        return self._cells

    @property
    def plain(self) -> bool:
        """Whether every cell is drawn as text alone: no marker (a control or bidi mark shown
        as a symbol) among its words, each one cell per character or mark cluster. Such a line
        can be painted from `text` without building its cells. Never when the terminal does
        the bidi: invisible characters are then sent in the text but take no cell."""
        para = self._para
        shapes = para.shapes
        return para.options.reorder and all(shapes[k].built is None for k in self._words)

    @property
    def text(self) -> str:
        """What the line draws, left to right, without the alignment padding."""
        if self._cells is not None:
            return "".join(cell.text for cell in self._cells)
        fast = self._uniform_text()
        return fast if fast is not None else self._unit_text()

    def _unit_text(self) -> str:
        """The text without cells, run by run: a run of one level is drawn from whole shaped
        words where it holds them (a word moves as a block under L2), cluster by cluster
        only where a level change or the line's edge cuts a word."""
        para = self._para
        start, end = self.start, self.end
        if not para.options.reorder:
            return self._run_text(start, end, False)
        lo, hi = start - para.start, end - para.start
        levels = line_levels(para.classes[lo:hi], para.levels[lo:hi], para.level)
        runs = [m.span() for m in _RUNS.finditer(levels)]
        text = para.text
        if any(
            _takes_no_cell(text[start + a - 1]) or _takes_no_cell(text[start + a])
            for a, _ in runs[1:]
        ):
            # A level changes at an invisible character or a mark (LRM, a hidden harakah after
            # it): the cells, which have none for it, make the runs; follow them.
            return "".join(cell.text for cell in self.cells)
        texts = [self._run_text(start + a, start + b, levels[a] % 2 == 1) for a, b in runs]
        order = reorder([levels[a] for a, _ in runs])
        return "".join([texts[i] for i in order])

    def _run_text(self, a: int, b: int, odd: bool) -> str:
        """What logical range [a, b) of this line, all at one level, draws."""
        para = self._para
        starts, words, shapes, hang = para.starts, para.words, para.shapes, self._hang
        units: list[str] = []  # in logical order, each already drawn at the run's level
        k = max(0, bisect_right(starts, a) - 1)
        n = len(words)
        while k < n and starts[k] < b:
            head = starts[k]
            tail = head + len(words[k])
            if a <= head and tail <= b:
                last = k  # the run's whole words from k on, joined at once where they can be
                if para.seps is None:
                    last = max(k, bisect_right(starts, min(b - 1, hang)) - 1)
                    while last > k and starts[last] + len(words[last]) > b:
                        last -= 1
                if odd:
                    units.append(" ".join(para.texts(True)[k : last + 1][::-1]))
                else:
                    units.append(" ".join(para.texts(False)[k : last + 1]))
                k = last
                tail = starts[k] + len(words[k])
            elif head < b and tail > a:
                for c in shapes[k].clusters:
                    if a <= head + c.start < b:
                        units.append(c.mirrored if odd else c.text)
            if a <= tail < b and tail < para.end:
                units.append("" if tail >= hang else " " * para.gap_width(k))
            k += 1
        if odd:
            units.reverse()
        return "".join(units)

    def _uniform_text(self) -> str | None:
        """The text from whole shaped words, when every word is drawn at one level and every
        space between them at the paragraph's (most lines: Arabic prose with a number or a
        Latin name in it): the words in paragraph order, each drawn its own way. None when
        the line is not like that."""
        para = self._para
        if not para.options.reorder or para.seps is not None:
            return None
        words = self._words
        if not words or para.starts[words[0]] != self.start:
            return None
        last = words[-1]
        if para.starts[last] + len(para.words[last]) > self.end:  # a word split across lines
            return None
        drawn = range(words[0], words[-1] + 1)
        while len(drawn) > 1 and para.starts[drawn[-1]] - 1 >= self._hang:  # its space hangs
            drawn = drawn[:-1]
        level, levels, odd = para.level, para.levels, para.level % 2 == 1
        lo, shown = self.start - para.start, self._hang - para.start
        texts = para.texts(odd)[drawn.start : drawn.stop]
        if levels.count(level, lo, shown) != shown - lo:
            hi = self.end - para.start  # rule L1 can move a line's last characters: apply it
            line = bytes(line_levels(para.classes[lo:hi], levels[lo:hi], level))
            starts, base = para.starts, self.start
            for match in _OFF_LEVEL[level].finditer(line, 0, shown - lo):
                a, b = match.span()
                k = bisect_right(starts, base + a) - 1  # one whole word, all at one level
                if starts[k] != base + a or starts[k] + len(para.words[k]) != base + b:
                    return None
                if line.count(line[a], a, b) != b - a:
                    return None
                texts[k - drawn.start] = para.texts(line[a] % 2 == 1)[k]
        if odd:
            texts.reverse()
        return " ".join(texts)

    @property
    def columns(self) -> list[int]:
        """The screen column of each cell's left edge, alignment included."""
        if self._columns is None:
            column = self.offset
            columns = []
            for cell in self.cells:
                columns.append(column)
                column += cell.width
            self._columns = columns
        return self._columns

    def cell_index(self, index: int) -> int | None:
        """Which cell draws logical `index`, or None if it is not on this line."""
        if not self.start <= index < self.end:
            return None
        if self._cell_of is None:
            cell_of = [0] * (self.end - self.start)
            for k, cell in enumerate(self.cells):
                for i in range(cell.start, cell.end):
                    cell_of[i - self.start] = k
            self._cell_of = cell_of
        return self._cell_of[index - self.start]

    def column_of(self, index: int) -> int | None:
        """The screen column of the character at `index`. `end`, and whitespace hanging past
        the margin, give the column just past the line's logical end (left of it for
        right-to-left). None if `index` is not on this line."""
        k = None if index == self.end else self.cell_index(index)
        if k is None and index != self.end:
            return None
        if k is not None and (self.cells[k].width or self.cells[k].marker or index < self._hang):
            return self.columns[k]  # an invisible character: where its neighbour is drawn
        return self.offset - 1 if self.rtl else self.offset + self.width

    def index_at(self, column: int) -> int:
        """The logical index drawn at `column`; past the line's logical end, the end (or the
        hanging space where the line wraps); past its start, the first character."""
        cells, columns = self.cells, self.columns
        drawn = [k for k, cell in enumerate(cells) if cell.width]
        if not drawn:
            return self.start
        for k in drawn:
            if columns[k] <= column < columns[k] + cells[k].width:
                return cells[k].start
        if (column < columns[drawn[0]]) != self.rtl:  # before the logical start
            return self.start
        if self._hang < self.end:  # where the line wraps
            return self._hang
        if self.end == self._para.end:  # after the paragraph's last character
            return self.end
        return cells[drawn[0] if self.rtl else drawn[-1]].start  # a word broken across lines


class ParagraphLayout:
    """One paragraph's levels, shaped words and lines at a given width.

    The paragraph is held as words and the single break spaces between them: `words[k]`
    starts at `starts[k]`, and the break space after it is `seps[k]` (always " " when
    `seps` is None, the common case). Runs of spaces show up as empty words.
    """

    def __init__(
        self,
        index: int,
        text: str,
        start: int,
        end: int,
        width: int,
        options: DisplayOptions,
        shapes: ShapeCache,
        split_at: frozenset[int] = frozenset(),
    ) -> None:
        self.index = index
        self.text = text  # the whole document's (not a copy): `text[start:end]` is this one
        self.start = start
        self.end = end
        self.options = options
        self.seps: list[str] | None = None
        self._texts: tuple[list[str], list[str]] | None = None
        body = text[start:end]
        if not body:  # an empty paragraph: one empty line
            self.level = 0 if options.direction == "ltr" or not options.reorder else 1
            self.levels, self.classes = b"", ""
            self.words, self.starts, self.shapes = [""], [start], [shapes("")]
            self.lines = [Line(self, start, end, range(1), end, 0)]
            self.lines[0].offset = width if self.level % 2 else 0
            return
        default = 0 if options.direction == "ltr" else 1  # no strong letter: right to left
        self.words = body.split(" ")
        self.shapes = shapes.many(self.words)
        # the paragraph's bidi classes from its words' (most words were seen before)
        cls = "W".join(map(_CLASSES, self.shapes))
        if "WM" in cls or "S" in cls or cls.count("W") != len(self.words) - 1:
            # a space before a combining mark (bidi class NSM), a tab or other separator
            # (S), or whitespace other than U+0020 (W): the general split decides the breaks
            parts = _breaks().split(body)
            self.words, self.seps = parts[0::2], parts[1::2]
            self.shapes = shapes.many(self.words)
        self.starts = list(accumulate(map(_PLUS_ONE, map(len, self.words[:-1])), initial=start))
        self.level, self.levels, self.classes = resolve_levels(
            body, options.direction, default, cls
        )
        if not options.reorder:
            self.level = 0  # logical order, left-aligned: the terminal reorders and aligns
        if split_at:
            self._split(split_at)
        if not options.marks and any(map(_LEADS, self.shapes)):  # invisible characters
            self._lead_levels()
        self.lines = self._wrap(max(1, width))
        if self.level % 2:
            for line in self.lines:
                line.offset = max(0, width - line.width)

    def texts(self, odd: bool) -> list[str]:
        """Each word's drawn text at an even level (left to right) or an odd one."""
        if self._texts is None:
            self._texts = (list(map(_LTR, self.shapes)), list(map(_RTL, self.shapes)))
        return self._texts[odd]

    def _split(self, split_at: frozenset[int]) -> None:
        """Shape again the words with a forced boundary inside (a lam-alef cut in two)."""
        inside: dict[int, set[int]] = {}
        for edge in split_at:
            k = bisect_right(self.starts, edge) - 1
            if k >= 0 and 0 < edge - self.starts[k] < len(self.words[k]):
                inside.setdefault(k, set()).add(edge - self.starts[k])
        for k, edges in inside.items():
            if LAM in self.words[k]:
                self.shapes[k] = shape_word(self.words[k], self.options, frozenset(edges))

    def _lead_levels(self) -> None:
        """An invisible character is drawn with the character its cluster draws: give it
        that character's level, so a line of words with LRMs in them stays one run."""
        levels = bytearray(self.levels)
        for k, shape in enumerate(self.shapes):
            if shape.leads:
                base = self.starts[k] - self.start
                for position, lead in shape.leads:
                    levels[base + position] = levels[base + lead]
        self.levels = bytes(levels)

    def _wrap_plain(self, width: int, widths: list[int]) -> list[Line]:
        """`_wrap` for the common paragraph (single spaces, no empty word, every word fits
        a line): each line's last word found by bisection on the running widths."""
        ends = list(accumulate(map(_PLUS_ONE, widths)))  # cells to the end of each word's space
        starts, words = self.starts, self.words
        lines: list[Line] = []
        first, base, n = 0, 0, len(widths)
        while True:
            last = bisect_right(ends, base + width + 1, first) - 1
            if last == n - 1:
                lines.append(
                    Line(
                        self,
                        starts[first],
                        self.end,
                        range(first, n),
                        self.end,
                        ends[last] - base - 1,
                    )
                )
                return lines
            end = starts[last] + len(words[last])
            lines.append(
                Line(
                    self,
                    starts[first],
                    starts[last + 1],
                    range(first, last + 1),
                    end,
                    ends[last] - base - 1,
                )
            )
            first, base = last + 1, ends[last]

    def gap_width(self, k: int) -> int:
        """Cells of the break space after word `k` (a tab is `tab_width` spaces)."""
        if self.seps is None:
            return 1
        char = self.seps[k]
        return self.options.tab_width if char == "\t" else _WIDE_SPACES.get(char, 1)

    def _wrap(self, width: int) -> list[Line]:
        widths = list(map(_WIDTH, self.shapes))
        if self.seps is None and 0 not in widths and max(widths) <= width:
            return self._wrap_plain(width, widths)
        lines: list[Line] = []
        starts, words = self.starts, self.words
        line_start = self.start
        first = last = 0  # the line's first word; its last non-empty word
        used = shown = 0  # cells used on the line; cells up to the end of its last word
        full = False  # spaces ran past the margin: the next word starts a new line

        def close(end: int, upto: int, hang: int, drawn: int) -> None:
            lines.append(Line(self, line_start, end, range(first, upto), hang, drawn))

        gaps = (
            [1] * len(widths)
            if self.seps is None
            else [self.gap_width(k) for k in range(len(self.seps))]
        )
        for i, w in enumerate(widths):
            gap = gaps[i - 1] if i > first else 0
            if not full and used + gap + w <= width:
                used += gap + w
                if w:
                    shown, last = used, i
                continue
            if w == 0 and i > first:  # an extra space past the margin hangs
                full = True
                continue
            if i > first:  # word i goes to a new line; the spaces before it hang
                hang = starts[last] + len(words[last]) if widths[last] else line_start
                close(starts[i], i, hang, shown)
                line_start, first, last, used, shown, full = starts[i], i, i, 0, 0, False
            if w <= width:
                used = shown = w
                last = i
                continue
            for c in self.shapes[i].clusters:  # a word wider than the line breaks between clusters
                if used + c.width > width and used > 0:
                    cut = starts[i] + c.start
                    close(cut, i + 1, cut, used)
                    line_start, first, used = cut, i, 0
                used += c.width
            shown, last = used, i
        hang = self.end
        if full:
            hang = starts[last] + len(words[last]) if widths[last] else line_start
        close(self.end, len(widths), hang, shown if full else used)
        return lines


# A line may break at a space, never before a combining mark (Tanzil writes hair space +
# superscript alef inside a word) and always at a tab.
_SPACES = " \u1680\u2000-\u2006\u2008-\u200a\u205f\u3000"


@cache
def _breaks() -> re.Pattern[str]:
    """The breaks of a paragraph with tabs, other spaces or a mark after a space (rare: the
    pattern, with every combining mark in it, costs milliseconds to compile)."""
    return re.compile(f"(\t|[{_SPACES}](?![{COMBINING_MARKS}]))")


_PLUS_ONE = (1).__add__
_LTR, _RTL, _WIDTH = itemgetter(0), itemgetter(1), itemgetter(2)  # WordShape fields
_CLASSES, _LEADS = itemgetter(4), itemgetter(6)  # WordShape.classes, .leads
_AHEAD = 65_536  # characters of text shaped in one batch when laying out every line
_OFF_LEVEL = (re.compile(rb"[^\x00]+"), re.compile(rb"[^\x01]+"))  # by paragraph level
_RUNS = re.compile(rb"(.)\1*", re.DOTALL)  # runs of one embedding level


def _takes_no_cell(char: str) -> bool:
    """An invisible character or a combining mark: never a cell of its own at its level."""
    return char in HIDDEN or unicodedata.category(char) in ("Mn", "Me")


class TextLayout:
    """A whole document laid out at one width, paragraph by paragraph, on demand."""

    def __init__(
        self,
        text: str,
        width: int,
        options: DisplayOptions | None = None,
        shapes: ShapeCache | None = None,
        split_at: Iterable[int] = (),
    ) -> None:
        self.text = text
        self.width = max(2, width)  # room for any one cluster (an emoji is 2 cells)
        self.options = options or DisplayOptions()
        self.shapes = (
            shapes
            if shapes is not None and shapes.options == self.options
            else ShapeCache(self.options)
        )
        starts = paragraph_starts(text)
        self.paragraphs = Paragraphs(starts)
        self._starts = starts  # (and len(text) + 1 last, past every index)
        self._laid: list[ParagraphLayout | None] = [None] * len(self.paragraphs)
        self._first_row = [0]  # first row of each paragraph laid out so far, in order
        self.split_at: frozenset[int] = frozenset(split_at)
        self._ahead = 0  # paragraphs up to this one have had their words shaped in a batch

    def set_split_at(self, edges: Iterable[int]) -> None:
        """Force cluster boundaries at these logical offsets (span, selection and caret
        edges): a lam-alef with an edge between lam and alef is drawn as two cells, lam
        joined to alef, so the edge shows. Only paragraphs whose edges changed are laid out
        again; their `Line` objects (and the rows after them) must be fetched anew."""
        edges = frozenset(edges)
        changed = edges ^ self.split_at
        self.split_at = edges
        if not changed:
            return
        first = len(self._laid)
        for edge in changed:
            p = self.paragraph_of(edge)
            self._laid[p] = None
            first = min(first, p)
        del self._first_row[first + 1 :]

    def paragraph(self, i: int) -> ParagraphLayout:
        """Paragraph `i`, laid out (and every paragraph before it, to know its rows)."""
        while len(self._first_row) <= i:
            k = len(self._first_row) - 1
            self._first_row.append(self._first_row[k] + len(self._layout(k).lines))
        return self._layout(i)

    def _layout(self, i: int) -> ParagraphLayout:
        laid = self._laid[i]
        if laid is None:
            if i >= self._ahead:
                self._shape_ahead(i)
            start, end = self.paragraphs[i]
            edges = (
                frozenset(e for e in self.split_at if start < e < end)
                if self.split_at
                else self.split_at
            )
            laid = self._laid[i] = ParagraphLayout(
                i, self.text, start, end, self.width, self.options, self.shapes, edges
            )
        return laid

    def paragraph_of(self, index: int) -> int:
        """The paragraph holding logical `index` (a separator belongs to the one it ends)."""
        return max(0, bisect_right(self._starts, index) - 1)

    def first_row(self, paragraph: int) -> int:
        self.paragraph(paragraph)
        return self._first_row[paragraph]

    @property
    def row_count(self) -> int:
        """All rows (lays out the whole document)."""
        last = len(self.paragraphs) - 1
        return self.first_row(last) + len(self.paragraph(last).lines)

    def rows_known(self) -> int:
        """Rows of the paragraphs laid out so far, without laying out more."""
        k = len(self._first_row) - 1
        laid = self._laid[k]
        return self._first_row[k] + (len(laid.lines) if laid is not None else 0)

    def line(self, row: int) -> Line:
        """The line at screen row `row` (lays out paragraphs up to it)."""
        while self.rows_known() <= row and len(self._first_row) < len(self.paragraphs):
            self.paragraph(len(self._first_row))
        self.paragraph(len(self._first_row) - 1)
        k = bisect_right(self._first_row, row) - 1
        lines = self.paragraph(k).lines
        return lines[min(row - self._first_row[k], len(lines) - 1)]

    def lines(self) -> Iterator[Line]:
        """Every line in order (lays out the whole document)."""
        for i in range(len(self.paragraphs)):
            yield from self.paragraph(i).lines

    def _shape_ahead(self, i: int) -> None:
        """Shape the words of the paragraphs from `i` on, some 64 KB of text, in one batch:
        shaping many new words at once is cheaper, and paragraphs are mostly laid out in
        order (a document read or printed from its start)."""
        start = self.paragraphs[i][0]
        last = bisect_right(self._starts, start + _AHEAD, i + 1, len(self.paragraphs))
        self.shapes.prepare(
            self.text[start : self.paragraphs[last - 1][1]].replace("\n", " ").split(" ")
        )
        self._ahead = last

    def locate(self, index: int) -> tuple[int, int]:
        """(row, column) where the caret at logical `index` is drawn."""
        index = max(0, min(index, len(self.text)))
        p = self.paragraph_of(index)
        para = self.paragraph(p)
        row = self._first_row[p]
        for line in para.lines:
            if line.start <= index < line.end or (index >= line.end and line is para.lines[-1]):
                column = line.column_of(min(index, line.end))
                return row, (column if column is not None else line.offset)
            row += 1
        raise AssertionError("unreachable: the last line takes what is left")

    def index_at(self, row: int, column: int) -> int:
        """The logical index drawn at (row, column); the nearest one past an edge."""
        row = max(0, min(row, self.row_count - 1))
        return self.line(row).index_at(column)
