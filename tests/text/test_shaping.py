"""reader.text.shaping.shape_word: display clusters with contextual forms, lam-alef as one
cell, harakat kept with their letter, and controls made visible, each cluster knowing the
logical range it stands for."""

import itertools
import unicodedata

import pytest
import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.text.shaping import DisplayOptions, ShapeCache, graphemes, shape_word

SHOWN = DisplayOptions()
NO_HARAKAT = DisplayOptions(harakat=False)
UNSHAPED = DisplayOptions(shaping=False)

# Presentation forms written out by hand (isolated, final, initial, medial), not taken from
# arabic-reshaper, so the test does not share the code's tables.
BEH = ("\ufe8f", "\ufe90", "\ufe91", "\ufe92")
MEEM = ("\ufee1", "\ufee2", "\ufee3", "\ufee4")
HAH = ("\ufea1", "\ufea2", "\ufea3", "\ufea4")
DAL = ("\ufea9", "\ufeaa")  # dal joins only to the right: isolated, final
SEEN_INITIAL = "\ufeb3"
AIN_MEDIAL, REH_FINAL = "\ufecc", "\ufeae"
TEH_ISOLATED = "\ufe95"
LAM_ALEF = {  # alef -> (isolated, final)
    "\u0627": ("\ufefb", "\ufefc"),
    "\u0623": ("\ufef7", "\ufef8"),
    "\u0625": ("\ufef9", "\ufefa"),
    "\u0622": ("\ufef5", "\ufef6"),
}


def texts(word, options=SHOWN):
    return [c.text for c in shape_word(word, options).clusters]


def ranges(word, options=SHOWN):
    return [(c.start, c.end) for c in shape_word(word, options).clusters]


def test_muhammad_takes_initial_medial_medial_final():
    assert "".join(texts("محمد")) == "ﻣﺤﻤﺪ" == MEEM[2] + HAH[3] + MEEM[3] + DAL[1]


def test_all_four_forms_of_beh():
    assert texts("ب") == [BEH[0]]
    assert texts("بب") == [BEH[2], BEH[1]]
    assert texts("ببب") == [BEH[2], BEH[3], BEH[1]]


def test_a_right_joining_letter_breaks_the_chain():
    # د joins to the letter before it, never to the one after: the م after it starts again.
    assert texts("مدم") == [MEEM[2], DAL[1], MEEM[0]]


@pytest.mark.parametrize("alef", list(LAM_ALEF))
def test_lam_alef_is_one_cell_for_both_code_points(alef):
    shape = shape_word("\u0644" + alef, SHOWN)
    assert len(shape.clusters) == 1
    cluster = shape.clusters[0]
    assert (cluster.start, cluster.end, cluster.width) == (0, 2, 1)
    assert cluster.text == LAM_ALEF[alef][0]
    assert shape.width == 1


@pytest.mark.parametrize("alef", list(LAM_ALEF))
def test_lam_alef_after_a_joining_letter_takes_its_final_form(alef):
    shape = shape_word("س\u0644" + alef, SHOWN)
    assert [c.text for c in shape.clusters] == [SEEN_INITIAL, LAM_ALEF[alef][1]]
    assert ranges("س\u0644" + alef) == [(0, 1), (1, 3)]


def test_lam_alef_with_a_harakah_between_is_still_one_cluster():
    word = "لَا"  # lam, fatha, alef
    [cluster] = shape_word(word, SHOWN).clusters
    assert (cluster.start, cluster.end, cluster.width) == (0, 3, 1)
    assert cluster.text[0] == LAM_ALEF["\u0627"][0]
    assert "\u064e" in cluster.text
    [hidden] = shape_word(word, NO_HARAKAT).clusters
    assert (hidden.start, hidden.end, hidden.text) == (0, 3, LAM_ALEF["\u0627"][0])


def test_nothing_joins_after_lam_alef():
    assert texts("لاب") == [LAM_ALEF["\u0627"][0], BEH[0]]


def test_lam_tatweel_alef_is_not_a_ligature():
    assert len(shape_word("لـا", SHOWN).clusters) == 3


def test_harakat_stay_in_their_base_letters_cluster():
    word = "مُحَمَّدٌ"  # م ُ ح َ م َ ّ د ٌ
    shape = shape_word(word, SHOWN)
    assert ranges(word) == [(0, 2), (2, 4), (4, 7), (7, 9)]
    for cluster in shape.clusters:
        assert cluster.width == 1
        marks = [c for c in cluster.text if unicodedata.category(c) == "Mn"]
        assert marks == [
            c for c in word[cluster.start : cluster.end] if unicodedata.category(c) == "Mn"
        ]
        assert unicodedata.category(cluster.text[0]) == "Lo"  # the base letter comes first (L3)
    assert [c.text[0] for c in shape.clusters] == [MEEM[2], HAH[3], MEEM[3], DAL[1]]


