"""Exact and overlap F1, label confusion and kappa on hand-worked examples (see tests/helpers/review.py)."""

from collections import Counter

import pytest

from reader.review.agreement import Counts, compare, same_range_labels
from reader.review.kappa import kappa, token_labels, token_pairs, tokens
from reader.review.spans import Span, spans_of
from tests.helpers.review import CAIRO, HUDA, OMAR, RIYADH, at


def pairs_of(text, a, b):
    ranges = tokens(text)
    return token_pairs(token_labels(ranges, a), token_labels(ranges, b))


def test_exact_and_overlap_with_nesting():
    result = compare(HUDA, OMAR)
    overall = result.overall
    # In both: the actor محمد بن سلمان and the place الرياض: 2 of 4 + 4 -> 2*2/8.
    assert (overall.a, overall.b, overall.exact) == (4, 4, 2)
    assert overall.exact_f1 == pytest.approx(0.5)
    # B's overlapping a same-label span of A: actor, place, date (مارس ٢٠٢٤ in ١٥ مارس ٢٠٢٤),
    # not John Smith: P = 3/4. A's: actor, place, date, not the claim: R = 3/4. F1 = 3/4.
    assert (overall.b_hit, overall.a_hit) == (3, 3)
    assert overall.overlap_f1 == pytest.approx(0.75)


def test_per_label():
    labels = compare(HUDA, OMAR).labels
    assert list(labels) == ["actor", "claim", "date", "place"]
    # actor: A 1, B 2, 1 in both -> exact 2/3; overlap P = 1/2 (John Smith misses), R = 1 -> 2/3.
    assert labels["actor"].exact_f1 == pytest.approx(2 / 3)
    assert labels["actor"].overlap_f1 == pytest.approx(2 / 3)
    # claim: only A marked it -> 0 both ways.
    assert (labels["claim"].exact_f1, labels["claim"].overlap_f1) == (0.0, 0.0)
    # date: different ranges that overlap -> exact 0, overlap 1.
    assert (labels["date"].exact_f1, labels["date"].overlap_f1) == (0.0, 1.0)
    assert (labels["place"].exact_f1, labels["place"].overlap_f1) == (1.0, 1.0)


def test_token_labels_take_the_shortest_covering_span():
    labels = token_labels(tokens(RIYADH), HUDA)
    # tokens 6-9 are the claim, but 8 (الرياض) is also the nested place, which is shorter
    assert labels[6:10] == ["claim", "claim", "place", "claim"]
    assert labels[2:5] == ["actor"] * 3 and labels[11:14] == ["date"] * 3
    assert labels.count(None) == 9


def test_a_span_inside_a_token_labels_it():
    """A clitic glued to the word: the span on القاهرة labels the token والقاهرة."""
    text = "زار الوفد والقاهرة أمس"
    assert token_labels(tokens(text), [at(text, "القاهرة", "place")]) == [
        None,
        None,
        "place",
        None,
    ]


def test_ties_in_length_do_not_depend_on_order():
    text = "لا إله"
    one, other = Span(0, 2, "claim"), Span(0, 2, "actor")
    assert token_labels(tokens(text), [one, other]) == token_labels(tokens(text), [other, one])
    assert token_labels(tokens(text), [one, other]) == ["actor", None]


def test_kappa_hand_worked():
    pairs = pairs_of(RIYADH, HUDA, OMAR)
    # (A, B) per token: 2-4 (actor, actor); 6, 7, 9 (claim, none); 8 (place, place);
    # 11 (date, none); 12-13 (date, date); 16-17 (none, actor); 7 others (none, none).
    assert pairs == Counter(
        {
            ("actor", "actor"): 3,
            ("claim", None): 3,
            ("place", "place"): 1,
            ("date", None): 1,
            ("date", "date"): 2,
            (None, "actor"): 2,
            (None, None): 7,
        }
    )
    # p_o = 13/19. Shares A: actor 3, claim 3, place 1, date 3, none 9; B: actor 5, place 1,
    # date 2, none 11. p_e = (3*5 + 1*1 + 3*2 + 9*11) / 19^2 = 121/361.
    # kappa = (247/361 - 121/361) / (240/361) = 126/240.
    assert kappa(pairs) == pytest.approx(126 / 240)


