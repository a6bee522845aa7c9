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
from bisect import bisect_right
from collections.abc import Iterator
from typing import NamedTuple

from reader.text.bidi import REMOVED_BY_X9, line_levels, reorder, resolve_levels
from reader.text.shaping import DisplayOptions, ShapeCache, WordShape

# Paragraph separators (bidi class B) and break spaces (where a line may wrap).
PARAGRAPH_SEPARATORS = "\n\r\x1c\x1d\x1e\x85\u2029"
_PARAGRAPHS = re.compile(f"[{PARAGRAPH_SEPARATORS}]")
_BREAK_SPACES = " \t\u1680\u2000-\u2006\u2008-\u200a\u205f\u3000"
_TOKENS = re.compile(f"[^{_BREAK_SPACES}]+|[{_BREAK_SPACES}]+")
_WIDE_SPACES = {"\u3000": 2}


class Cell(NamedTuple):
    """One drawn unit: its text, width in cells (0 for hanging space), logical range, level."""

    text: str
    width: int
    start: int
    end: int
    level: int
    marker: bool = False  # a stand-in for a control or bidi mark: draw it dim


class _Token(NamedTuple):
    start: int  # absolute logical index
    text: str
    shape: WordShape | None  # None for a run of break spaces


def paragraph_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph; `end` is the separator's index (or len(text))."""
    ranges = []
    start = 0
    for match in _PARAGRAPHS.finditer(text):
        ranges.append((start, match.start()))
        start = match.end()
    ranges.append((start, len(text)))
    return ranges


class Line:
    """One screen line: a logical range of one paragraph, drawn as cells from `offset` on."""

    __slots__ = ("paragraph", "start", "end", "level", "offset", "width", "_para", "_tokens", "_hang", "_cells", "_columns", "_cell_of")

    def __init__(self, para: ParagraphLayout, start: int, end: int, tokens: range, hang: int, width: int) -> None:
        self._para = para
        self.paragraph = para.index
        self.start = start  # first logical index on the line
        self.end = end  # one past the last
        self.level = para.level  # the paragraph's embedding level: odd is right-to-left
        self._tokens = tokens
        self._hang = hang  # whitespace from here to `end` hangs (width 0)
        self.width = width  # cells drawn
        self.offset = 0  # columns of padding before the first cell (alignment)
        self._cells: list[Cell] | None = None
        self._columns: list[int] | None = None
        self._cell_of: list[int] | None = None

    @property
    def rtl(self) -> bool:
        return self.level % 2 == 1

    def _logical_clusters(self) -> tuple[list[tuple[int, int, str, str, int, bool]], bytearray]:
        para = self._para
        out = []
        for t in self._tokens:
            token = para.tokens[t]
            base = token.start
            if token.shape is None:
                tab = para.options.tab_width
                for k, char in enumerate(token.text):
                    index = base + k
                    if index < self.start or index >= self.end:
                        continue
                    if index >= self._hang:
                        out.append((index, index + 1, "", "", 0, False))
                    else:
                        width = _space_width(char, tab)
                        out.append((index, index + 1, " " * width, " " * width, width, False))
                continue
            for c in token.shape.clusters:
                start = base + c.start
                if self.start <= start < self.end:
                    out.append((start, base + c.end, c.text, c.mirrored, c.width, c.marker))
        lo = self.start - para.start
        hi = self.end - para.start
        levels = line_levels(para.classes[lo:hi], para.levels[lo:hi], para.level)
        return out, levels

    @property
    def cells(self) -> list[Cell]:
        """The cells in screen order, left to right."""
        if self._cells is None:
            clusters, levels = self._logical_clusters()
            lo = self.start
            cluster_levels = [levels[c[0] - lo] for c in clusters]
            order = reorder(cluster_levels) if self._para.options.reorder else range(len(clusters))
            cells = []
            for i in order:
                start, end, text, mirrored, width, marker = clusters[i]
                level = cluster_levels[i]
                cells.append(Cell(mirrored if level % 2 else text, width, start, end, level, marker))
            self._cells = cells
        return self._cells

    @property
    def text(self) -> str:
        """What the line draws, left to right, without the alignment padding."""
        if self._cells is None and self._para.options.reorder:
            fast = self._uniform_text()
            if fast is not None:
                return fast
        return "".join(cell.text for cell in self.cells)

    def _uniform_text(self) -> str | None:
        """The line's text from whole shaped words, when every character has one level."""
        para = self._para
        lo = self.start - para.start
        hi = self.end - para.start
        if hi == lo:
            return ""
        shown = self._hang - para.start
        levels = para.levels[lo:shown]
        first = para.level
        if levels.count(first) != shown - lo or any(code in para.classes[lo:hi] for code in REMOVED_BY_X9):
            return None
        parts = []
        tab = para.options.tab_width
        for t in self._tokens:
            token = para.tokens[t]
            if token.start < self.start or token.start + len(token.text) > self.end:
                return None
            if token.shape is None:
                visible = token.text[: max(0, self._hang - token.start)]
                parts.append("".join(" " * _space_width(c, tab) for c in visible))
            else:
                parts.append(token.shape.rtl_text if first % 2 else token.shape.ltr_text)
        if first % 2:
            parts.reverse()
        return "".join(parts)

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
        if k is not None and (self.cells[k].width or self.cells[k].marker):
            return self.columns[k]
        if self.rtl and self._para.options.reorder:
            return self.offset - 1
        return self.offset + self.width

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
        past_left = column < columns[drawn[0]]
        rtl = self.rtl and self._para.options.reorder
        if past_left == rtl:  # beyond the logical end
            return self._hang if self._hang < self.end else self.end if self.end == self._para.end else cells[drawn[-1] if not rtl else drawn[0]].start
        return self.start


