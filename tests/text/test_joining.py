"""Joining from Unicode's data for every Arabic-script letter (Kurdish, Urdu, Pashto...),
prepended marks that keep their number, and hiding vowels without hiding letters."""

import pytest

from reader.text.joining import joining_type
from reader.text.layout import TextLayout
from reader.text.shaping import DisplayOptions, shape_word

SHOWN = DisplayOptions()
NO_HARAKAT = DisplayOptions(harakat=False)
TERMINAL = DisplayOptions(shaping=False, reorder=False)


def texts(word, options=SHOWN):
    return [c.text for c in shape_word(word, options).clusters]


def test_kurdish_ae_lets_the_yeh_hamza_before_it_take_its_initial_form():
    # ئەم: ئ initial, ە (right-joining, no presentation forms) as itself, م isolated
    assert texts("\u0626\u06d5\u0645") == ["\ufe8b", "\u06d5", "\ufee1"]


def test_noon_ghunna_pair_joins_even_without_an_initial_form():
    # ں has isolated and final forms only: the first prints as itself, the second is final
    assert texts("\u06ba\u06ba") == ["\u06ba", "\ufb9f"]


@pytest.mark.parametrize(
    ("letter", "kind"),
    [
        ("\u06d5", "R"),  # ە Kurdish
        ("\u0695", "R"),  # ڕ
        ("\u06b5", "D"),  # ڵ
        ("\u06ce", "D"),  # ێ
        ("\u06c2", "D"),  # ۂ Urdu
        ("\u06c3", "R"),  # ۃ
        ("\u069a", "D"),  # ښ Pashto
        ("\u0681", "D"),  # ځ
        ("\u0689", "R"),  # ډ
        ("\u06ab", "D"),  # ګ
        ("\u06bc", "D"),  # ڼ
        ("\u0620", "D"),
        ("\u066e", "D"),
        ("\u066f", "D"),
        ("\u06a1", "D"),
    ],
)
def test_letters_outside_the_old_tables_join_by_their_unicode_type(letter, kind):
    assert joining_type(letter) == kind
    # a dual-joining beh before the letter always reaches out to it: initial, not isolated
    assert texts("\u0628" + letter)[0] == "\ufe91"
    if kind == "D":  # and the letter reaches out to a beh after it: that beh is final
        assert texts(letter + "\u0628")[-1] == "\ufe90"
    else:  # a right-joining letter never joins forward: the beh after it is isolated
        assert texts(letter + "\u0628")[-1] == "\ufe8f"


def test_kurdish_word_with_heavy_lam_and_reh():
    # کوڕەکەڵ: ک initial, و final, ڕ isolated (after و nothing joins), ە isolated form...
    word = "\u06a9\u0648\u0695\u06d5\u06a9\u06d5\u06b5"
    drawn = texts(word)
    assert drawn[0] == "\ufb90"  # keheh initial
    assert drawn[1] == "\ufeee"  # waw final
    assert drawn[4] == "\ufb90"  # keheh initial again after the right-joining ە
    assert drawn[6] == "\u06b5"  # ڵ has no presentation forms: itself


def test_urdu_heh_goal_with_hamza_is_drawn_as_heh_goal_forms_and_hamza():
    assert texts("\u0628\u06c2") == ["\ufe91", "\ufba7\u0654"]


@pytest.mark.parametrize("options", [SHOWN, TERMINAL, NO_HARAKAT])
def test_end_of_ayah_keeps_the_number_it_prepends(options):
    word = "\u06dd\u0661\u0662\u0663"
    drawn = "".join(texts(word, options))
    assert drawn == word  # every digit is drawn; the sign is a cell of its own
    assert [(c.start, c.end) for c in shape_word(word, options).clusters] == [
        (0, 1),
        (1, 2),
        (2, 3),
        (3, 4),
    ]


@pytest.mark.parametrize("sign", ["\u0600", "\u0601", "\u0602", "\u0603", "\u0604", "\u0605"])
def test_number_signs_never_swallow_a_digit(sign):
    for options in (SHOWN, TERMINAL):
        [line] = TextLayout(f"سنة {sign}١٤٤٥ هـ", 40, options).lines()
        assert "١٤٤٥" in line.text.replace("\u200f", "")
        assert sign in line.text


def test_ayah_number_in_a_verse_is_drawn_whole_in_both_bidi_modes():
    text = "الحمد لله \u06dd\u0661\u0662\u0663"
    for options in (SHOWN, TERMINAL):
        [line] = TextLayout(text, 60, options).lines()
        assert "\u06dd\u0661\u0662\u0663" in line.text


def test_hiding_harakat_keeps_combining_hamza_and_madda():
    assert texts("\u0627\u0654", NO_HARAKAT) == ["\ufe8d\u0654"]  # أ written as ا + hamza
    assert texts("\u0627\u0655", NO_HARAKAT) == ["\ufe8d\u0655"]  # إ
    assert texts("\u0627\u0653", NO_HARAKAT) == ["\ufe8d\u0653"]  # آ
    # vowels go: سُؤَال keeps its letters, loses damma and fatha
    assert "".join(texts("\u0633\u064f\u0648\u0654\u064e\u0627\u0644", NO_HARAKAT)) == (
        "\ufeb3\ufeee\u0654\ufe8d\ufedd"
    )


def test_hidden_marks_without_a_base_leave_no_dotted_circle():
    for word in ["\u064e", "\u064e\u0651", "\u0670"]:
        shape = shape_word(word, NO_HARAKAT)
        assert "\u25cc" not in shape.ltr_text and shape.width == 0
        assert [(c.start, c.end) for c in shape.clusters] == [(0, len(word))]
    # a lone mark before a letter belongs to the letter's cell, which draws no circle
    shape = shape_word("\u064e\u0628", NO_HARAKAT)
    assert shape.ltr_text == "\ufe8f" and [(c.start, c.end) for c in shape.clusters] == [(0, 2)]
    # a kept mark without a base still shows on its circle
    assert shape_word("\u0654", NO_HARAKAT).ltr_text == "\u25cc\u0654"


def test_hidden_harakat_line_has_no_dotted_circle():
    text = "قال \u064e الرئيسُ"  # a stray fatha after a space
    [line] = TextLayout(text, 40, NO_HARAKAT).lines()
    assert "\u25cc" not in line.text and "\u064e" not in line.text
