"""Undo and redo of annotation changes (reader.store.history), straight on a store, no Textual."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.store import AnnotationStore, NotFoundError, StoreReadOnlyError
from reader.store.history import Delete, History, Put, Status
from tests.helpers.store import ARTICLE, at

OTHER = "نص آخر عن طرابلس وبنغازي.\n"


@pytest.fixture
def store(store_path: Path):
    with AnnotationStore.open(store_path, annotator="huda") as store:
        store.add_document(ARTICLE, doc_id="libya")
        store.add_document(OTHER, doc_id="other")
        yield store


def ranges(store: AnnotationStore, doc_id: str = "libya") -> list[tuple[int, int, str]]:
    return [(s["start"], s["end"], s["label"]) for s in store.spans(doc_id)]


def test_tag_then_undo_and_redo_restore_the_same_span(store: AnnotationStore) -> None:
    history = History(store)
    start, end = at(ARTICLE, "طرابلس")
    change = history.tag("libya", start, end, "place")
    assert change.changed and change.step.name == "tag place"
    span = store.span(change.focus)
    assert span["text"] == "طرابلس" and store.document("libya")["status"] == "in_progress"
    assert change.applied == [Put(span), Status("libya", "in_progress")]

    undone = history.undo()
    assert store.spans("libya") == [] and store.document("libya")["status"] == "todo"
    assert undone.applied == [Status("libya", "todo"), Delete("libya", span["id"])]
    assert undone.focus is None and history.can_redo

    redone = history.redo()
    assert store.spans("libya") == [span]  # the same id, times and annotator
    assert store.document("libya")["status"] == "in_progress"
    assert redone.focus == span["id"] and not history.can_redo


def test_the_same_label_on_the_same_range_is_one_span(store: AnnotationStore) -> None:
    history = History(store)
    start, end = at(ARTICLE, "تركيا")
    first = history.tag("libya", start, end, "place")
    again = history.tag("libya", start, end, "place")
    assert not again.changed and again.step is None and again.focus == first.focus
    assert len(store.spans("libya")) == 1
    other = history.tag(
        "libya", start, end, "actor"
    )  # another label on the same range is another span
    assert other.changed and len(store.spans("libya")) == 2


def test_nested_spans_delete_relabel_and_undo_everything(store: AnnotationStore) -> None:
    history = History(store)
    claim = at(ARTICLE, "قالَ مسؤولٌ حكوميٌّ إنّ حكومة «الوفاق» في طرابلس طلبت من تركيا دعماً")
    history.tag("libya", *claim, "claim")
    actor = history.tag("libya", *at(ARTICLE, "حكومة «الوفاق»"), "actor").focus
    place = history.tag("libya", *at(ARTICLE, "طرابلس"), "place").focus
    before = store.spans("libya")
    assert len(before) == 3

    history.relabel(actor, "place")
    assert store.span(actor)["label"] == "place"
    history.delete(place)
    with pytest.raises(NotFoundError):
        store.span(place)

    history.undo()  # the delete
    history.undo()  # the relabel
    assert store.spans("libya") == before
    history.undo()
    history.undo()
    history.undo()
    assert store.spans("libya") == [] and history.undo() is None
    for _ in range(5):
        history.redo()
    assert ranges(store) == sorted(
        [(*claim, "claim"), (*at(ARTICLE, "حكومة «الوفاق»"), "place")],
        key=lambda r: (r[0], -r[1], r[2]),
    )


def test_relabel_or_move_onto_a_twin_merges_and_undo_splits_again(store: AnnotationStore) -> None:
    history = History(store)
    wide = at(ARTICLE, "وطرابلس") if "وطرابلس" in ARTICLE else at(ARTICLE, "في طرابلس")
    narrow = at(ARTICLE, "طرابلس")
    kept = history.tag("libya", *narrow, "place").focus
    moved = history.tag("libya", *wide, "place").focus
    change = history.move(moved, *narrow)  # shrink onto the existing span: one span
    assert change.focus == kept and [s["id"] for s in store.spans("libya")] == [kept]
    history.undo()
    assert {s["id"] for s in store.spans("libya")} == {kept, moved}

    actor = history.tag("libya", *narrow, "actor").focus
    merged = history.relabel(actor, "place")
    assert merged.focus == kept and len(store.spans("libya")) == 2
    assert history.undo().focus == actor and store.span(actor)["label"] == "actor"


def test_move_leaves_a_clitic_outside(store: AnnotationStore) -> None:
    history = History(store)
    start, end = at(ARTICLE, "وبرياً")
    span_id = history.tag("libya", start, end, "place").focus
    change = history.move(span_id, start + 1, end)
    assert store.span(span_id)["text"] == "برياً"
    assert change.applied == [Put(store.span(span_id))]
    history.undo()
    assert store.span(span_id)["text"] == "وبرياً"
    assert history.move(span_id, start, end).step is None  # no change, no step


def test_undo_across_documents_and_status(store: AnnotationStore) -> None:
    history = History(store)
    history.tag("libya", *at(ARTICLE, "تركيا"), "place")
    history.set_status("libya", "done")
    history.tag("other", *at(OTHER, "بنغازي"), "place")
    assert store.document("other")["status"] == "in_progress"
    assert history.peek_undo().doc_id == "other"
    assert history.undo().step.doc_id == "other"
    assert store.spans("other") == [] and store.document("other")["status"] == "todo"
    step = history.undo().step
    assert step.name == "mark done" and store.document("libya")["status"] == "in_progress"
    assert history.set_status("libya", "in_progress").step is None
    history.tag("libya", *at(ARTICLE, "ليبيا"), "place")  # a new change: nothing left to redo
    assert not history.can_redo


def test_a_span_tagged_in_a_done_document_keeps_it_done(store: AnnotationStore) -> None:
    history = History(store)
    history.set_status("libya", "done")
    change = history.tag("libya", *at(ARTICLE, "تركيا"), "place")
    assert store.document("libya")["status"] == "done" and len(change.step.forward) == 1


def test_every_change_survives_reopening(store_path: Path) -> None:
    with AnnotationStore.open(store_path) as store:
        store.add_document(ARTICLE, doc_id="libya")
        history = History(store)
        span_id = history.tag("libya", *at(ARTICLE, "تركيا"), "place").focus
        history.tag("libya", *at(ARTICLE, "أردوغان"), "actor")
        history.undo()
        history.relabel(span_id, "actor")
    with AnnotationStore.open(store_path, read_only=True) as store:
        assert ranges(store) == [(*at(ARTICLE, "تركيا"), "actor")]


def test_a_read_only_store_refuses_and_the_history_is_unchanged(store_path: Path) -> None:
    with AnnotationStore.open(store_path) as writer:
        writer.add_document(ARTICLE, doc_id="libya")
        reader = AnnotationStore.open_or_read_only(store_path)
        history = History(reader)
        with pytest.raises(StoreReadOnlyError):
            history.tag("libya", *at(ARTICLE, "تركيا"), "place")
        assert not history.can_undo
        reader.close()


def test_a_failed_undo_leaves_the_stacks_alone(store: AnnotationStore) -> None:
    history = History(store)
    span_id = history.tag("libya", *at(ARTICLE, "تركيا"), "place").focus
    store.delete_span(span_id)  # changed behind the history's back
    with pytest.raises(NotFoundError):
        history.undo()
    assert history.can_undo and not history.can_redo


def test_the_oldest_steps_are_forgotten_past_the_limit(store: AnnotationStore) -> None:
    history = History(store, limit=3)
    words = ["ليبيا", "تركيا", "طرابلس", "أردوغان", "Reuters"]
    for word in words:
        history.tag("libya", *at(ARTICLE, word), "place")
    while history.undo() is not None:
        pass
    assert [s["text"] for s in store.spans("libya")] == ["ليبيا", "تركيا"]
