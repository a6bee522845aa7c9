"""The split among annotators: deterministic for a seed, balanced, shared pairs spread evenly."""

from collections import Counter
from itertools import combinations

import pytest

from reader.errors import ReaderError
from reader.review.assign import parse_annotators, plan

DOCS = [f"ntrex_ar_{i:02}.txt" for i in range(1, 31)]


def test_the_same_seed_gives_the_same_plan():
    assert plan(DOCS, ["huda", "omar", "lina"], 0.2, 7) == plan(
        DOCS, ["huda", "omar", "lina"], 0.2, 7
    )
    assert plan(DOCS, ["huda", "omar", "lina"], 0.2, 7) != plan(
        DOCS, ["huda", "omar", "lina"], 0.2, 8
    )


@pytest.mark.parametrize("annotators", [["huda", "omar"], ["huda", "omar", "lina"], list("abcde")])
@pytest.mark.parametrize("overlap", [0.0, 0.2, 0.5, 1.0])
@pytest.mark.parametrize("count", [1, 7, 30])
def test_balanced(annotators, overlap, count):
    docs = DOCS[:count]
    split = plan(docs, annotators, overlap, 3)
    assert list(split.documents) == docs  # every document, in source order
    assert all(len(set(names)) == len(names) for names in split.documents.values())
    assert len(split.shared()) == round(overlap * count)
    loads = [len(split.of(name)) for name in annotators]
    assert max(loads) - min(loads) <= 1
    assert sum(loads) == count + len(split.shared())


def test_shared_documents_spread_over_every_pair():
    split = plan(DOCS, ["huda", "omar", "lina"], 0.6, 11)  # 18 shared: 6 for each pair
    pairs = Counter(tuple(sorted(names)) for names in split.documents.values() if len(names) == 2)
    assert set(pairs) == {tuple(sorted(p)) for p in combinations(["huda", "omar", "lina"], 2)}
    assert max(pairs.values()) - min(pairs.values()) <= 1


def test_the_seed_decides_which_documents_are_shared():
    shared = {tuple(plan(DOCS, ["huda", "omar"], 0.2, seed).shared()) for seed in range(5)}
    assert len(shared) > 1


def test_bad_requests():
    with pytest.raises(ReaderError, match="between 0 and 1"):
        plan(DOCS, ["huda", "omar"], 1.5, 1)
    with pytest.raises(ReaderError, match="at least two annotators"):
        plan(DOCS, ["huda"], 0.5, 1)
    assert len(plan(DOCS, ["huda"], 0.0, 1).of("huda")) == 30


def test_annotator_names():
    assert parse_annotators("huda, omar,هدى") == ("huda", "omar", "هدى")
    for bad in ("huda,", "huda,../omar", ".hidden", "huda,huda", "a b"):
        with pytest.raises(ReaderError):
            parse_annotators(bad)