def test_kappa_edges():
    assert kappa(Counter()) == 1.0  # no tokens: nothing to disagree on
    assert kappa(pairs_of(CAIRO, [], [])) == 1.0  # no spans on either side
    # One annotator marks every token, the other none: p_o = 0, p_e = 0 -> 0.
    everything = [Span(0, len(CAIRO), "claim")]
    assert kappa(pairs_of(CAIRO, everything, [])) == 0.0
    # Perfectly opposed on two tokens each way: p_o = 0, p_e = 1/2 -> -1.
    assert kappa(Counter({("actor", None): 2, (None, "actor"): 2})) == pytest.approx(-1.0)


def test_no_spans_on_either_side_is_agreement():
    counts = compare([], []).overall
    assert (counts.exact_f1, counts.overlap_f1) == (1.0, 1.0)


def test_spans_on_one_side_only_is_no_agreement():
    for a, b in ((HUDA, []), ([], OMAR)):
        counts = compare(a, b).overall
        assert (counts.exact_f1, counts.overlap_f1) == (0.0, 0.0)


def test_counts_add_up_over_documents():
    total = Counts()
    total.add(Counts(a=4, b=4, exact=2, a_hit=3, b_hit=3))
    total.add(Counts(a=1, b=0))
    # micro-average: 2*2/9, not the mean of 0.5 and 0
    assert total.exact_f1 == pytest.approx(4 / 9)
    # P = 3/4, R = 3/5 -> 2PR/(P+R) = 0.9/1.35 = 2/3
    assert total.overlap_f1 == pytest.approx(2 / 3)


def test_overlap_counts_each_span_once():
    """Two of B's spans over one of A's: A's span counts once in recall, both of B's in precision."""
    a = [Span(0, 10, "claim")]
    b = [Span(0, 4, "claim"), Span(5, 10, "claim"), Span(20, 25, "claim")]
    counts = compare(a, b).overall
    assert (counts.a_hit, counts.b_hit) == (1, 2)
    # P = 2/3, R = 1 -> 0.8
    assert counts.overlap_f1 == pytest.approx(0.8)


def test_overlap_needs_a_shared_code_point():
    """Touching is not overlapping (ends are exclusive), whichever span starts first."""
    a = [Span(0, 5, "date"), Span(30, 40, "date")]
    b = [Span(5, 9, "date"), Span(10, 30, "date")]
    assert compare(a, b).overall.a_hit == 0
    # a long span of B starting early reaches a later span of A
    assert (
        compare([Span(12, 14, "date")], [Span(0, 2, "date"), Span(1, 20, "date")]).overall.a_hit
        == 1
    )


def test_same_range_confusion():
    a = [Span(0, 4, "actor"), Span(10, 15, "place"), Span(20, 25, "date")]
    b = [Span(0, 4, "actor"), Span(10, 15, "actor"), Span(20, 26, "date")]
    # 0:4 agreed (diagonal), 10:15 place against actor, 20:25/20:26 are not the same range
    assert same_range_labels(a, b) == Counter({("actor", "actor"): 1, ("place", "actor"): 1})


def test_spans_of_leaves_out_orphans_and_duplicates():
    records = [
        {"start": 5, "end": 9, "label": "place", "orphaned": False},
        {"start": 0, "end": 4, "label": "actor"},
        {"start": 5, "end": 9, "label": "place"},
        {"start": 1, "end": 2, "label": "date", "orphaned": True},
    ]
    assert spans_of(records) == [Span(0, 4, "actor"), Span(5, 9, "place")]
