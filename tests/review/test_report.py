"""Agreement over two and three stores: documents matched by id or text, the rest reported."""

import pytest

from reader.review.report import agree
from reader.review.stores import open_stores
from tests.helpers.review import CAIRO, HUDA, RIYADH, make_store, team


def test_two_stores(tmp_path):
    with open_stores(team(tmp_path)) as stores:
        report = agree(stores)
    (pair,) = report.pairs
    # RIYADH by id, CAIRO by its text; only/* held by one; news/beirut's texts differ.
    assert [row.doc_id for row in pair.documents] == ["news/riyadh", "news/cairo"]  # worst first
    assert (pair.only_a, pair.only_b) == (["only/huda"], ["only/omar"])
    assert [(m.store, m.doc_id, m.other) for m in report.mismatches] == [(1, "news/beirut", 0)]
    scores = pair.total.scores()
    # The spans are RIYADH's alone (CAIRO has none; only/huda and news/beirut are left out):
    # exact 2*2/8 and overlap 3/4 as in test_agreement.
    assert scores["exact_f1"] == pytest.approx(0.5)
    assert scores["overlap_f1"] == pytest.approx(0.75)
    # Kappa over RIYADH's 19 tokens and CAIRO's 7 (none, none): p_o = 20/26; shares A: actor 3,
    # claim 3, place 1, date 3, none 16; B: actor 5, place 1, date 2, none 18.
    # p_e = (15 + 1 + 6 + 288) / 676 = 310/676; kappa = (520 - 310) / (676 - 310) = 210/366.
    assert scores["kappa"] == pytest.approx(210 / 366)
    cairo = pair.documents[1].comparison.scores()
    assert cairo == {"exact_f1": 1.0, "overlap_f1": 1.0, "kappa": 1.0}


def test_status_keeps_only_documents_both_marked(tmp_path):
    with open_stores(team(tmp_path)) as stores:
        (pair,) = agree(stores, status="done").pairs
    # CAIRO is in progress in omar's store: RIYADH alone, kappa 126/240 (see test_agreement)
    assert [row.doc_id for row in pair.documents] == ["news/riyadh"]
    assert pair.total.kappa == pytest.approx(126 / 240)


def test_json_shape_for_two(tmp_path):
    with open_stores(team(tmp_path)) as stores:
        data = agree(stores).to_json()
    assert set(data["overall"]) == {"exact_f1", "overlap_f1", "kappa"}
    assert data["labels"]["date"] == {"exact_f1": 0.0, "overlap_f1": 1.0}
    assert data["spans"]["actor"] == {"a": 1, "b": 2}
    assert (data["shared"], data["not_done_by_both"]) == (2, 1)  # CAIRO: in progress for omar
    assert data["confusion"] == [
        {"a": "actor", "b": "actor", "count": 1},
        {"a": "place", "b": "place", "count": 1},
    ]
    assert data["different_text"] == [{"store": "omar", "id": "news/beirut", "other": "huda"}]


def test_three_stores_pairwise(tmp_path):
    huda, omar = team(tmp_path)
    lina = make_store(
        tmp_path / "lina.json", [("r", RIYADH, HUDA, "done"), ("c", CAIRO, [], "done")]
    )
    with open_stores([huda, omar, lina]) as stores:
        report = agree(stores)
    assert [(p.a, p.b) for p in report.pairs] == [
        ("huda", "omar"),
        ("huda", "lina"),
        ("omar", "lina"),
    ]
    # lina's spans are huda's on the same two texts (matched by text): perfect agreement
    assert report.pairs[1].total.scores() == {"exact_f1": 1.0, "overlap_f1": 1.0, "kappa": 1.0}
    assert report.pairs[2].total.scores() == pytest.approx(report.pairs[0].total.scores())
    assert len(report.to_json()["pairs"]) == 3


def test_stores_are_named_for_their_file(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    one = make_store(tmp_path / "a" / "huda.json", [])
    two = make_store(tmp_path / "b" / "huda.json", [])
    with open_stores([one, two]) as stores:
        assert [s.name for s in stores] == [str(one), str(two)]  # two huda.json: whole paths
