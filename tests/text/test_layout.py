"""reader.text.layout.TextLayout: paragraphs wrapped in logical order at spaces, each line
reordered on its own, drawn as cells in screen order, and both maps between logical indices
and (row, column)."""

import itertools
import unicodedata

import pytest
from rich.cells import cell_len

from reader.text.layout import TextLayout
from reader.text.shaping import DisplayOptions

MIXED = "قال الرئيس أردوغان (Erdoğan) في عام ٢٠١٩ إنّ سنة 2019 كانت «صعبةً» [جداً] لِلاقتصاد."
NEWS = (
    "ذكرت السلطات يوم السبت أنّ ٣٨٤ شخصاً على الأقل لقوا مصرعهم عندما اصطدمت أمواج عاتية "
    "بالشواطئ، وقال المتحدث سوتوبو بورو نوجروو (Sutopo Purwo Nugroho) إنّ العدد قد يرتفع."
)
LTR_TEXT = "The minister Ahmed Aboul Gheit said: «لا تعليق» before leaving (at 10:30)."
DIGITS_ONLY = "١٢٣ - 456 (789)"


def lines(text, width, options=None):
    return list(TextLayout(text, width, options).lines())


def cells_text(line):
    return "".join(cell.text for cell in line.cells)


# -- alignment and direction ------------------------------------------------------------------


@pytest.mark.parametrize("width", [20, 33, 60, 200])
def test_rtl_paragraph_lines_are_right_aligned(width):
    for line in lines(NEWS, width):
        assert line.rtl
        assert line.offset == width - line.width
        assert line.width == sum(cell.width for cell in line.cells) <= width


@pytest.mark.parametrize("width", [20, 60])
def test_ltr_paragraph_lines_are_left_aligned(width):
    for line in lines(LTR_TEXT, width):
        assert not line.rtl and line.offset == 0


def test_empty_paragraph_is_one_empty_line():
    layout = TextLayout("سطر\n\nسطر آخر", 20)
    assert layout.row_count == 3
    empty = layout.line(1)
    assert (empty.start, empty.end, empty.text, empty.cells, empty.width) == (4, 4, "", [], 0)
    assert TextLayout("", 20).row_count == 1
    assert next(iter(TextLayout("", 20).lines())).text == ""


def test_paragraph_with_no_strong_letter_reads_right_to_left():
    [line] = lines(DIGITS_ONLY, 40)
    assert line.rtl
    assert line.text == "(789) 456 - ١٢٣"  # the first number at the right, brackets mirrored
    [numbers] = lines("123 456", 10)
    assert numbers.rtl and numbers.text == "456 123" and numbers.offset == 3


def test_first_strong_letter_decides_the_direction():
    assert lines(LTR_TEXT, 100)[0].rtl is False
    assert lines("«Erdoğan» قال", 100)[0].rtl is False
    assert lines("(٢٠١٩) قال Erdoğan", 100)[0].rtl is True


def test_forced_direction():
    [ltr] = lines(NEWS, 400, DisplayOptions(direction="ltr"))
    assert not ltr.rtl and ltr.offset == 0
    assert (
        ltr.cells[-1].start == len(NEWS) - 1
    )  # the final full stop goes to the LTR end, the right
    [rtl] = lines("plain English", 40, DisplayOptions(direction="rtl"))
    assert rtl.rtl and rtl.offset == 40 - 13 and rtl.text == "plain English"
    [empty] = lines("", 10, DisplayOptions(direction="ltr"))
    assert not empty.rtl


def test_forced_ltr_puts_the_first_arabic_word_at_the_left():
    [line] = lines("سلام عليكم", 40, DisplayOptions(direction="ltr"))
    # two RTL words at level 1 inside an LTR paragraph: the run is still reversed as a whole
    assert not line.rtl and line.offset == 0
    starts = [c.start for c in line.cells]
    assert starts == sorted(starts, reverse=True) and starts[-1] == 0


# -- wrapping -----------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [8, 13, 21, 40])
def test_wrapping_happens_at_spaces_only(width):
    laid = lines(NEWS, width)
    assert len(laid) > 1
    for before, after in itertools.pairwise(laid):
        assert before.end == after.start
        if NEWS[after.start - 1] != " ":  # only inside a word wider than the line
            word = NEWS[NEWS.rindex(" ", 0, after.start) + 1 : NEWS.index(" ", after.start)]
            assert cell_len(word) > width, word
    assert laid[0].start == 0 and laid[-1].end == len(NEWS)