def test_hiding_harakat_removes_them_but_keeps_every_range():
    for word in ["مُحَمَّدٌ", "بِسْمِ", "لَا", "العـــربيةُ", "قُرْآنٌ", "مَرْحَبًا"]:
        shown = shape_word(word, SHOWN)
        hidden = shape_word(word, NO_HARAKAT)
        assert ranges(word, SHOWN) == ranges(word, NO_HARAKAT), word
        assert not any(
            unicodedata.category(ch) == "Mn" for c in hidden.clusters for ch in c.text
        ), word
        assert [c.text[0] for c in hidden.clusters] == [c.text[0] for c in shown.clusters], word
        assert hidden.width == shown.width


def test_tatweel_joins_on_both_sides():
    assert texts("ـب") == ["\u0640", BEH[1]]
    assert texts("بـ") == [BEH[2], "\u0640"]
    arabiya = texts("العـــربية")
    assert arabiya[2] == AIN_MEDIAL and arabiya[3:6] == ["\u0640"] * 3 and arabiya[6] == REH_FINAL
    assert ranges("العـــربية") == [(i, i + 1) for i in range(10)]


def test_zwnj_breaks_joining_and_belongs_to_the_letter_before():
    assert texts("ب\u200cت") == [BEH[0], TEH_ISOLATED]
    assert ranges("ب\u200cت") == [(0, 2), (2, 3)]
    assert len(shape_word("ل\u200cا", SHOWN).clusters) == 2  # no lam-alef across a ZWNJ


def test_zwj_makes_a_final_letter_reach_out():
    assert texts("ب\u200d") == [BEH[2]]


def test_shaping_off_leaves_the_letters_as_written():
    assert texts("محمد", UNSHAPED) == list("محمد")
    assert texts("لا", UNSHAPED) == ["ل", "ا"]
    assert ranges("لا", UNSHAPED) == [(0, 1), (1, 2)]


def test_no_reordering_means_no_shaping_either():
    # with --bidi terminal the terminal shapes; sending presentation forms would be wrong
    assert texts("محمد", DisplayOptions(reorder=False)) == list("محمد")


def test_emoji_zwj_sequence_is_one_cluster_two_cells_wide():
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    [cluster] = shape_word(family, SHOWN).clusters
    assert (cluster.start, cluster.end, cluster.width, cluster.text) == (0, 5, 2, family)


@pytest.mark.parametrize("emoji", ["👍🏽", "❤️", "📈", "中"])
def test_wide_graphemes_are_two_cells(emoji):
    [cluster] = shape_word(emoji, SHOWN).clusters
    assert cluster.width == 2 == cell_len(emoji)


def test_flag_emoji_is_two_cells():
    [cluster] = shape_word("🇸🇦", SHOWN).clusters
    assert cluster.width == cell_len("🇸🇦") == 2


@pytest.mark.parametrize(
    ("char", "symbol"),
    [
        ("\x1b", "\u241b"),
        ("\x00", "\u2400"),
        ("\x07", "\u2407"),
        ("\x7f", "\u2421"),
        ("\x9b", "\u2426"),
        ("\x85", "\u2426"),
    ],
)
def test_controls_are_drawn_as_visible_symbols(char, symbol):
    shape = shape_word("أ" + char + "ب", SHOWN)
    control = shape.clusters[1]
    assert (control.start, control.end, control.text, control.width, control.marker) == (
        1,
        2,
        symbol,
        1,
        True,
    )
    assert all(
        ord(ch) >= 0x20 and not 0x7F <= ord(ch) < 0xA0 for c in shape.clusters for ch in c.text
    )


def test_escape_sequence_never_survives_in_any_cluster():
    shape = shape_word("\x1b[31mأحمر\x1b[0m\x1b]0;title\x07", SHOWN)
    drawn = shape.ltr_text + shape.rtl_text + "".join(c.mirrored for c in shape.clusters)
    assert "\x1b" not in drawn and "\x07" not in drawn
    assert drawn.count("\u241b") == 3 * 3  # three ESCs, in each of the three strings


EXPLICIT = [
    "\u202a",
    "\u202b",
    "\u202d",
    "\u202e",
    "\u202c",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
]
MARKS = ["\u200e", "\u200f", "\u061c"]  # LRM, RLM, ALM: invisible unless marks are shown
SHOW_MARKS = DisplayOptions(marks=True)


@pytest.mark.parametrize("control", EXPLICIT)
def test_explicit_bidi_controls_are_one_cell_markers(control):
    shape = shape_word("ab" + control + "cd", SHOWN)
    marker = shape.clusters[2]
    assert (marker.start, marker.end, marker.width, marker.marker) == (2, 3, 1, True)
    assert control not in marker.text and len(marker.text) == 1
    assert cell_len(marker.text) == 1


@pytest.mark.parametrize("mark", MARKS)
def test_bidi_marks_take_no_cell_unless_shown(mark):
    shape = shape_word("ab" + mark + "cd", SHOWN)
    assert shape.width == 4 and shape.ltr_text == "abcd"
    assert [(c.start, c.end) for c in shape.clusters] == [(0, 1), (1, 3), (3, 4), (4, 5)]
    shown = shape_word("ab" + mark + "cd", SHOW_MARKS)
    marker = shown.clusters[2]
    assert (marker.start, marker.end, marker.width, marker.marker) == (2, 3, 1, True)
    assert mark not in marker.text and cell_len(marker.text) == 1


