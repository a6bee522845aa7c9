"""reader.text.words: graphemes, words and sentences as logical ranges of the original text."""

import pytest

from reader.text.words import (
    grapheme_boundaries,
    next_word,
    previous_word,
    sentence_at,
    trim,
    word_at,
    word_starts,
)

# Harakat, shadda, tatweel, a Latin name, Arabic-Indic and Western digits, quotes and brackets.
TEXT = "قالَ الرَّئِيسُ: «العـــربيةُ جميلة». هل تعرف Erdoğan؟ وُلِدَ عام ١٩٥٤ (أو 1954)!"


def words_of(text):
    return [text[start:end] for start, end in (word_at(text, i) for i in word_starts(text))]


def test_words_keep_their_harakat_tatweel_and_digits():
    assert words_of(TEXT) == [
        "قالَ",
        "الرَّئِيسُ",
        "العـــربيةُ",
        "جميلة",
        "هل",
        "تعرف",
        "Erdoğan",
        "وُلِدَ",
        "عام",
        "١٩٥٤",
        "أو",
        "1954",
    ]


@pytest.mark.parametrize("word", ["الرَّئِيسُ", "العـــربيةُ", "Erdoğan", "١٩٥٤", "وُلِدَ"])
def test_word_at_every_index_inside_the_word_gives_the_whole_word(word):
    start = TEXT.index(word)
    for i in range(start, start + len(word)):
        assert word_at(TEXT, i) == (start, start + len(word)), (word, i)


def test_word_at_on_a_harakah_gives_its_word():
    start = TEXT.index("الرَّئِيسُ")
    shadda = start + "الرَّئِيسُ".index("\u0651")
    assert TEXT[slice(*word_at(TEXT, shadda))] == "الرَّئِيسُ"


def test_word_at_just_after_a_word_gives_that_word_and_punctuation_alone_gives_none():
    end = TEXT.index("Erdoğan") + len("Erdoğan")
    assert TEXT[end] == "؟"
    assert TEXT[slice(*word_at(TEXT, end))] == "Erdoğan"  # the caret right after the word
    between = TEXT.index("«") - 1  # ': «' the space between colon and quote
    assert TEXT[between] == " " and TEXT[between - 1] == ":"
    assert word_at(TEXT, between) is None
    assert word_at("", 0) is None
    assert word_at("  ", 2) is None


def test_word_at_end_of_text():
    assert word_at("كتب", 3) == (0, 3)


def test_word_at_a_word_longer_than_the_search_window():
    long = "ب" * 700
    text = "قبل " + long + " بعد"
    for i in (4, 300, 600, 703):
        assert word_at(text, i) == (4, 704)


def test_next_word_walks_every_word_start_in_order():
    starts = word_starts(TEXT)
    walked, i = [], 0
    while True:
        i = next_word(TEXT, i)
        if i == len(TEXT):
            break
        walked.append(i)
    assert walked == starts[1:]  # from 0, which is the first word's start, onward


def test_next_word_from_inside_and_from_before_a_word():
    start = TEXT.index("العـــربيةُ")
    nxt = TEXT.index("جميلة")
    assert next_word(TEXT, start + 3) == nxt  # inside the word: the next one
    assert next_word(TEXT, start - 1) == start  # on the quote before it: that word
    assert next_word(TEXT, len(TEXT)) == len(TEXT)


def test_previous_word_walks_back():
    starts = word_starts(TEXT)
    walked, i = [], len(TEXT)
    while i > 0:
        i = previous_word(TEXT, i)
        walked.append(i)
    assert walked == starts[::-1]


def test_previous_word_from_inside_a_word_goes_to_its_start():
    start = TEXT.index("Erdoğan")
    assert previous_word(TEXT, start + 4) == start
    assert previous_word(TEXT, start) == TEXT.index("تعرف")
    assert previous_word(TEXT, 0) == 0


def test_sentences_end_at_arabic_question_mark_full_stop_and_exclamation():
    sentences = []
    i = 0
    while i < len(TEXT):
        start, end = sentence_at(TEXT, i)
        sentences.append(TEXT[start:end])
        i = end + 1
    assert sentences == [
        "قالَ الرَّئِيسُ: «العـــربيةُ جميلة».",
        "هل تعرف Erdoğan؟",
        "وُلِدَ عام ١٩٥٤ (أو 1954)!",
    ]


def test_sentence_at_any_index_of_a_sentence_gives_the_same_range():
    start = TEXT.index("هل")
    end = TEXT.index("؟") + 1
    for i in range(start, end):
        assert sentence_at(TEXT, i) == (start, end)


def test_sentence_end_takes_closing_quote_and_stops_at_paragraph():
    text = "قال: «انتهى الأمر.» ثم ذهب\nفقرة ثانية"
    assert text[slice(*sentence_at(text, 3))] == "قال: «انتهى الأمر.»"
    assert text[slice(*sentence_at(text, text.index("ثم")))] == "ثم ذهب"
    assert text[slice(*sentence_at(text, len(text)))] == "فقرة ثانية"


def test_sentence_at_clamps_out_of_range_indices():
    assert sentence_at("جملة.", 99) == (5, 5)  # past the end: the empty range at the end
    assert sentence_at("جملة.", -5) == (0, 5)


def test_trim():
    text = "  مرحبا\t \n"
    assert trim(text, 0, len(text)) == (2, 7)
    assert trim("   ", 0, 3) == (3, 3)
    assert trim(text, 2, 4) == (2, 4)


def test_grapheme_boundaries_keep_harakat_with_their_letter():
    word = "مُحَمَّدٌ"  # م ُ ح َ م َ ّ د ٌ
    assert grapheme_boundaries(word) == [0, 2, 4, 7, 9]


def test_grapheme_boundaries_of_emoji_flags_and_crlf():
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    text = "أ" + family + "🇸🇦" + "\r\n" + "e\u0301"
    assert grapheme_boundaries(text) == [0, 1, 6, 8, 10, 12]
    assert grapheme_boundaries("") == [0]


def test_grapheme_boundaries_do_not_merge_lam_and_alef():
    # lam-alef is one *display* cell, but two graphemes: a caret may stand between them.
    assert grapheme_boundaries("لا") == [0, 1, 2]


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("قال «هذا جيد». ثم ذهب.", "قال «هذا جيد»."),
        ("قال «نعم.» ثم ذهب.", "قال «نعم.»"),
        ("قال إنه (جاء.) ثم ذهب.", "قال إنه (جاء.)"),
        ('وقال: "نعم." ثم ذهب.', 'وقال: "نعم."'),
        ("قال: “نعم.” ثم ذهب.", "قال: “نعم.”"),
    ],
)
def test_sentence_takes_the_closing_quote_or_bracket_wherever_the_caret_is(text, first):
    for index in range(len(first)):  # the caret on the closing mark included
        start, end = sentence_at(text, index)
        assert text[start:end] == first, index
    start, end = sentence_at(text, len(first) + 2)
    assert text[start:end] == "ثم ذهب."
