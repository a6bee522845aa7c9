"""Merging annotators' spans of one document: agreed spans, and conflicts by overlapping range."""

from reader.review.merge import Agreed, Conflict, merge_document
from reader.review.spans import Span
from tests.helpers.review import HUDA, OMAR, RIYADH, at


def test_two_annotators():
    result = merge_document({"huda": HUDA, "omar": OMAR})
    assert result.agreed == [
        Agreed(at(RIYADH, "محمد بن سلمان", "actor"), ("huda", "omar")),
        Agreed(at(RIYADH, "الرياض", "place"), ("huda", "omar")),
    ]
    claim = at(RIYADH, "«السلامَ في الرياض ممكنٌ»", "claim")
    full_date, short_date = at(RIYADH, "١٥ مارس ٢٠٢٤", "date"), at(RIYADH, "مارس ٢٠٢٤", "date")
    smith = at(RIYADH, "John Smith", "actor")
    assert result.conflicts == [
        # the claim only huda marked (the agreed place inside it is not part of the conflict)
        Conflict(claim.start, claim.end, {"huda": [claim], "omar": []}),
        # two dates that overlap: one range, each one's version
        Conflict(full_date.start, full_date.end, {"huda": [full_date], "omar": [short_date]}),
        Conflict(smith.start, smith.end, {"huda": [], "omar": [smith]}),
    ]


def test_overlaps_chain_into_one_group_but_touching_spans_do_not():
    a, b, c = Span(0, 5, "claim"), Span(4, 9, "claim"), Span(8, 12, "place")
    touching = Span(12, 15, "date")
    result = merge_document({"huda": [a, c, touching], "omar": [b]})
    assert result.agreed == []
    assert result.conflicts == [
        Conflict(0, 12, {"huda": [a, c], "omar": [b]}),
        Conflict(12, 15, {"huda": [touching], "omar": []}),
    ]


def test_three_annotators_all_must_agree():
    actor, place = Span(0, 4, "actor"), Span(10, 15, "place")
    result = merge_document({"huda": [actor, place], "omar": [actor, place], "lina": [actor]})
    assert result.agreed == [Agreed(actor, ("huda", "omar", "lina"))]
    assert result.conflicts == [Conflict(10, 15, {"huda": [place], "omar": [place], "lina": []})]


def test_one_annotator_agrees_with_themself():
    assert merge_document({"huda": HUDA}).agreed == [Agreed(s, ("huda",)) for s in sorted(HUDA)]
    assert merge_document({"huda": HUDA}).conflicts == []


def test_same_range_different_labels_is_one_conflict():
    one, other = Span(3, 9, "actor"), Span(3, 9, "place")
    assert merge_document({"huda": [one], "omar": [other]}).conflicts == [
        Conflict(3, 9, {"huda": [one], "omar": [other]})
    ]


def test_gold_status():
    from reader.review.gold import MergedDocument

    def status(statuses, spans_a, spans_b):
        merge = merge_document({"huda": spans_a, "omar": spans_b})
        return MergedDocument("d", RIYADH, "", None, statuses, merge).status

    both_done = {"huda": "done", "omar": "done"}
    assert status(both_done, HUDA, HUDA) == "done"
    assert status(both_done, HUDA, OMAR) == "todo"  # conflicts to settle
    assert status({"huda": "done", "omar": "in_progress"}, HUDA, HUDA) == "todo"
    assert status({"huda": "todo", "omar": "todo"}, [], []) == "todo"  # untouched: not done
    assert status({"huda": "skipped", "omar": "skipped"}, [], []) == "skipped"
    assert status({"huda": "skipped", "omar": "done"}, [], []) == "todo"
