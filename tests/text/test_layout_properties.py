"""Properties of the layout on random mixed text at random widths (hypothesis).

Every character maps to exactly one cell and back; the lines of a paragraph cover it
exactly once, in order; no line is wider than the width; no grapheme cluster is split;
the fast text path draws exactly what the cells draw.
"""

import itertools

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.text.bidi import _resolve_rust, _resolve_simple, classes, paragraph_level
from reader.text.layout import TextLayout
from reader.text.shaping import DisplayOptions
from reader.text.words import grapheme_boundaries
from tests.helpers.mixed_text import PIECES, option_sets, texts

BREAK_SPACES = " \t\u3000"

edges = st.frozensets(st.integers(min_value=0, max_value=120), max_size=4)


@settings(max_examples=300, deadline=None)
@given(texts, st.integers(min_value=2, max_value=40), option_sets, edges)
# rule L1 puts a trailing control (BN) back at the paragraph level, apart from its word
@example("محمدمحمد\x07", 9, DisplayOptions(direction="ltr"), frozenset())
# a level change at an LRM and a hidden fatha, inside a word broken across lines
@example("Erdoğanمحمد\u200e\u064eمحمدمحمد", 2, DisplayOptions(harakat=False), frozenset())
@example("\u200c\u200cلا", 2, DisplayOptions(shaping=False, reorder=False), frozenset())
# trailing spaces, runs of spaces, a tab and an ideographic space, harakat over lam-alef
@example("سلام عليكم  ", 20, DisplayOptions(), frozenset())
@example("كلمة     أخرى a\tb ج\u3000د", 6, DisplayOptions(), frozenset())
@example("مُحَمَّدٌ لَا", 4, DisplayOptions(), frozenset())
def test_cells_cover_every_character_once_within_the_width(text, width, options, split_at):
    layout = TextLayout(text, width, options, split_at=split_at)
    lines = list(layout.lines())
    # the text drawn without cells (the fast paths), before any line has built its cells
    fast = [line.text for line in TextLayout(text, width, options, split_at=split_at).lines()]
    assert fast == ["".join(cell.text for cell in line.cells) for line in lines]
    for p, (start, end) in enumerate(layout.paragraphs):
        para_lines = [line for line in lines if line.paragraph == p]
        assert para_lines[0].start == start and para_lines[-1].end == end
        for before, after in itertools.pairwise(para_lines):
            assert before.end == after.start  # consecutive, no gap, no overlap
        # A break space is its own cluster: a mark right after one (a typo) is drawn on a
        # dotted circle at the start of the next word instead of on the space.
        body = text[start:end]
        bounds = set(grapheme_boundaries(body))
        bounds |= {k for i, char in enumerate(body) if char in BREAK_SPACES for k in (i, i + 1)}
        # a prepended mark (end of ayah) is a cell of its own before the number it prepends
        bounds |= {i + 1 for i, char in enumerate(body) if char == "\u06dd"}
        if options.marks:  # every invisible character is a marker of its own
            bounds |= {
                k for i, char in enumerate(body) if char in "\u200c\u200d" for k in (i, i + 1)
            }
        for line in para_lines:
            covered = sorted(i for cell in line.cells for i in range(cell.start, cell.end))
            assert covered == list(
                range(line.start, line.end)
            )  # each character in exactly one cell
            assert sum(cell.width for cell in line.cells) == line.width <= width
            assert line.offset + line.width <= width
            for cell in line.cells:
                assert (
                    cell.start - start in bounds and cell.end - start in bounds
                )  # no cluster split
                assert cell.width == 0 or cell.text
                assert "\x1b" not in cell.text and all(ord(c) >= 0x20 for c in cell.text)
            assert line.text == "".join(cell.text for cell in line.cells)


@settings(max_examples=200, deadline=None)
@given(texts, st.integers(min_value=2, max_value=40), edges)
def test_maps_go_from_index_to_cell_and_back(text, width, split_at):
    layout = TextLayout(text, width, split_at=split_at)
    for row, line in enumerate(layout.lines()):
        for k, cell in enumerate(line.cells):
            if cell.width == 0:
                # invisible characters or hanging space: the caret goes to a neighbour's
                # column, or just past the line's edge
                for i in range(cell.start, cell.end):
                    at_row, column = layout.locate(i)
                    assert at_row == row
                    assert column in (line.columns[k], line.offset - 1, line.offset + line.width)
                continue
            for i in range(cell.start, cell.end):
                assert line.cell_index(i) == k
                assert layout.locate(i) == (row, line.columns[k])
            for column in range(line.columns[k], line.columns[k] + cell.width):
                assert layout.index_at(row, column) == cell.start


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from([p for p in PIECES if p not in "\u202b\u202e\u202c\u2067\u2069\n\x85"]),
        min_size=1,
        max_size=30,
    ).map("".join),
    st.sampled_from([0, 1]),
)
def test_fast_levels_equal_the_rust_reference(text, level):
    cls = classes(text)
    keep = [i for i, code in enumerate(cls) if code not in "b"]
    kept = "".join(text[i] for i in keep)
    if not kept:
        return
    ours = _resolve_simple(kept, classes(kept), level)
    reference = _resolve_rust(kept, level)
    assert list(ours) == list(reference)


def test_paragraph_level_follows_p2_p3_and_isolates():
    assert paragraph_level(classes("abc محمد")) == 0
    assert paragraph_level(classes("محمد abc")) == 1
    assert paragraph_level(classes("\u2066محمد\u2069 abc")) == 0  # an isolate is skipped
    assert paragraph_level(classes("123 ..."), default=1) == 1  # no strong letter: the default
