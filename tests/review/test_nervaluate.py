"""Our exact and overlap F1 against nervaluate's strict and ent_type figures (a test-only check).

nervaluate's strict F1 is correct / actual and correct / possible, which is 2|A∩B| / (|A|+|B|):
our exact F1, always. Its ent_type F1 counts a same-type overlap as correct, matching each span
once: our overlap F1 when the overlaps pair spans one to one, as in the example here.
"""

import random

import pytest

from reader.review.agreement import Comparison, compare
from reader.review.spans import Span
from tests.helpers.review import HUDA, OMAR

nervaluate = pytest.importorskip(
    "nervaluate", reason="nervaluate is not installed (pip install -e '.[test]' brings it)"
)

LABELS = ["actor", "place", "date", "claim"]


def theirs(documents_a, documents_b):
    def as_dicts(documents):
        return [
            [{"label": s.label, "start": s.start, "end": s.end - 1} for s in doc]
            for doc in documents
        ]

    return nervaluate.Evaluator(
        as_dicts(documents_a), as_dicts(documents_b), tags=LABELS, loader="dict"
    ).evaluate()


def ours(documents_a, documents_b):
    total = Comparison()
    for a, b in zip(documents_a, documents_b, strict=True):
        total.add(compare(a, b))
    return total


def test_the_hand_worked_example():
    result = theirs([HUDA], [OMAR])
    overall = ours([HUDA], [OMAR]).overall
    assert overall.exact_f1 == pytest.approx(result["overall"]["strict"].f1)
    assert overall.overlap_f1 == pytest.approx(result["overall"]["ent_type"].f1)
    for label, counts in ours([HUDA], [OMAR]).labels.items():
        assert counts.exact_f1 == pytest.approx(result["entities"][label]["strict"].f1)


def test_random_flat_documents():
    """Flat spans (none overlapping another of the same annotator), as nervaluate assumes;
    B keeps, relabels, shortens or drops each of A's spans, and adds some of its own."""
    rng = random.Random(14)

    def flat(count, offset=0):
        spans, position = [], offset
        for _ in range(count):
            position += rng.randrange(1, 6)
            length = rng.randrange(1, 8)
            spans.append(Span(position, position + length, rng.choice(LABELS)))
            position += length
        return spans

    def changed(span):
        roll = rng.random()
        if roll < 0.5:
            return [span]
        if roll < 0.65:
            return [span._replace(label=rng.choice([x for x in LABELS if x != span.label]))]
        if roll < 0.8 and span.end - span.start > 1:
            return [span._replace(end=span.end - 1)]
        return []

    for _ in range(20):
        a = [flat(rng.randrange(0, 12)) for _ in range(5)]
        b = [[c for s in doc for c in changed(s)] + flat(rng.randrange(0, 3), 200) for doc in a]
        result, mine = theirs(a, b), ours(a, b).overall
        assert mine.exact_f1 == pytest.approx(result["overall"]["strict"].f1)
        assert mine.overlap_f1 == pytest.approx(result["overall"]["ent_type"].f1)