def test_a_word_wider_than_the_line_breaks_between_clusters():
    word = "اِسْتِقْلالُالبِلادِوَالعِبادِ"  # harakat and two lam-alefs in one long word
    text = "كلمة " + word + " أخرى"
    laid = lines(text, 5)
    assert all(line.width <= 5 for line in laid)
    start = text.index(word)
    inside = [line for line in laid if start < line.start < start + len(word)]
    assert inside, "the long word was not broken"
    for line in inside:
        # the break falls between clusters: never before a mark, never between lam and alef
        assert unicodedata.category(text[line.start]) != "Mn"
        assert not (text[line.start - 1] == "ل" and text[line.start] == "ا")
    drawn = sorted(i for line in laid for c in line.cells for i in range(c.start, c.end))
    assert drawn == list(range(len(text)))


def test_hanging_spaces_at_a_wrap_have_width_zero():
    text = "ذهب الولد    إلى المدرسة"
    laid = lines(text, 10)
    first = laid[0]
    hanging = [c for c in first.cells if text[c.start] == " " and c.start >= text.index("الولد")]
    assert hanging and all(c.width == 0 and c.text == "" for c in hanging)
    assert first.width == cell_len(first.text) == len("ذهب الولد")
    assert first.offset == 10 - first.width


# -- reordering -----------------------------------------------------------------------------------


def test_latin_word_inside_an_rtl_line_reads_left_to_right():
    [line] = lines(MIXED, 200)
    text = line.text
    assert "Erdoğan" in text
    assert "2019" in text and "٢٠١٩" in text
    starts = [c.start for c in line.cells if MIXED[c.start] in "Erdoğan"]
    name = MIXED.index("Erdoğan")
    assert [s for s in starts if name <= s < name + 7] == list(range(name, name + 7))


def test_arabic_words_run_right_to_left():
    [line] = lines(MIXED, 200)
    qal = [c for c in line.cells if c.start < 3]
    assert [c.start for c in qal] == [2, 1, 0]  # the first word is drawn at the right end
    assert line.cells[-1].start == 0


def test_brackets_inside_arabic_are_mirrored():
    [line] = lines(MIXED, 200)
    by_start = {c.start: c for c in line.cells}
    for opening, closing in (("(", ")"), ("«", "»"), ("[", "]")):
        o, c = MIXED.index(opening), MIXED.index(closing)
        assert by_start[o].level % 2 == 1
        assert by_start[o].text == closing and by_start[c].text == opening
        # on screen the opening bracket is right of its closing one, and each points inward
    text = line.text
    assert "(Erdoğan)" in text and "[ﺍًﺪﺟ]" in text


def test_brackets_in_an_ltr_paragraph_are_not_mirrored():
    [line] = lines(LTR_TEXT, 200)
    assert "(at 10:30)." in line.text
    assert "«" in line.text and "»" in line.text
    assert line.text.index("«") < line.text.index("»")


def test_numbers_keep_their_digit_order():
    [line] = lines("دفع 1,250.75 دولاراً في ٢٠٢٤/٠٣/١٢ عند الساعة 10:30", 200)
    assert "1,250.75" in line.text and "10:30" in line.text
    assert "٢٠٢٤/٠٣/١٢" in line.text


def test_harakat_follow_their_letter_on_screen():
    [line] = lines("مُحَمَّدٌ", 20)
    for cell in line.cells:
        assert unicodedata.category(cell.text[0]) != "Mn"
    assert [c.start for c in line.cells] == [7, 4, 2, 0]


def test_harakat_hidden_changes_no_offset():
    shown = lines(MIXED, 30)
    hidden = lines(MIXED, 30, DisplayOptions(harakat=False))
    assert [(line.start, line.end) for line in shown] == [(line.start, line.end) for line in hidden]
    for a, b in zip(shown, hidden, strict=False):
        assert [(c.start, c.end) for c in a.cells] == [(c.start, c.end) for c in b.cells]
        assert not any(unicodedata.category(ch) == "Mn" for ch in b.text)


