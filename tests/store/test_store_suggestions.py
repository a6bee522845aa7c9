"""Suggestions in the store: apart from the spans, never counted, no duplicates, rejected ones
remembered across reopen and a crash, accepted ones spans with an origin, undo of each, and
export with and without them."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from reader.assist import Suggestion, suggest
from reader.formats.store_io import records_from_store
from reader.store import AnnotationStore
from reader.store.history import History
from tests.helpers.store import abandon, at

# Harakat, tatweel, lam-alef, both digit sets, a Latin name, brackets, quotes and an emoji.
TEXT = (
    "قال وزيرُ الخارجيـة (Ahmed Saleh) في القاهرة يوم ١٥ مارس ٢٠١١ إن «تركيا» لا تزال شريكاً 🌍\n"
    "وأضاف أمس أن وفد تركيا سيصل إلى بيروت في 3 أبريل 2012."
)
DOC = "news/cairo.txt"


@pytest.fixture
def store(store_path: Path):
    with AnnotationStore.open(store_path, annotator="huda") as store:
        store.add_document(TEXT, doc_id=DOC)
        yield store


def proposal(quote: str, label: str, occurrence: int = 1, suggester: str = "place/1") -> Suggestion:
    return Suggestion(*at(TEXT, quote, occurrence), label, suggester)


def test_suggestions_are_kept_apart_and_never_counted(store: AnnotationStore) -> None:
    ids = store.add_suggestions(DOC, suggest(TEXT))
    assert ids, "the suggesters found nothing in a text with dates and places"
    pending = store.suggestions(DOC)
    assert {s["id"] for s in pending} == set(ids)
    assert all(s["annotator"].split("/")[0] in ("date", "place", "actor", "claim") for s in pending)
    assert all(TEXT[s["start"] : s["end"]] == s["text"] for s in pending)
    assert store.spans(DOC) == []
    assert store.span_count() == 0
    assert store.documents()[0]["span_count"] == 0 and store.documents()[0]["labels"] == {}


def test_no_duplicates_and_a_persons_span_is_never_touched(store: AnnotationStore) -> None:
    start, end = at(TEXT, "القاهرة")
    mine = store.add_span(DOC, start, end, "place")
    before = store.span(mine)
    cairo, turkey = proposal("القاهرة", "place"), proposal("تركيا", "place")
    assert store.add_suggestions(DOC, [cairo]) == []  # a person's span is there already
    first = store.add_suggestions(DOC, [turkey, turkey])
    assert len(first) == 1
    assert store.add_suggestions(DOC, [turkey]) == []  # pending already
    assert store.add_suggestions(DOC, [Suggestion(0, len(TEXT) + 5, "date", "date/1")]) == []
    assert store.span(mine) == before
    assert len(store.spans(DOC)) == 1


def test_accept_makes_a_span_with_its_origin_and_undo_brings_the_suggestion_back(
    store: AnnotationStore,
) -> None:
    [suggestion_id] = store.add_suggestions(DOC, [proposal("بيروت", "place")])
    history = History(store)
    change = history.accept(DOC, [suggestion_id])
    [span] = store.spans(DOC)
    assert (span["text"], span["label"]) == ("بيروت", "place")
    assert span["origin"] == "suggestion:place/1"
    assert span["annotator"] == "huda"  # the person who confirmed it
    assert change.focus == span["id"]
    assert store.suggestions(DOC) == []
    assert store.document(DOC)["status"] == "in_progress"
    history.undo()
    assert store.spans(DOC) == []
    assert [s["id"] for s in store.suggestions(DOC)] == [suggestion_id]
    assert store.document(DOC)["status"] == "todo"
    history.redo()
    assert [s["origin"] for s in store.spans(DOC)] == ["suggestion:place/1"]


def test_an_accepted_span_keeps_its_origin_when_its_edge_is_fixed(store: AnnotationStore) -> None:
    [suggestion_id] = store.add_suggestions(
        DOC, [proposal("يوم ١٥ مارس ٢٠١١", "date", 1, "date/1")]
    )
    span_id = History(store).accept(DOC, [suggestion_id]).focus
    assert span_id is not None
    History(store).move(span_id, at(TEXT, "١٥ مارس ٢٠١١")[0], at(TEXT, "١٥ مارس ٢٠١١")[1])
    span = store.span(span_id)
    assert (span["text"], span["origin"]) == ("١٥ مارس ٢٠١١", "suggestion:date/1")


def test_reject_is_remembered_across_reopen_and_never_proposed_again(
    store_path: Path, store: AnnotationStore
) -> None:
    turkey = proposal("تركيا", "place")
    [suggestion_id] = store.add_suggestions(DOC, [turkey])
    History(store).reject(DOC, [suggestion_id])
    assert store.suggestions(DOC) == []
    store.close()
    with AnnotationStore.open(store_path) as again:
        assert [s["text"] for s in again.suggestions(DOC, "rejected")] == ["تركيا"]
        assert again.add_suggestions(DOC, [turkey]) == []
        assert again.suggestions(DOC) == []
        assert again.has_suggestions(DOC)


def test_undo_of_a_reject_makes_it_pending_again(store: AnnotationStore) -> None:
    [suggestion_id] = store.add_suggestions(DOC, [proposal("تركيا", "place")])
    history = History(store)
    history.reject(DOC, [suggestion_id])
    history.undo()
    assert [s["status"] for s in store.suggestions(DOC)] == ["pending"]


def test_accept_all_is_one_undoable_step(store: AnnotationStore) -> None:
    ids = store.add_suggestions(
        DOC,
        [proposal("تركيا", "place", 1), proposal("تركيا", "place", 2), proposal("بيروت", "place")],
    )
    history = History(store)
    history.accept(DOC, ids)
    assert [s["text"] for s in store.spans(DOC)] == ["تركيا", "تركيا", "بيروت"]
    assert store.documents()[0]["labels"] == {"place": 3}
    history.undo()
    assert store.spans(DOC) == [] and len(store.suggestions(DOC)) == 3
    assert not history.can_undo


def test_tag_all_is_one_step_and_suggest_reaches_other_documents(store: AnnotationStore) -> None:
    other = store.add_document("وصل وفد من تركيا إلى لتركيا وبتركيا.", doc_id="other")
    history = History(store)
    ranges = [at(TEXT, "تركيا", 1), at(TEXT, "تركيا", 2)]
    history.tag_all(DOC, ranges, "place")
    assert len(store.spans(DOC)) == 2
    text = store.document(other)["text"]
    found = {other: [Suggestion(*at(text, "تركيا", n), "place", "tag-all/1") for n in (1, 2, 3)]}
    history.suggest(DOC, found)
    assert [s["text"] for s in store.suggestions(other)] == ["تركيا"] * 3
    assert store.spans(other) == []
    history.undo()
    assert store.suggestions(other) == []
    history.undo()
    assert store.spans(DOC) == []


def test_suggestions_survive_a_crash(store_path: Path) -> None:
    store = AnnotationStore.open(store_path)
    store.add_document(TEXT, doc_id=DOC)
    ids = store.add_suggestions(DOC, suggest(TEXT))
    History(store).reject(DOC, ids[:1])
    abandon(store)  # no compaction: only the journal holds them
    with AnnotationStore.open(store_path) as again:
        assert len(again.suggestions(DOC)) == len(ids) - 1
        assert [s["id"] for s in again.suggestions(DOC, "rejected")] == ids[:1]


def test_suggestions_survive_kill_9(store_path: Path) -> None:
    script = (
        "import sys, time\n"
        "from reader.store import AnnotationStore\n"
        "from reader.assist import suggest\n"
        "s = AnnotationStore.open(sys.argv[1])\n"
        "t = sys.stdin.read()\n"
        "s.add_document(t, doc_id='d')\n"
        "print(len(s.add_suggestions('d', suggest(t))), flush=True)\n"
        "time.sleep(60)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(store_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    assert child.stdin is not None and child.stdout is not None
    child.stdin.write(TEXT)
    child.stdin.close()
    count = int(child.stdout.readline())
    os.kill(child.pid, signal.SIGKILL)
    child.wait(10)
    assert count > 0
    with AnnotationStore.open(store_path) as again:
        assert len(again.suggestions("d")) == count


def test_export_gives_annotations_only_unless_asked(store: AnnotationStore) -> None:
    ids = store.add_suggestions(DOC, [proposal("تركيا", "place"), proposal("بيروت", "place")])
    History(store).accept(DOC, ids[:1])
    documents = store.documents()
    [plain] = records_from_store(store, documents)
    assert [(s.text, s.extra.get("origin")) for s in plain.spans] == [
        ("تركيا", "suggestion:place/1")
    ]
    [both] = records_from_store(store, documents, include_suggestions=True)
    assert [(s.text, s.extra.get("suggestion", False)) for s in both.spans] == [
        ("تركيا", False),
        ("بيروت", True),
    ]


def test_export_command_with_and_without_suggestions(store_path: Path, tmp_path: Path) -> None:
    with AnnotationStore.open(store_path) as store:
        store.add_document(TEXT, doc_id=DOC)
        store.add_suggestions(DOC, [proposal("بيروت", "place")])
    env = {**os.environ, "READER_STORE": str(store_path), "NO_COLOR": "1"}
    lines = {}
    for flag in ([], ["--include-suggestions"]):
        out = subprocess.run(
            [sys.executable, "-m", "reader", "export", *flag],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            check=True,
        ).stdout
        lines[bool(flag)] = json.loads(out.splitlines()[0])
    assert lines[False]["spans"] == []
    [span] = lines[True]["spans"]
    assert span["suggestion"] is True and span["label"] == "place"
    assert TEXT[span["start"] : span["end"]] == "بيروت"


def test_tagging_over_a_suggestion_of_its_label_sets_the_suggestion_aside_in_the_same_step(
    store: AnnotationStore,
) -> None:
    doc = DOC
    start, end = at(TEXT, "القاهرة")
    # The suggestion takes one character more than the person will: "a full stop more".
    store.add_suggestions(doc, [Suggestion(start, end + 1, "place", "place/1")])
    other = proposal("القاهرة", "date", suggester="date/1")
    store.add_suggestions(doc, [other])
    history = History(store)
    history.tag(doc, start, end, "place")
    assert [s["label"] for s in store.suggestions(doc)] == ["date"]  # another label stays
    history.undo()
    assert {s["label"] for s in store.suggestions(doc)} == {"place", "date"}
    assert store.spans(doc) == []
    history.redo()
    store.add_suggestions(doc, [Suggestion(start, end + 1, "place", "place/1")])
    assert [s["label"] for s in store.suggestions(doc)] == ["date"]  # rejected: not again
