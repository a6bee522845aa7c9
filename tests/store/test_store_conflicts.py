"""Conflicts of `reader merge` in the store: kept as grouped suggestions, settled in one undoable
step each (take one version, both, none, or tag by hand), the document then reviewed; and a
claim accepted with its speaker gets its said_by link."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.store import AnnotationStore
from reader.store.history import History
from tests.helpers.store import ARTICLE, at

ACTOR = at(ARTICLE, "الرئيس رجب طيب أردوغان")
NAME = at(ARTICLE, "رجب طيب أردوغان")
TRIPOLI = at(ARTICLE, "طرابلس")


@pytest.fixture
def gold(store_path: Path):
    with AnnotationStore.open(store_path, annotator="لينا") as store:
        store.add_document(ARTICLE, doc_id="news/libya")
        yield store


def versions(store: AnnotationStore) -> dict[tuple[int, int, str], list[str]]:
    return {
        (s["start"], s["end"], s["label"]): s["annotators"]
        for s in store.suggestions("news/libya")
        if "group" in s
    }


def test_a_conflict_is_one_group_of_versions_counted_in_the_manifest(gold: AnnotationStore) -> None:
    ids = gold.add_conflict(
        "news/libya",
        {"huda": [(*ACTOR, "actor")], "omar": [(*NAME, "actor"), (*ACTOR, "actor")]},
    )
    assert len(ids) == 2
    records = [gold.suggestion("news/libya", i) for i in ids]
    assert len({r["group"] for r in records}) == 1
    assert versions(gold) == {(*ACTOR, "actor"): ["huda", "omar"], (*NAME, "actor"): ["omar"]}
    assert all(r["among"] == ["huda", "omar"] and r["annotator"] == "conflict" for r in records)
    gold.add_conflict("news/libya", {"huda": [(*TRIPOLI, "place")], "omar": []})
    assert gold.conflicts("news/libya") == 2
    assert gold.documents()[0]["conflicts"] == 2


def test_take_one_version_settles_the_group_and_the_last_makes_it_reviewed(
    gold: AnnotationStore,
) -> None:
    gold.add_conflict("news/libya", {"huda": [(*ACTOR, "actor")], "omar": [(*NAME, "actor")]})
    gold.add_conflict("news/libya", {"huda": [(*TRIPOLI, "place")], "omar": []})
    history = History(gold)
    by = {s["text"]: s["id"] for s in gold.suggestions("news/libya")}
    change = history.settle(
        "news/libya", [by["رجب طيب أردوغان"]], [by["الرئيس رجب طيب أردوغان"]], "take omar"
    )
    assert change.changed and gold.conflicts("news/libya") == 1
    (span,) = gold.spans("news/libya")
    assert (span["text"], span["annotators"], span["origin"]) == (
        "رجب طيب أردوغان",
        ["omar"],
        "suggestion:conflict",
    )
    assert gold.document("news/libya")["status"] == "in_progress"
    history.settle("news/libya", [], [by["طرابلس"]], "take omar")  # omar marked nothing there
    assert gold.conflicts("news/libya") == 0
    assert gold.document("news/libya")["status"] == "reviewed"
    assert [s["text"] for s in gold.spans("news/libya")] == ["رجب طيب أردوغان"]
    # undo takes the decision back, and the review with it
    history.undo()
    assert gold.conflicts("news/libya") == 1
    assert gold.document("news/libya")["status"] == "in_progress"
    history.undo()
    assert gold.spans("news/libya") == [] and gold.conflicts("news/libya") == 2
    history.redo()
    assert gold.conflicts("news/libya") == 1


def test_take_both_versions_keeps_every_span_and_reviews(gold: AnnotationStore) -> None:
    gold.add_conflict("news/libya", {"huda": [(*ACTOR, "actor")], "omar": [(*NAME, "actor")]})
    ids = [s["id"] for s in gold.suggestions("news/libya")]
    History(gold).settle("news/libya", ids, [], "take both")
    assert sorted(s["text"] for s in gold.spans("news/libya")) == [
        "الرئيس رجب طيب أردوغان",
        "رجب طيب أردوغان",
    ]
    assert gold.suggestions("news/libya") == [] and gold.conflicts("news/libya") == 0
    assert gold.document("news/libya")["status"] == "reviewed"


def test_tagging_by_hand_over_a_conflict_sets_all_its_versions_aside(gold: AnnotationStore) -> None:
    gold.add_conflict("news/libya", {"huda": [(*ACTOR, "actor")], "omar": [(*NAME, "place")]})
    history = History(gold)
    start, end = at(ARTICLE, "طيب أردوغان")  # the adjudicator's own version
    history.tag("news/libya", start, end, "actor")
    assert gold.conflicts("news/libya") == 0
    assert {s["status"] for s in gold.suggestions("news/libya", status="rejected")} == {"rejected"}
    assert len(gold.suggestions("news/libya", status="rejected")) == 2
    assert gold.document("news/libya")["status"] == "reviewed"
    history.undo()
    assert gold.conflicts("news/libya") == 1 and gold.spans("news/libya") == []
    assert gold.document("news/libya")["status"] == "todo"


def test_conflicts_survive_a_reopen(store_path: Path) -> None:
    with AnnotationStore.open(store_path) as store:
        store.add_document(ARTICLE, doc_id="news/libya")
        store.add_conflict("news/libya", {"huda": [(*ACTOR, "actor")], "omar": []})
        store.compact()
    with AnnotationStore.open(store_path, read_only=True) as store:
        assert store.conflicts("news/libya") == 1
        assert store.documents()[0]["conflicts"] == 1
        assert versions(store) == {(*ACTOR, "actor"): ["huda"]}


def test_a_bad_conflict_is_refused_and_nothing_is_kept(gold: AnnotationStore) -> None:
    with pytest.raises(ValueError, match="conflict in 'news/libya'"):
        gold.add_conflict("news/libya", {"huda": [(0, len(ARTICLE) + 5, "actor")]})
    assert gold.suggestions("news/libya") == []


class Proposal:
    def __init__(self, start: int, end: int, label: str) -> None:
        self.start, self.end, self.label, self.suggester = start, end, label, "claim/1"


def test_a_claim_accepted_with_its_speaker_is_linked_to_the_actor_suggested_there(
    gold: AnnotationStore,
) -> None:
    claim = at(ARTICLE, "بلاده ستـــرسل قوات 🇹🇷 إلى ليبيا")
    (claim_id,) = gold.add_suggestions("news/libya", [Proposal(*claim, "claim")])
    gold.put_suggestion(dict(gold.suggestion("news/libya", claim_id), speaker=list(NAME)))
    gold.add_suggestions("news/libya", [Proposal(*NAME, "actor")])
    history = History(gold)
    history.accept("news/libya", [claim_id])
    spans = {s["label"]: s for s in gold.spans("news/libya")}
    assert set(spans) == {"claim", "actor"} and spans["actor"]["text"] == "رجب طيب أردوغان"
    (link,) = gold.relations("news/libya")
    assert (link["type"], link["from"], link["to"]) == (
        "said_by",
        spans["claim"]["id"],
        spans["actor"]["id"],
    )
    assert gold.suggestions("news/libya") == []
    history.undo()  # one step: the claim, its speaker and the link all go back
    assert gold.spans("news/libya") == [] and gold.relations("news/libya") == []
    assert len(gold.suggestions("news/libya")) == 2


def test_a_claims_speaker_that_is_nowhere_adds_no_link(gold: AnnotationStore) -> None:
    claim = at(ARTICLE, "بلاده ستـــرسل قوات 🇹🇷 إلى ليبيا")
    (claim_id,) = gold.add_suggestions("news/libya", [Proposal(*claim, "claim")])
    gold.put_suggestion(dict(gold.suggestion("news/libya", claim_id), speaker=list(NAME)))
    History(gold).accept("news/libya", [claim_id])
    assert [s["label"] for s in gold.spans("news/libya")] == ["claim"]
    assert gold.relations("news/libya") == []


def test_a_bad_speaker_is_refused(gold: AnnotationStore) -> None:
    claim = at(ARTICLE, "بلاده ستـــرسل قوات")
    (claim_id,) = gold.add_suggestions("news/libya", [Proposal(*claim, "claim")])
    with pytest.raises(ValueError, match="speaker"):
        gold.put_suggestion(dict(gold.suggestion("news/libya", claim_id), speaker=["5", 9]))


def test_the_suggesters_speaker_is_kept_and_linked_on_accept(store_path: Path) -> None:
    from reader.assist import suggest

    text = "وقال وزير الخارجية المصري سامح شكري إنّ المحادثات ستُستأنف في القاهرة يوم ١٥ مارس 2024."
    with AnnotationStore.open(store_path) as store:
        store.add_document(text, doc_id="eg/talks")
        store.add_suggestions("eg/talks", suggest(text))
        claim = next(s for s in store.suggestions("eg/talks") if s["label"] == "claim")
        assert text[slice(*claim["speaker"])] == "سامح شكري"
        History(store).accept("eg/talks", [claim["id"]])
        spans = {s["id"]: s["text"] for s in store.spans("eg/talks")}
        (link,) = store.relations("eg/talks")
        assert spans[link["to"]] == "سامح شكري" and spans[link["from"]].startswith("المحادثات")
    with AnnotationStore.open(store_path, read_only=True) as store:  # and it was saved
        assert store.documents()[0]["spoken"] == {"claim": 1}