def test_no_reordering_keeps_logical_order():
    options = DisplayOptions(reorder=False)
    for text in (MIXED, NEWS, DIGITS_ONLY):
        laid = lines(text, 1000, options)
        [line] = laid
        assert line.offset == 0 and not line.rtl
        assert line.text == text
        assert [c.start for c in line.cells] == sorted(c.start for c in line.cells)


def test_no_reordering_still_wraps_at_spaces():
    laid = lines(NEWS, 30, DisplayOptions(reorder=False))
    assert "".join(NEWS[line.start : line.end] for line in laid) == NEWS
    for line in laid:
        assert line.offset == 0 and cell_len(line.text) <= 30
        assert line.text == NEWS[line.start : line.end].rstrip(" ")


# -- tabs and controls -------------------------------------------------------------------------


def test_tabs_expand_to_tab_width():
    [line] = lines("a\tb", 20)
    assert line.text == "a    b" and line.width == 6
    [wide] = lines("a\tb", 20, DisplayOptions(tab_width=8))
    assert wide.text == "a" + " " * 8 + "b"
    [arabic] = lines("اسم\tقيمة", 20)
    assert "\t" not in arabic.text and arabic.width == 3 + 4 + 4
    assert arabic.offset == 20 - 11


def test_escape_sequences_never_appear_raw():
    text = "خبر \x1b[31mعاجل\x1b[0m: Erdoğan\x1b]0;title\x07 يصل \x9b2J و\x1b[2J\x00\x7f"
    for width in (5, 12, 80):
        for options in (
            DisplayOptions(),
            DisplayOptions(reorder=False),
            DisplayOptions(shaping=False),
        ):
            for line in lines(text, width, options):
                assert "\x1b" not in line.text
                for cell in line.cells:
                    assert not any(unicodedata.category(ch) == "Cc" for ch in cell.text), cell
                assert not any(unicodedata.category(ch) == "Cc" for ch in line.text)


def test_controls_are_marked():
    [line] = lines("نص\x1bنص", 20)
    [escape] = [c for c in line.cells if c.start == 2]
    assert escape.marker and escape.text == "\u241b"


def test_explicit_override_takes_effect_and_is_shown():
    text = "abc \u202exyz\u202c def"
    [line] = lines(text, 40)
    assert line.text == "abc \u21c7\u21a5zyx def"
    assert [c.marker for c in line.cells].count(True) == 2


def test_isolate_keeps_a_name_in_place_and_is_shown():
    text = "قال \u2066Erdoğan (TR)\u2069 نعم"
    [line] = lines(text, 40)
    assert "Erdoğan (TR)" in line.text
    markers = [c for c in line.cells if c.marker]
    assert sorted(c.start for c in markers) == [4, 17]


def test_rlm_is_shown_with_its_own_marker_when_marks_are_shown():
    marks = DisplayOptions(marks=True)
    text = "abc\u200fdef"
    [line] = lines(text, 20, marks)
    rlm = next(c for c in line.cells if c.start == 3)
    lrm_marker = lines("a\u200eb", 20, marks)[0].cells[1].text
    assert rlm.marker and rlm.text != lrm_marker


# -- the maps ---------------------------------------------------------------------------------


def test_clicking_each_column_gives_the_character_drawn_there():
    layout = TextLayout(MIXED, 200)
    line = layout.line(0)
    for cell, column in zip(line.cells, line.columns, strict=False):
        assert layout.index_at(0, column) == cell.start
        assert layout.locate(cell.start) == (0, column)


def test_emoji_takes_two_columns_that_both_map_back_to_it():
    text = "أعجبني المقال 👍 جداً"
    layout = TextLayout(text, 30)
    line = layout.line(0)
    thumb = text.index("👍")
    [cell] = [c for c in line.cells if c.start == thumb]
    column = layout.locate(thumb)[1]
    assert (
        cell.width == 2 and line.width == cell_len(line.text) == len(text) - 1 + 1
    )  # tanween 0, emoji 2
    assert layout.index_at(0, column) == layout.index_at(0, column + 1) == thumb
    assert layout.index_at(0, column + 2) != thumb and layout.index_at(0, column - 1) != thumb


