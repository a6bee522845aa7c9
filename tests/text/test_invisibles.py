"""Default-ignorable characters take no cell and still do their job; explicit bidi controls
stay visible; `DisplayOptions(marks=True)` shows every invisible character as a marker."""

import pytest

from reader.text.layout import TextLayout
from reader.text.shaping import DisplayOptions, shape_word

SHOWN = DisplayOptions()
MARKS = DisplayOptions(marks=True)
INVISIBLE = {
    "\u200e": "LRM",
    "\u200f": "RLM",
    "\u061c": "ALM",
    "\u200d": "ZWJ",
    "\u200c": "ZWNJ",
    "\u2060": "WJ",
    "\u200b": "ZWSP",
    "\u00ad": "SHY",
    "\ufeff": "ZWNBSP",
}
EXPLICIT = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def one_line(text, options=SHOWN, width=80):
    [line] = TextLayout(text, width, options).lines()
    return line


def test_zwj_before_a_letter_makes_it_final():
    assert shape_word("\u200d\u0628", SHOWN).ltr_text == "\ufe90"


def test_zwj_pair_between_reh_and_qaf_makes_qaf_medial():
    shape = shape_word("\u0631\u200d\u200d\u0642\u0644", SHOWN)
    assert shape.ltr_text == "\ufead\ufed8\ufede"  # reh isolated, qaf medial, lam final
    assert shape.width == 3


def test_zwnj_stops_joining_and_takes_no_cell():
    shape = shape_word("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", SHOWN)  # می‌خواهم
    assert shape.ltr_text.startswith("\ufee3\ufbfd")  # meem initial, yeh final: the join stops
    assert shape.width == 7


@pytest.mark.parametrize("char", list(INVISIBLE))
def test_invisible_characters_take_no_cell(char):
    text = f"كتب{char} الكاتب"
    line = one_line(text)
    assert char not in line.text
    assert line.width == one_line(text.replace(char, "")).width
    assert line.text == "".join(cell.text for cell in line.cells)
    assert sorted(i for cell in line.cells for i in range(cell.start, cell.end)) == list(
        range(len(text))
    )  # still in a cell: the maps know where it is


@pytest.mark.parametrize("char", list(INVISIBLE))
def test_marks_option_shows_every_invisible_character(char):
    text = f"كتب{char} الكاتب"
    line = one_line(text, MARKS)
    [marker] = [cell for cell in line.cells if cell.start == 3]
    assert marker.marker and marker.width == 1 and char not in marker.text
    assert line.width == one_line(text.replace(char, ""), MARKS).width + 1


@pytest.mark.parametrize("char", list(EXPLICIT))
def test_explicit_embeddings_and_isolates_stay_visible(char):
    text = f"abc {char}def"
    for options in (SHOWN, MARKS):
        line = one_line(text, options)
        [marker] = [cell for cell in line.cells if cell.start == 4]
        assert marker.marker and marker.width == 1


def test_rlm_still_orders():
    ltr = DisplayOptions(direction="ltr")
    # without the RLM the full stop follows the paragraph (left to right): after alef
    assert one_line("abc \u0627.", ltr).text == "abc \ufe8d."
    # with it, the full stop sits between two right-to-left characters and goes with them
    line = one_line("abc \u0627.\u200f", ltr)
    assert line.text == "abc .\ufe8d" and line.width == 6


def test_caret_on_an_rlm_goes_to_a_neighbouring_cell():
    text = "نص\u200f نص"
    layout = TextLayout(text, 20)
    line = layout.line(0)
    row, column = layout.locate(2)
    assert row == 0
    assert column in {line.columns[line.cell_index(1)], line.columns[line.cell_index(4)]}


def test_words_that_start_with_lrm_lay_out_as_plain_right_to_left_text():
    # NewsFANE puts an LRM before every Arabic token (so an "auto" paragraph reads left to
    # right, as UAX #9 says: the LRM is its first strong character)
    text = "\u200eقال \u200eالرئيس \u200e( \u200eد \u200eب \u200eا \u200e)"
    assert not one_line(text).rtl
    rtl = DisplayOptions(direction="rtl")
    line = one_line(text, rtl)
    assert "\u200e" not in line.text
    plain = one_line(text.replace("\u200e", ""), rtl)
    assert line.text == plain.text
    assert line._uniform_text() == line.text  # the fast path still applies


def test_terminal_bidi_mode_passes_invisible_characters_on_without_a_cell():
    # with --bidi terminal the terminal shapes and reorders: ZWNJ and RLM are its instructions
    terminal = DisplayOptions(shaping=False, reorder=False)
    for text in [
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
        "abc \u0627.\u200f",
        "\u200fنص",
    ]:
        line = one_line(text, terminal)
        assert line.text == text
        assert line.width == len(text) - 1
