"""Where lines may break (never before a combining mark) and forced cluster boundaries: a
span, selection or caret edge between lam and alef draws them as two cells."""

import pytest

from reader.text.layout import TextLayout
from reader.text.shaping import DisplayOptions

# Tanzil writes some superscript alefs as hair space + U+0670 + word joiner inside a word.
TANZIL = "بِسْمِ ٱللَّهِ ٱلرَّحْمَ\u200a\u0670\u2060نِ ٱلرَّحِيمِ"
DAGGER = TANZIL.index("\u0670")


@pytest.mark.parametrize("width", range(2, 40))
def test_no_line_breaks_before_a_combining_mark(width):
    layout = TextLayout(TANZIL, width)
    starts = {line.start for line in layout.lines()}
    assert DAGGER not in starts and DAGGER + 1 not in starts


def test_hair_space_dagger_alef_and_word_joiner_are_one_cell():
    line = TextLayout(TANZIL, 80).line(0)
    [cell] = [c for c in line.cells if c.start <= DAGGER < c.end]
    assert (cell.start, cell.end, cell.width) == (DAGGER - 1, DAGGER + 2, 1)
    assert cell.text == "\u200a\u0670"


def test_a_plain_space_before_a_mark_is_not_a_break_either():
    text = "قال \u0651الرئيس"
    for width in range(2, 12):
        assert text.index("\u0651") not in {line.start for line in TextLayout(text, width).lines()}


def cells(text, split_at=(), options=None):
    [line] = TextLayout(text, 80, options, split_at=split_at).lines()
    return sorted(((c.start, c.end, c.text) for c in line.cells), key=lambda c: c[0])


def test_lam_alef_is_one_cell_without_an_edge_inside():
    word = "الانتخابات"
    assert (1, 3, "\ufefb") in cells(word)
    assert (1, 3, "\ufefb") in cells(word, split_at={1, 3})  # edges around it: still one


def test_an_edge_between_lam_and_alef_splits_the_ligature():
    word = "الانتخابات"  # a span over انتخابات starts at the alef after the lam
    drawn = cells(word, split_at={2})
    assert drawn[:3] == [(0, 1, "\ufe8d"), (1, 2, "\ufedf"), (2, 3, "\ufe8e")]  # lam initial
    assert [c[2] for c in drawn[3:]] == [c[2] for c in cells(word)[2:]]  # the rest unchanged


def test_a_split_lam_after_a_joining_letter_is_medial():
    word = "الاتفاق"
    assert cells("سلام", split_at={2})[1:3] == [(1, 2, "\ufee0"), (2, 3, "\ufe8e")]
    assert (1, 3, "\ufefb") in cells(word)


def test_a_split_with_harakat_between_lam_and_alef():
    word = "لَا"
    assert cells(word) == [(0, 3, "\ufefb\u064e")]
    assert cells(word, split_at={2}) == [(0, 2, "\ufedf\u064e"), (2, 3, "\ufe8e")]


def test_set_split_at_relays_out_only_what_changed():
    text = "الاتفاق مهم\nالانتخابات غدا\nلا"
    layout = TextLayout(text, 40)
    first = layout.paragraph(0)
    second_row_count = layout.row_count
    edge = text.index("انتخابات")
    layout.set_split_at({edge})
    assert layout.paragraph(0) is first  # untouched
    line = layout.line(1)
    assert any(c.start == edge and c.end == edge + 1 for c in line.cells)
    assert layout.row_count == second_row_count
    layout.set_split_at(set())
    assert any(c.start == edge - 1 and c.end == edge + 1 for c in layout.line(1).cells)


def test_split_lines_still_fit_the_width():
    text = "الانتخابات " * 8
    edges = {i + 2 for i in range(0, len(text), 11)}
    for width in range(2, 30):
        layout = TextLayout(text, width, DisplayOptions(), split_at=edges)
        for line in layout.lines():
            assert line.width <= width
            assert line.text == "".join(c.text for c in line.cells)
