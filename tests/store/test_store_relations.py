"""Relations (a claim said by an actor) and notes: durable per change, undoable, kept with their spans."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main
from reader.store import AnnotationStore, NotFoundError
from reader.store.check import diagnose
from reader.store.history import History, Link, Note, Put, Unlink
from tests.helpers.store import ARTICLE, abandon, at

CLAIM = "بلاده ستـــرسل قوات 🇹🇷 إلى ليبيا في الشهر المقبل"
ACTOR = "رجب طيب أردوغان"


@pytest.fixture
def store(store_path: Path):
    with AnnotationStore.open(store_path, annotator="huda") as opened:
        yield opened


def claim_and_actor(store: AnnotationStore) -> tuple[str, str]:
    store.add_document(ARTICLE, doc_id="libya")
    claim = store.add_span("libya", *at(ARTICLE, CLAIM), "claim")
    actor = store.add_span("libya", *at(ARTICLE, ACTOR), "actor")
    return claim, actor


def test_a_relation_is_durable_once_added_and_added_once(store_path: Path) -> None:
    store = AnnotationStore.open(store_path, annotator="سارة")
    claim, actor = claim_and_actor(store)
    relation_id = store.add_relation("libya", claim, actor)
    assert store.add_relation("libya", claim, actor) == relation_id
    abandon(store)  # a crash right after: the journal has it
    with AnnotationStore.open(store_path, read_only=True) as again:
        (relation,) = again.relations("libya")
        assert relation["id"] == relation_id
        assert (relation["type"], relation["from"], relation["to"]) == ("said_by", claim, actor)
        assert relation["annotator"] == "سارة"
    with AnnotationStore.open(store_path) as store:  # compacted into the document's file
        pass
    with AnnotationStore.open(store_path, read_only=True) as again:
        assert again.relation(relation_id)["from"] == claim
    assert diagnose(store_path).ok


def test_a_relation_needs_two_spans_of_its_document(store: AnnotationStore) -> None:
    claim, actor = claim_and_actor(store)
    with pytest.raises(NotFoundError, match="no span 'nope'"):
        store.add_relation("libya", claim, "nope")
    with pytest.raises(ValueError, match="needs two spans"):
        store.add_relation("libya", claim, claim)
    with pytest.raises(ValueError, match="lone surrogate"):
        store.add_relation("libya", claim, actor, type="said\ud800")
    assert store.relations("libya") == []


def test_deleting_a_span_deletes_its_relations_in_one_commit_and_undo_restores_both(
    store: AnnotationStore,
) -> None:
    claim, actor = claim_and_actor(store)
    history = History(store)
    linked = history.link("libya", claim, actor)
    (relation,) = store.relations("libya")
    assert linked.applied == [Link(relation)]
    lines = store.paths.journal.read_bytes().count(b"\n")
    history.delete(actor)
    assert store.paths.journal.read_bytes().count(b"\n") == lines + 1  # one commit
    assert store.relations("libya") == [] and {s["id"] for s in store.spans("libya")} == {claim}
    history.undo()
    assert store.relations("libya") == [relation]
    assert {s["id"] for s in store.spans("libya")} == {claim, actor}
    history.redo()
    assert store.relations("libya") == []
    history.undo()
    history.undo()  # the link itself
    assert store.relations("libya") == [] and len(store.spans("libya")) == 2
    history.redo()
    assert store.relations("libya") == [relation]


def test_unlink_and_relink(store: AnnotationStore) -> None:
    claim, actor = claim_and_actor(store)
    history = History(store)
    history.link("libya", claim, actor)
    (relation,) = store.relations("libya")
    change = history.unlink(relation["id"])
    assert change.applied == [Unlink("libya", relation["id"])] and store.relations("libya") == []
    history.undo()
    assert store.relations("libya") == [relation]


def test_notes_on_a_document_and_a_span(store_path: Path) -> None:
    store = AnnotationStore.open(store_path)
    claim, _ = claim_and_actor(store)
    history = History(store)
    history.note("libya", "هل المصدر موثوق؟ check Reuters")
    history.note("libya", "المتحدث غير مسمّى", span_id=claim)
    assert store.document("libya")["note"] == "هل المصدر موثوق؟ check Reuters"
    assert store.span(claim)["note"] == "المتحدث غير مسمّى"
    abandon(store)
    with AnnotationStore.open(store_path) as store:
        assert store.document("libya")["note"] == "هل المصدر موثوق؟ check Reuters"
        history = History(store)
        change = history.note("libya", "", span_id=claim)  # "" removes it
        assert "note" not in store.span(claim)
        assert isinstance(change.applied[0], Put)
        history.undo()
        assert store.span(claim)["note"] == "المتحدث غير مسمّى"
        history.note("libya", "")
        assert "note" not in store.document("libya")
        undone = history.undo()
        assert undone is not None and undone.applied == [
            Note("libya", "هل المصدر موثوق؟ check Reuters")
        ]
    with AnnotationStore.open(store_path, read_only=True) as store:
        assert store.document("libya")["note"] == "هل المصدر موثوق؟ check Reuters"


def test_repair_reports_a_relation_whose_span_was_lost(store_path: Path, capsys) -> None:
    with AnnotationStore.open(store_path) as store:
        store.add_document(ARTICLE, doc_id="libya")
    store = AnnotationStore.open(store_path)
    claim = store.add_span("libya", *at(ARTICLE, CLAIM), "claim")
    actor = store.add_span("libya", *at(ARTICLE, ACTOR), "actor")
    other = store.add_span("libya", *at(ARTICLE, "طرابلس"), "place")
    relation_id = store.add_relation("libya", claim, actor)
    abandon(store)
    journal_path = store_path.with_name("store.json.journal")
    lines = journal_path.read_bytes().splitlines(keepends=True)
    damaged = bytearray(lines[1])  # the line that added the actor
    damaged[60] ^= 0x01
    lines[1] = bytes(damaged)
    journal_path.write_bytes(b"".join(lines))
    assert main(["check", "--repair", "--store", str(store_path)]) == 0
    out = capsys.readouterr().out
    assert f"relation {relation_id!r} links unknown span {actor!r}: lost" in out
    with AnnotationStore.open(store_path, read_only=True) as store:
        assert {s["id"] for s in store.spans("libya")} == {claim, other}
        assert store.relations("libya") == []


def test_the_manifest_counts_links_and_spoken_claims_so_stats_reads_no_file(tmp_path) -> None:
    from reader.store import AnnotationStore

    text = "قال المتحدث باسم الحكومة إن القوات ستنسحب. وأكد الوزير أن الحوار مستمر."
    path = tmp_path / "store.json"
    with AnnotationStore.open(path) as store:
        doc = store.add_document(text, doc_id="khabar")
        actor = store.add_span(doc, 4, len("قال المتحدث باسم الحكومة"), "actor")
        claim = store.add_span(doc, text.index("القوات"), text.index("."), "claim")
        store.add_span(doc, text.index("الحوار"), len(text) - 1, "claim")
        link = store.add_relation(doc, claim, actor)
        (row,) = store.documents()
        assert row["links"] == 1 and row["spoken"] == {"claim": 1}
        store.delete_relation(link)
        assert store.documents()[0]["spoken"] == {}
        store.add_relation(doc, claim, actor)
    with AnnotationStore.open(path, read_only=True) as again:  # from the manifest alone
        (row,) = again.documents()
        assert row["links"] == 1 and row["spoken"] == {"claim": 1}
