"""From merge to a settled gold store through the command line: conflicts kept in GOLD and
never exported until settled, provenance on the spans, and export and stats filtered by
annotator and by review state."""

import json

import pytest

from reader.store import AnnotationStore
from reader.store.history import History
from tests.helpers.cli import run
from tests.helpers.review import RIYADH, at, team


def exported(capsys, gold, *flags):
    code, out, err = run(capsys, "export", "--store", gold, *flags)
    assert code == 0, err
    return {line["id"]: line for line in map(json.loads, out.splitlines())}, err


def triples(line):
    return {(s["start"], s["end"], s["label"]) for s in line["spans"]}


@pytest.fixture
def gold(capsys, tmp_path):
    huda, omar = team(tmp_path)
    gold = tmp_path / "gold.json"
    code, out, _err = run(capsys, "merge", huda, omar, "-o", gold)
    assert code == 0 and "reader adjudicate" in out
    return gold


def test_conflicts_are_kept_in_gold_and_not_exported(capsys, gold):
    with AnnotationStore.open(gold, read_only=True) as store:
        assert store.open_conflicts() == {"news/riyadh": 3}
        versions = {(s["text"], tuple(s["annotators"])) for s in store.suggestions("news/riyadh")}
        assert versions == {
            ("«السلامَ في الرياض ممكنٌ»", ("huda",)),
            ("١٥ مارس ٢٠٢٤", ("huda",)),
            ("مارس ٢٠٢٤", ("omar",)),
            ("John Smith", ("omar",)),
        }
    lines, err = exported(capsys, gold, "--include-suggestions")
    assert triples(lines["news/riyadh"]) == {
        tuple(at(RIYADH, "محمد بن سلمان", "actor")),
        tuple(at(RIYADH, "الرياض", "place")),
    }
    assert "1 document still has conflicts to settle" in err
    agreed = lines["news/riyadh"]["spans"][0]
    assert agreed["annotators"] == ["huda", "omar"]
    # the review state: news/riyadh is the one unsettled document
    lines, _ = exported(capsys, gold, "--review", "unsettled")
    assert set(lines) == {"news/riyadh"}
    lines, _ = exported(capsys, gold, "--review", "settled")
    assert set(lines) == {"news/cairo", "only/huda", "only/omar"}
    lines, _ = exported(capsys, gold, "--review", "reviewed")
    assert lines == {}


def test_settled_conflicts_are_exported_with_who_made_them(capsys, gold):
    with AnnotationStore.open(gold, annotator="lina") as store:
        history = History(store)
        pending = store.suggestions("news/riyadh")
        by_text = {s["text"]: s["id"] for s in pending}
        groups = {s["group"] for s in pending}
        assert len(groups) == 3
        # the claim: take huda's; the date: take omar's; John Smith: take omar's
        history.settle("news/riyadh", [by_text["«السلامَ في الرياض ممكنٌ»"]], [], "take huda")
        history.settle(
            "news/riyadh", [by_text["مارس ٢٠٢٤"]], [by_text["١٥ مارس ٢٠٢٤"]], "take omar"
        )
        history.settle("news/riyadh", [by_text["John Smith"]], [], "take omar")
        assert store.document("news/riyadh")["status"] == "reviewed"
    lines, err = exported(capsys, gold)
    assert "conflicts to settle" not in err
    assert len(lines["news/riyadh"]["spans"]) == 5
    assert lines["news/riyadh"]["meta"]["status"] == "reviewed"
    lines, _ = exported(capsys, gold, "--review", "reviewed")
    assert set(lines) == {"news/riyadh"}
    # by annotator: what each made, agreed on, or had taken
    lines, _ = exported(capsys, gold, "--annotator", "omar", "--doc", "news/riyadh")
    assert {s["text"] for s in lines["news/riyadh"]["spans"]} == {
        "محمد بن سلمان",
        "الرياض",
        "مارس ٢٠٢٤",
        "John Smith",
    }
    lines, _ = exported(capsys, gold, "--annotator", "huda", "--doc", "news/riyadh")
    assert {s["text"] for s in lines["news/riyadh"]["spans"]} == {
        "محمد بن سلمان",
        "الرياض",
        "«السلامَ في الرياض ممكنٌ»",
    }
    # stats, filtered the same ways
    _, out, _ = run(capsys, "stats", "--store", gold, "--json", "--annotator", "huda")
    data = json.loads(out)
    assert data["totals"]["spans"] == 3 + 1  # and only/huda's بيروت
    assert data["labels"]["claim"] == 1 and data["labels"]["date"] == 0
    _code, out, err = run(capsys, "stats", "--store", gold, "--json", "--review", "reviewed")
    data = json.loads(out)
    assert [d["id"] for d in data["documents"]] == ["news/riyadh"]
    assert data["status"]["reviewed"] == 1 and data["progress"] == {"done": 1, "of": 1}


def test_stats_counts_conflicts_still_to_settle(capsys, gold):
    _, out, _ = run(capsys, "stats", "--store", gold, "--json")
    data = json.loads(out)
    assert data["totals"]["conflicts"] == 3
    assert {d["id"]: d["conflicts"] for d in data["documents"]}["news/riyadh"] == 3
    _code, out, _err = run(capsys, "stats", "--store", gold)
    assert "3 conflicts to adjudicate" in out


def test_adjudicate_refuses_what_it_cannot_open(capsys, tmp_path):
    code, _, err = run(capsys, "adjudicate", tmp_path / "missing.json")
    assert code != 0 and "no store at" in err and "reader merge" in err
    assert "Traceback" not in err
    empty = tmp_path / "empty.json"
    AnnotationStore.open(empty).close()
    code, _out, err = run(capsys, "adjudicate", empty)
    assert code != 0 and "holds no documents" in err


def test_merge_carries_agreed_links_and_every_note(capsys, tmp_path):
    actor = at(RIYADH, "محمد بن سلمان", "actor")
    claim = at(RIYADH, "«السلامَ في الرياض ممكنٌ»", "claim")
    smith = at(RIYADH, "John Smith", "actor")
    for name, note in (("huda", "راجعتُه مرتين"), ("omar", "")):
        with AnnotationStore.open(tmp_path / f"{name}.json") as store:
            store.add_document(RIYADH, doc_id="news/riyadh", status="done")
            ids = [store.add_span("news/riyadh", *span) for span in (actor, claim, smith)]
            store.add_relation("news/riyadh", ids[1], ids[0])  # both: claim said_by actor
            if name == "omar":
                store.add_relation("news/riyadh", ids[2], ids[0], "works_with")  # omar only
            if note:
                store.set_note("news/riyadh", note)
                store.set_note("news/riyadh", "Latin name ✓", ids[2])
    gold = tmp_path / "gold.json"
    code, out, _ = run(
        capsys, "merge", tmp_path / "huda.json", tmp_path / "omar.json", "-o", gold, "--json"
    )
    data = json.loads(out)
    assert code == 0 and (data["links"], data["links_left"]) == (1, 1)
    with AnnotationStore.open(gold, read_only=True) as store:
        spans = {s["id"]: s for s in store.spans("news/riyadh")}
        (link,) = store.relations("news/riyadh")
        assert (spans[link["from"]]["text"], spans[link["to"]]["text"], link["type"]) == (
            "«السلامَ في الرياض ممكنٌ»",
            "محمد بن سلمان",
            "said_by",
        )
        assert store.document("news/riyadh")["note"] == "huda: راجعتُه مرتين"
        noted = next(s for s in spans.values() if s["text"] == "John Smith")
        assert noted["note"] == "huda: Latin name ✓"
