"""Re-anchoring: spans follow their text when a document changes, and are never dropped."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.store import AnnotationStore, ReanchorReport
from reader.store.anchor import (
    common_prefix_length,
    common_suffix_length,
    context_score,
    locate,
    reanchor,
)
from tests.helpers.store import ARTICLE, at


@pytest.fixture
def store(store_path: Path):
    with AnnotationStore.open(store_path) as opened:
        yield opened


def test_common_prefix_and_suffix() -> None:
    assert common_prefix_length("قال الرئيس", "قال الوزير") == len("قال ال")
    assert common_prefix_length("", "نص") == 0
    assert common_suffix_length("مقدمة ثم نص", "نص", 99) == 2
    assert common_suffix_length("abc", "abc", 1) == 1


def test_locate_prefers_matching_context_over_distance() -> None:
    text = "قال الوزير أمس. ثم قال الرئيس اليوم في طرابلس."
    quote, prefix, suffix = "قال", "ثم ", " الرئيس"
    far = text.index("ثم قال") + 3
    assert context_score(text, far, 3, prefix, suffix) == len(prefix) + len(suffix)
    assert locate(text, quote, prefix, suffix, hint=0) == far


def test_locate_takes_the_nearest_when_context_ties_and_none_when_absent() -> None:
    text = "نعم لا نعم لا نعم لا نعم"
    assert locate(text, "نعم", "", "", hint=12) == 14  # occurrences at 0, 7, 14, 21
    assert locate(text, "نعم", "", "", hint=9) == 7
    assert locate(text, "نعم", "", "", hint=0) == 0
    assert locate(text, "ربما", "", "", hint=3) is None
    assert locate(text, "", "", "", hint=3) is None


def test_inserting_text_before_spans_moves_them_exactly(store: AnnotationStore) -> None:
    doc_id = store.add_document(ARTICLE, doc_id="a")
    title = store.add_span(doc_id, *at(ARTICLE, "ليبيا"), "place")  # before the edit: stays
    names = {
        quote: store.add_span(doc_id, *at(ARTICLE, quote), label)
        for quote, label in (
            ("طرابلس", "place"),
            ("رجب طيب أردوغان", "actor"),
            ("🇹🇷", "claim"),
            ("١٢ ديسمبر 2019", "date"),
            ("ليبيا", "place"),
        )
    }
    inserted = "(تحديث: ٣ يناير) "
    cut = ARTICLE.index("قالَ")
    new = ARTICLE[:cut] + inserted + ARTICLE[cut:]
    assert store.add_document(new, doc_id="a") == doc_id
    report = store.last_reanchor
    assert isinstance(report, ReanchorReport)
    assert report.counts() == {"kept": 1, "moved": 4, "orphaned": 0}
    assert report.kept == [title]
    for quote, span_id in names.items():
        span = store.span(span_id)
        assert new[span["start"] : span["end"]] == span["text"] == quote
        assert span["prefix"] == new[max(0, span["start"] - 32) : span["start"]]
        assert span["orphaned"] is False
    assert store.span(names["طرابلس"])["start"] == at(ARTICLE, "طرابلس")[0] + len(inserted)
    assert store.document(doc_id)["text"] == new
    assert "1 spans kept in place, 4 moved, 0 orphaned" in str(report)


def test_an_edit_inside_a_span_orphans_it_and_keeps_it(store: AnnotationStore) -> None:
    doc_id = store.add_document(ARTICLE, doc_id="a")
    start, end = at(ARTICLE, "رجب طيب أردوغان")
    victim = store.add_span(doc_id, start, end, "actor")
    survivor = store.add_span(doc_id, *at(ARTICLE, "طرابلس"), "place")
    new = ARTICLE.replace("رجب طيب أردوغان", "رجب أردوغان")
    report = store.update_text(doc_id, new)
    assert report.orphaned == [victim] and report.kept == [survivor]
    orphan = store.span(victim)
    assert orphan["orphaned"] is True
    assert (orphan["start"], orphan["end"]) == (start, end)  # offsets as they were
    assert orphan["text"] == "رجب طيب أردوغان"  # the last quote seen, to find it again later
    assert [s["id"] for s in store.spans(doc_id)].count(victim) == 1
    # Orphans are not deduplicated against: the same range and label is a new, anchored span.
    assert store.add_span(doc_id, start, end, "actor") != victim
    # Restoring the text finds the orphan again.
    report = store.update_text(doc_id, ARTICLE)
    assert victim in report.moved and store.span(victim)["orphaned"] is False
    assert store.span(victim)["start"] == start


def test_an_orphan_past_the_new_end_is_clipped(store: AnnotationStore) -> None:
    doc_id = store.add_document(ARTICLE, doc_id="a")
    start, end = at(ARTICLE, "الإعلان")
    span_id = store.add_span(doc_id, start, end, "claim")
    store.update_text(doc_id, ARTICLE[:40])
    span = store.span(span_id)
    assert span["orphaned"] and 0 <= span["start"] < span["end"] == 40
    store.update_text(doc_id, "")
    span = store.span(span_id)
    assert span["orphaned"] and span["start"] == span["end"] == 0


def test_duplicate_quotes_go_to_the_occurrence_nearest_the_old_position(
    store: AnnotationStore,
) -> None:
    block = "قال المتحدث باسم الحكومة إن الاجتماع سيعقد غداً في الرباط. "
    old = block * 5
    doc_id = store.add_document(old, doc_id="a")
    quote_at = old.index("الاجتماع", 2 * len(block))  # in the third block
    span_id = store.add_span(doc_id, quote_at, quote_at + len("الاجتماع"), "claim")
    # Edits at both ends: nothing is a shared head or tail, so the span is searched for;
    # blocks two to four all match the 32-character context, the third is nearest.
    new = "عاجل: " + old + " انتهى"
    report = store.update_text(doc_id, new)
    assert report.moved == [span_id]
    assert store.span(span_id)["start"] == quote_at + len("عاجل: ")


def test_context_decides_between_occurrences(store: AnnotationStore) -> None:
    old = "قال الوزير أمس. ثم قال الرئيس أردوغان في أنقرة كلاماً آخر."
    doc_id = store.add_document(old, doc_id="a")
    second = old.index("قال", 1)
    span_id = store.add_span(doc_id, second, second + 3, "claim")
    lead = "في بيان صدر اليوم قال مصدر: "
    new = lead + old + " (عاجل)"  # both ends edited: the span is searched for
    decoy = lead.index("قال")
    assert abs(decoy - second) < len(lead)  # nearest to the old position is the wrong one
    store.update_text(doc_id, new)
    assert store.span(span_id)["start"] == len(lead) + second


def test_reanchoring_is_one_commit_and_survives_a_reopen(store_path: Path) -> None:
    with AnnotationStore.open(store_path) as store:
        doc_id = store.add_document(ARTICLE, doc_id="a")
        moved = store.add_span(doc_id, *at(ARTICLE, "طرابلس"), "place")
        orphan = store.add_span(doc_id, *at(ARTICLE, "Reuters"), "actor")
        lines = store.paths.journal.read_bytes().count(b"\n")
        store.add_document("مقدمة. " + ARTICLE.replace("Reuters", "رويترز"), doc_id="a")
        assert store.paths.journal.read_bytes().count(b"\n") == lines + 1
        expected = store.spans(doc_id)
    with AnnotationStore.open(store_path) as store:
        assert store.spans(doc_id) == expected
        assert store.span(orphan)["orphaned"] and not store.span(moved)["orphaned"]


def test_reanchor_is_pure_and_reports_every_span() -> None:
    spans = [
        {
            "id": "s1",
            "start": 0,
            "end": 5,
            "text": "ليبيا",
            "prefix": "",
            "suffix": " تطلب",
            "orphaned": False,
        },
        {
            "id": "s2",
            "start": 6,
            "end": 10,
            "text": "تطلب",
            "prefix": "ليبيا ",
            "suffix": "",
            "orphaned": False,
        },
    ]
    copies = [dict(s) for s in spans]
    changed, report = reanchor("ليبيا تطلب", "ليبيا لا تطلب", spans, "doc")
    assert spans == copies  # inputs untouched
    assert report.counts() == {"kept": 1, "moved": 1, "orphaned": 0}
    assert [c["id"] for c in changed] == ["s1", "s2"]  # s1's suffix changed, s2 moved
    assert changed[1]["start"] == 9


ALPHABET = (
    "ابتثجحخدذرزسشصضطظعغفقكلمنهوي ءآأإؤئىة"
    + "َُِّْ"
    + "ـ"
    + "٠١٢٣"
    + "0123"
    + "AbZ"
    + "()[]«»،."
    + "🇹🇷😀"
    + "\n"
)


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(alphabet=ALPHABET, min_size=1, max_size=200),
    cuts=st.lists(st.tuples(st.integers(0, 199), st.integers(1, 20)), min_size=1, max_size=12),
    edit=st.tuples(
        st.integers(0, 200), st.integers(0, 15), st.text(alphabet=ALPHABET, max_size=15)
    ),
)
def test_reanchoring_never_drops_a_span_and_anchored_spans_match_their_text(
    text, cuts, edit
) -> None:
    spans = []
    for number, (start, length) in enumerate(cuts):
        start = min(start, len(text) - 1)
        end = min(len(text), start + length)
        prefix, suffix = text[max(0, start - 32) : start], text[end : end + 32]
        spans.append(
            {
                "id": f"s{number}",
                "start": start,
                "end": end,
                "text": text[start:end],
                "prefix": prefix,
                "suffix": suffix,
                "orphaned": False,
            }
        )
    at_, removed, inserted = edit
    at_ = min(at_, len(text))
    new = text[:at_] + inserted + text[at_ + removed :]
    changed, report = reanchor(text, new, spans, "doc")
    final = {span["id"]: span for span in spans} | {span["id"]: span for span in changed}
    assert sorted(report.kept + report.moved + report.orphaned) == sorted(final)
    for span in final.values():
        if span["orphaned"]:
            assert 0 <= span["start"] <= span["end"] <= len(new)
        else:
            assert new[span["start"] : span["end"]] == span["text"]
            assert span["prefix"] == new[max(0, span["start"] - 32) : span["start"]]
            assert span["suffix"] == new[span["end"] : span["end"] + 32]
    for span in spans:  # wholly before the edit: untouched offsets
        if span["end"] <= at_ and span["id"] in report.kept + report.moved:
            assert (final[span["id"]]["start"], final[span["id"]]["end"]) == (
                span["start"],
                span["end"],
            )
