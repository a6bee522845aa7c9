"""reader.text.search: Arabic-normalised search whose hits are ranges of the original text.

Every hit must slice the original text to the word as written (harakat, tatweel and all),
since hits are drawn through the layout's logical-offset maps.
"""

import pytest

from reader.text.search import Searcher, find_all, fold

TEXT = (
    "قالَ الرَّئِيسُ أَرْدُوغَان (Erdoğan) إنَّ اللُّغَةَ العـــربية جميلة، والعربيه لغة القرآن. "
    "وفي المستشفى قال مدير مستشفي المدينة إن ERDOĞAN وُلِدَ عام ١٩٥٤ (أي 1954)، "
    "وإنّ ٱلأمر انتهى إلى آخره."
)


def hits(query, text=TEXT):
    return [text[start:end] for start, end in find_all(text, query)]


@pytest.mark.parametrize("query", ["اللغة", "اللُّغَةَ", "اللُغة", "الـلـغـة"])
def test_query_with_or_without_harakat_or_tatweel_finds_the_word_with_its_harakat(query):
    assert hits(query) == ["اللُّغَةَ"]


@pytest.mark.parametrize("query", ["العربية", "العربيه", "العـربيـة", "ٱلعربية"])
def test_tatweel_in_the_text_and_ta_marbuta_vs_ha(query):
    assert hits(query) == ["العـــربية", "العربيه"]  # the second without its و


@pytest.mark.parametrize("query", ["اردوغان", "أردوغان", "إردوغان", "آردوغان", "أَرْدُوغَان"])
def test_alef_variants_match_alike(query):
    assert hits(query) == ["أَرْدُوغَان"]


def test_alef_with_madda_and_wasla_in_the_text():
    assert hits("القران") == ["القرآن"]
    assert hits("الامر") == ["ٱلأمر"]
    assert hits("اخره") == ["آخره"]


@pytest.mark.parametrize("query", ["مستشفى", "مستشفي"])
def test_alef_maksura_and_ya_match_alike(query):
    assert hits(query) == ["مستشفى", "مستشفي"]


def test_hit_ends_after_the_marks_of_its_last_letter():
    # 'إن' ends on a noon with shadda and fatha: both belong to the hit.
    found = find_all(TEXT, "ان")
    slices = [TEXT[a:b] for a, b in found]
    assert "إنَّ" in slices
    assert all(
        not TEXT[b : b + 1]
        or TEXT[b] not in "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0640"
        for _, b in found
    )


def test_every_hit_is_a_range_of_the_original_that_folds_to_the_query():
    for query in ["ال", "اللغة", "العربية", "مستشفى", "erdoğan", "١٩٥٤", "ان", "ة", "ا"]:
        needle, _ = fold(query)
        found = find_all(TEXT, query)
        assert found, query
        previous_end = 0
        for start, end in found:
            assert 0 <= previous_end <= start < end <= len(TEXT)  # in order, not overlapping
            assert fold(TEXT[start:end])[0] == needle, (query, TEXT[start:end])
            previous_end = end


def test_latin_names_case_insensitive():
    assert hits("erdoğan") == ["Erdoğan", "ERDOĞAN"]
    assert hits("ERDOĞAN") == ["Erdoğan", "ERDOĞAN"]


def test_latin_is_matched_without_case_or_accents():
    assert hits("Erdogan") == ["Erdoğan", "ERDOĞAN"]


def test_arabic_indic_and_western_digits_find_each_other():
    assert hits("١٩٥٤") == ["١٩٥٤", "1954"]
    assert hits("1954") == ["١٩٥٤", "1954"]
    start = TEXT.index("١٩٥٤")
    assert find_all(TEXT, "٩٥")[0] == (start + 1, start + 3)


def test_a_query_of_only_marks_tatweel_or_nothing_finds_nothing():
    assert find_all(TEXT, "") == []
    assert find_all(TEXT, "\u064e\u0651") == []
    assert find_all(TEXT, "ـــ") == []


def test_fold_maps_every_kept_character_to_its_origin():
    text = "أَلـعـرَبِيَّة"
    folded, origin = fold(text)
    assert folded == "العربيه"
    assert len(origin) == len(folded)
    assert [text[i] for i in origin] == ["أ", "ل", "ع", "ر", "ب", "ي", "ة"]


def test_fold_casefold_expansion_keeps_the_map_aligned():
    folded, origin = fold("Straße")
    assert folded == "strasse"
    assert origin == [0, 1, 2, 3, 4, 4, 5]
    assert find_all("Die STRASSE und die Straße", "straße") == [(4, 11), (20, 26)]


def test_searcher_reuses_its_folded_text_for_several_queries():
    searcher = Searcher(TEXT)
    assert searcher.find_all("العربية") == find_all(TEXT, "العربية")
    assert searcher.find_all("مستشفى") == find_all(TEXT, "مستشفى")


def test_overlapping_occurrences_are_reported_once():
    assert find_all("ااا", "اا") == [(0, 2)]


def test_hits_inside_a_casefold_expansion_do_not_repeat():
    assert find_all("Straße", "s") == [(0, 1), (4, 5)]


def test_western_digits_find_arabic_indic_and_eastern_digits():
    text = "في عام ١٩٤٨ وفي سال ۱۹۷۹ وفي 1990 (COVID-19)"
    hits = find_all(text, "19")
    assert [text[s:e] for s, e in hits] == ["١٩", "۱۹", "19", "19"]
    assert find_all(text, "١٩٧٩") == [(text.index("۱۹۷۹"), text.index("۱۹۷۹") + 4)]
    assert [text[s:e] for s, e in find_all(text, "۱۹۴۸")] == ["١٩٤٨"]