def test_lrm_and_rlm_markers_differ_and_overrides_are_distinct():
    markers = {c: shape_word(c, SHOW_MARKS).clusters[0].text for c in EXPLICIT + MARKS}
    assert markers["\u200e"] != markers["\u200f"]
    assert len({markers[c] for c in EXPLICIT}) == len(EXPLICIT)
    assert {c: shape_word(c, SHOWN).clusters[0].text for c in EXPLICIT} == {
        c: markers[c] for c in EXPLICIT
    }  # explicit controls are markers whether or not marks are shown


@pytest.mark.parametrize("control", EXPLICIT + MARKS)
def test_markers_are_not_mirrored(control):
    [cluster] = shape_word(control, SHOW_MARKS).clusters
    assert cluster.mirrored == cluster.text


def test_other_zero_width_format_characters_are_invisible_or_shown_as_markers():
    for char in ["\u200b", "\u00ad", "\u2060", "\ufeff"]:
        [hidden] = shape_word(char, SHOWN).clusters
        assert (hidden.start, hidden.end, hidden.width, hidden.text) == (0, 1, 0, "")
        [cluster] = shape_word(char, SHOW_MARKS).clusters
        assert cluster.marker and cluster.width == 1 and char not in cluster.text


def test_brackets_carry_their_mirror_for_odd_levels():
    shape = shape_word("(كتاب)", SHOWN)
    assert [(c.text, c.mirrored) for c in (shape.clusters[0], shape.clusters[-1])] == [
        ("(", ")"),
        (")", "("),
    ]
    assert shape_word("«»[]", SHOWN).rtl_text == "[]«»"  # reversed and each mirrored
    assert shape_word("ab", SHOWN).rtl_text == "ba"


def test_a_mark_without_a_base_gets_a_dotted_circle():
    [cluster] = shape_word("\u064e", SHOWN).clusters
    assert cluster.text == "\u25cc\u064e" and cluster.width == 1


def test_clusters_tile_the_word_and_widths_add_up():
    for word in [
        "الرَّئِيسُ",
        "Erdoğan",
        "٢٠١٩",
        "سلام",
        "لَأ",
        "x\x1by",
        "👨\u200d👩\u200d👧ب",
        "e\u0301",
    ]:
        shape = shape_word(word, SHOWN)
        edges = [(c.start, c.end) for c in shape.clusters]
        assert edges[0][0] == 0 and edges[-1][1] == len(word)
        assert all(a[1] == b[0] for a, b in itertools.pairwise(edges)), word
        assert shape.width == sum(c.width for c in shape.clusters)
        assert shape.ltr_text == "".join(c.text for c in shape.clusters)


def test_shape_cache_returns_the_same_shape_and_honours_its_options():
    cache = ShapeCache(NO_HARAKAT)
    first = cache("مُحَمَّد")
    assert cache("مُحَمَّد") is first
    assert cache.many(["مُحَمَّد", "لا"]) == [first, shape_word("لا", NO_HARAKAT)]
    assert "\u064f" not in first.ltr_text


@pytest.mark.parametrize(
    "word",
    [
        "تحمل\xa0",  # a no-break space ends a word in the NTREX articles
        "١٢\xa0دولةً",
        "مُحَمَّد\xa0",
        "Stéphane\xa0Dujarric",
        "\xa0«لا»",
    ],
)
@pytest.mark.parametrize(
    "options", [SHOWN, NO_HARAKAT, UNSHAPED, DisplayOptions(reorder=False)], ids=repr
)
def test_the_fast_path_draws_a_no_break_space_as_the_general_path_does(word, options):
    fast = shape_word(word, options)
    general = shape_word(word, options, split_at=frozenset({0}))  # an edge forces the general path
    assert fast.built is None and general.built is not None  # each took the path it names
    assert (fast.ltr_text, fast.rtl_text, fast.width) == (
        general.ltr_text,
        general.rtl_text,
        general.width,
    )
    assert fast.clusters == general.clusters
    assert "\xa0" in fast.ltr_text and fast.width == len(fast.clusters)


# Letters, harakat, digits and punctuation of news text, each its own cell or a mark on one.
SIMPLE_TEXT = st.text(
    alphabet=st.sampled_from(
        "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"  # letters
        "ءأإآؤئىة\u0640"  # hamza forms, alef maqsura, teh marbuta, tatweel
        "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0653\u0654"  # harakat, madda
        "٠١٢٣٤٥٦٧٨٩0123456789،؛؟«»()[]\"'.-…\xa0"
        "ErdoğanStéphaneDujarricÉ"
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=400, deadline=None)
@given(SIMPLE_TEXT)
@example("مُحَمَّدٌ")
@example("لَا\xa0")
@example("\u064eب")  # a word starting with a mark: the general segmentation
def test_graphemes_of_plain_words_are_the_uax29_clusters(word):
    expected = [m.span() for m in regex.finditer(r"\X", word)]
    assert [m.span() for m in graphemes(word)] == expected
