"""The adjudication rules without Textual: conflicts grouped back from the store, and each key
one History.settle step."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.editing.adjudicating import ALL, NONE, Adjudicating, conflicts_of
from reader.editing.annotating import Annotating, Refused
from reader.editing.library import Library
from tests.helpers.gold import CAIRO, at, make_gold


@pytest.fixture
def rules(tmp_path: Path):
    store = make_gold(tmp_path / "gold.json")
    library = Library.open([], store)
    annotating = Annotating(library)
    annotating.load(0)
    adjudicating = Adjudicating(annotating)
    adjudicating.load("un/cairo")
    yield adjudicating
    store.close()


def texts(rules: Adjudicating) -> list[str]:
    return sorted(s["text"] for s in rules.rules.library.store.spans("un/cairo"))


def test_conflicts_are_grouped_in_text_order_with_every_annotator(rules: Adjudicating) -> None:
    conflicts = rules.conflicts
    assert [CAIRO[c.start : c.end] for c in conflicts] == [
        "المتحدث باسم الخارجيـــة Stéphane Dujarric",
        "يوم 19 يناير 2020",
        "بيروت",
    ]
    assert all(c.among == ("huda", "omar") for c in conflicts)
    assert [s["text"] for s in conflicts[0].version("huda")] == ["Stéphane Dujarric"]
    assert conflicts[2].version("omar") == []  # omar marked nothing there: a version too


def test_rejected_records_are_no_conflict(rules: Adjudicating) -> None:
    records = rules.rules.library.store.suggestions("un/cairo")
    records[0]["status"] = "rejected"
    assert len(conflicts_of(records)) == 3  # its group still has the other version
    assert len(conflicts_of([r for r in records if r["group"] != records[0]["group"]])) == 2


def test_next_goes_round_the_document(rules: Adjudicating) -> None:
    starts = [c.start for c in rules.conflicts]
    first = rules.next(-1)
    assert first is not None and first.start == starts[0]
    assert [rules.next(c).start for c in starts] == [starts[1], starts[2], starts[0]]  # type: ignore[union-attr]


def test_take_each_kind_of_choice(rules: Adjudicating) -> None:
    actor, _date, beirut = rules.conflicts
    rules.take(actor.start, 2)  # omar's longer actor
    assert texts(rules) == sorted(["المتحدث باسم الخارجيـــة Stéphane Dujarric", "القاهرة"])
    rules.take(at(CAIRO, "19 يناير")[0], ALL)
    assert "19 يناير 2020" in texts(rules) and "يوم 19 يناير 2020" in texts(rules)
    store = rules.rules.library.store
    assert store.document("un/cairo")["status"] == "in_progress"
    rules.take(beirut.start, NONE)
    assert "بيروت" not in texts(rules) and rules.conflicts == []
    assert store.document("un/cairo")["status"] == "reviewed"
    taken = next(s for s in store.spans("un/cairo") if s["label"] == "actor")
    assert taken["annotators"] == ["omar"] and taken["annotator"] == "lina"


def test_undo_brings_a_conflict_back(rules: Adjudicating) -> None:
    rules.take(rules.conflicts[0].start, 1)
    assert len(rules.conflicts) == 2
    shown = rules.rules.undo()
    assert shown is not None
    rules.mirror(shown.change)
    assert len(rules.conflicts) == 3 and texts(rules) == ["القاهرة"]


def test_refused_where_it_cannot_act(rules: Adjudicating) -> None:
    with pytest.raises(Refused, match="No conflict under the caret"):
        rules.take(0, 1)
    with pytest.raises(Refused, match="2 versions, not 3"):
        rules.take(rules.conflicts[0].start, 3)
    assert len(rules.conflicts) == 3
