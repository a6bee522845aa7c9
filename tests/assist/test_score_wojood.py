"""The scorer runs on a few Wojood sentences (skipped without ../shared/data)."""

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WOJOOD = ROOT / ".." / "shared" / "data" / "ner" / "wojood_sample"


def _scorer():
    spec = importlib.util.spec_from_file_location(
        "score_suggest", ROOT / "bench" / "score_suggest.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_canonical_forgives_clitic_and_brackets():
    scorer = _scorer()
    text = "للعام ( 2011 ) هنا"
    assert scorer.canonical(text, 0, 14) == scorer.canonical(text, 2, 12)


@pytest.mark.skipif(not WOJOOD.is_dir(), reason=f"no Wojood sample at {WOJOOD}")
def test_scores_a_few_sentences():
    scorer = _scorer()
    gold = scorer.load_conll(WOJOOD / "val.txt", limit=40)
    assert gold.text.count("\n") == 40
    for start, end, kind in gold.spans:
        assert 0 <= start < end <= len(gold.text) and kind
    results = scorer.score(gold)
    assert set(results) == {"date", "place", "actor"}
    for result in results.values():
        assert 0.0 <= result.exact_p <= result.overlap_p <= 1.0
        assert 0.0 <= result.exact_r <= result.overlap_r <= 1.0
    assert results["date"].gold > 0 and results["date"].overlap_r > 0.5