class ParagraphLayout:
    """One paragraph's levels, shaped words and lines at a given width."""

    def __init__(self, index: int, text: str, start: int, end: int, width: int, options: DisplayOptions, shapes: ShapeCache) -> None:
        self.index = index
        self.start = start
        self.end = end
        self.options = options
        direction = options.direction
        default = 0 if direction == "ltr" else 1  # a paragraph with no strong letter reads RTL
        self.level, self.levels, self.classes = resolve_levels(text[start:end], direction, default)
        if not options.reorder:
            self.levels = bytes(len(self.levels))  # logical order: the terminal reorders
        self.tokens = [
            _Token(m.start(), m.group(), None if m.group()[0] in _SPACE_SET else shapes(m.group()))
            for m in _TOKENS.finditer(text, start, end)
        ]
        self.lines = self._wrap(max(1, width))
        if options.reorder:
            for line in self.lines:
                line.offset = width - line.width if self.level % 2 else 0
                line.offset = max(0, line.offset)

    def _wrap(self, width: int) -> list[Line]:
        lines: list[Line] = []
        tab = self.options.tab_width
        line_start, first_token = self.start, 0
        used = shown = 0  # cells used on the line; cells up to its last word
        full = False  # spaces ran past the margin: the next word starts a new line
        hang = self.end  # where trailing spaces stop fitting on the last line

        def close(end: int, last_token: int, hang: int, drawn: int) -> None:
            lines.append(Line(self, line_start, end, range(first_token, last_token), hang, drawn))

        for t, token in enumerate(self.tokens):
            if token.shape is None:
                hang = self.end
                for k, char in enumerate(token.text):
                    w = _space_width(char, tab)
                    if full or used + w > width:
                        full, hang = True, min(hang, token.start + k)
                    else:
                        used += w
                continue
            w = token.shape.width
            if not full and used + w <= width:
                used = shown = used + w
                continue
            if used > 0 or full:  # the word goes to a new line; the spaces before it hang
                close(token.start, t, self._hang_start(t, token.start), shown)
                line_start, first_token, used, shown, full = token.start, t, 0, 0, False
            if w <= width:
                used = shown = w
                continue
            for c in token.shape.clusters:  # a word wider than the line breaks between clusters
                if used + c.width > width and used > 0:
                    close(token.start + c.start, t + 1, token.start + c.start, used)
                    line_start, first_token, used = token.start + c.start, t, 0
                used += c.width
            shown = used
        trailing = self.tokens and self.tokens[-1].shape is None
        close(self.end, len(self.tokens), hang if trailing else self.end, used)
        return lines

    def _hang_start(self, t: int, word_start: int) -> int:
        """Where the run of spaces before token `t` begins (it hangs at the line's end)."""
        if t > 0 and self.tokens[t - 1].shape is None:
            return self.tokens[t - 1].start
        return word_start


def _space_width(char: str, tab: int) -> int:
    return tab if char == "\t" else _WIDE_SPACES.get(char, 1)


_SPACE_SET = frozenset(" \t\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000")


class TextLayout:
    """A whole document laid out at one width, paragraph by paragraph, on demand."""

    def __init__(self, text: str, width: int, options: DisplayOptions | None = None, shapes: ShapeCache | None = None) -> None:
        self.text = text
        self.width = max(1, width)
        self.options = options or DisplayOptions()
        self.shapes = shapes if shapes is not None and shapes.options == self.options else ShapeCache(self.options)
        self.paragraphs = paragraph_ranges(text)
        self._starts = [start for start, _ in self.paragraphs]
        self._laid: list[ParagraphLayout | None] = [None] * len(self.paragraphs)
        self._first_row = [0]  # first row of each paragraph laid out so far, in order

    def paragraph(self, i: int) -> ParagraphLayout:
        """Paragraph `i`, laid out (and every paragraph before it, to know its rows)."""
        while len(self._first_row) <= i:
            k = len(self._first_row) - 1
            self._first_row.append(self._first_row[k] + len(self._layout(k).lines))
        return self._layout(i)

    def _layout(self, i: int) -> ParagraphLayout:
        laid = self._laid[i]
        if laid is None:
            start, end = self.paragraphs[i]
            laid = self._laid[i] = ParagraphLayout(i, self.text, start, end, self.width, self.options, self.shapes)
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
        return self._first_row[k] + (len(self._laid[k].lines) if self._laid[k] else 0)

    def line(self, row: int) -> Line:
        """The line at screen row `row` (lays out paragraphs up to it)."""
        while self.rows_known() <= row and len(self._first_row) < len(self.paragraphs):
            self.paragraph(len(self._first_row))
        self.paragraph(len(self._first_row) - 1)
        k = bisect_right(self._first_row, row) - 1
        lines = self.paragraph(k).lines
        return lines[min(row - self._first_row[k], len(lines) - 1)]

    def lines(self) -> Iterator[Line]:
        for i in range(len(self.paragraphs)):
            yield from self.paragraph(i).lines

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

    def row_of(self, index: int) -> int:
        return self.locate(index)[0]

    def index_at(self, row: int, column: int) -> int:
        """The logical index drawn at (row, column); the nearest one past an edge."""
        row = max(0, min(row, self.row_count - 1))
        return self.line(row).index_at(column)