def test_lam_alef_cell_answers_for_both_letters():
    text = "قالت لَا"
    layout = TextLayout(text, 20)
    la = text.index("لَا")
    assert layout.locate(la)[1] == layout.locate(la + 1)[1] == layout.locate(la + 2)[1]
    assert layout.index_at(*layout.locate(la + 2)) == la


def test_clicks_past_the_edges():
    text = "مرحبا بكم"
    layout = TextLayout(text, 20)
    line = layout.line(0)
    assert line.offset == 11
    assert layout.index_at(0, 0) == len(text)  # left of RTL text: its logical end
    assert layout.index_at(0, 30) == 0  # right of it: its start
    assert layout.locate(len(text)) == (0, 10)  # the caret at the end is left of the text
    assert layout.locate(0) == (0, 19)
    ltr = TextLayout("hello world", 20)
    assert ltr.index_at(0, 15) == 11 and ltr.locate(11) == (0, 11)


def test_caret_on_a_hanging_space_is_past_the_lines_logical_end():
    text = "ذهب الولد إلى المدرسة"
    layout = TextLayout(text, 10)
    first = layout.line(0)
    space = text.index(" إلى")
    assert layout.locate(space) == (0, first.offset - 1)


def test_rows_of_several_paragraphs():
    text = "الأولى\nSecond line\n\nالرابعة"
    layout = TextLayout(text, 20)
    assert layout.row_count == 4
    assert [layout.paragraph_of(i) for i in (0, 6, 7, 19, 20)] == [0, 0, 1, 2, 3]
    assert layout.locate(text.index("Second"))[0] == 1
    assert layout.locate(text.index("الرابعة"))[0] == 3
    assert layout.line(3).rtl and not layout.line(1).rtl


def test_lines_break_at_other_spaces_and_tabs_but_not_at_a_figure_space():
    # A thin space (U+2009), an ideographic space (U+3000) and a tab are break spaces, found
    # from each paragraph's bidi classes; a figure space (U+2007) inside a number is not one.
    text = "قالَ\u2009الوزيرُ\nالوزيرُ\u3000Ahmed\nAhmed\tإنّ\nإنّ ١٢\u2007٣٤٥"
    starts = [line.start for line in TextLayout(text, 7).lines()]
    breaks = [
        text.index(word, text.index(sep))
        for sep, word in [("\u2009", "الوزيرُ"), ("\u3000", "Ahmed"), ("\t", "إنّ")]
    ]
    assert set(breaks) <= set(starts)
    number = text.index("١٢")
    assert number in starts and number + 3 not in starts  # one line holds ١٢ ٣٤٥


@pytest.mark.parametrize(
    "separator", ["\n", "\r", "\x1c", "\x1d", "\x1e", "\x85", "\u2029"], ids=repr
)
def test_paragraphs_end_at_every_bidi_paragraph_separator(separator):
    # Each one ends a paragraph (bidi class B); with only "\n" the text takes a faster path.
    text = f"قالَ المتحدثُ{separator}Stéphane Dujarric\n\nفي عام ٢٠٢٠ 🙂{separator}"
    layout = TextLayout(text, 30)
    ends = [i for i, char in enumerate(text) if char in f"\n{separator}"]
    starts = [0, *(end + 1 for end in ends)]
    expected = list(zip(starts, [*ends, len(text)], strict=True))
    assert list(layout.paragraphs) == expected
    assert [layout.paragraphs[i] for i in range(len(expected))] == expected
    assert layout.paragraphs[-1] == (len(text), len(text))  # after the last separator
    assert layout.paragraphs[-len(expected)] == expected[0]
    with pytest.raises(IndexError):
        layout.paragraphs[len(expected)]
    assert layout.paragraph_of(text.index("Dujarric")) == 1


def test_caret_on_an_empty_rtl_paragraph_is_on_screen():
    layout = TextLayout("سطر\n\nسطر", 20)
    row, column = layout.locate(4)
    assert row == 1 and 0 <= column < 20


# -- consistency between the fast text path and the cells ---------------------------------------


def test_flags_do_not_overflow_the_line():
    for line in lines("🇸🇦🇪🇬🇲🇦🇹🇷🇫🇷🇩🇿 " * 3, 8):
        assert cell_len(line.text) <= 8


def test_line_separator_is_made_visible():
    [line] = lines("سطر\u2028آخر", 20)
    assert "\u2028" not in line.text
    assert cell_len(line.text) == line.width
