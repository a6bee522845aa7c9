"""Records into and out of the real store: one batch in, the same spans out."""

from reader.formats.records import Record, SpanRecord
from reader.formats.store_io import conflicts, import_records, records_from_store, select_documents
from reader.store import AnnotationStore
from tests.helpers.arabic import records, span_set
from tests.helpers.gold import CAIRO, at, make_gold


def test_import_then_export_gives_the_same_documents_and_spans(tmp_path):
    with AnnotationStore.open(tmp_path / "store.json", annotator="huda") as store:
        report = import_records(store, records())
        assert (report.documents, report.spans) == (2, 15)
        assert report.labels["actor"] == 6
        out = {r.id: r for r in records_from_store(store, store.documents())}
    for before in records():
        after = out[before.id]
        assert after.text == before.text and span_set(after) == span_set(before)
        assert after.meta["status"] == "done" and after.meta["source"] == "news/cairo.txt"
        assert all(s.annotator == "huda" and s.extra["created"] for s in after.spans)


def test_importing_twice_adds_nothing_new(tmp_path):
    with AnnotationStore.open(tmp_path / "store.json") as store:
        import_records(store, records())
        again = import_records(store, records())
        assert (again.documents, again.documents_existing, again.spans, again.spans_existing) == (
            0,
            2,
            0,
            15,
        )


def test_same_id_with_another_text_is_a_conflict_and_skipped(tmp_path):
    with AnnotationStore.open(tmp_path / "store.json") as store:
        import_records(store, records())
        other = Record("نص آخر تماماً", [SpanRecord(0, 2, "actor")], id="news/cairo")
        problems, skip = conflicts(store, [other], "x")
        assert len(problems) == 1 and problems[0].severity == "error" and skip == [other]
        import_records(store, [other], skip)
        assert store.document("news/cairo")["text"] == records()[0].text


def test_select_by_id_and_status(tmp_path):
    with AnnotationStore.open(tmp_path / "store.json") as store:
        import_records(store, records())
        store.set_status("news/beirut", "todo")
        assert [d["id"] for d in select_documents(store, statuses=["done"])] == ["news/cairo"]
        assert [d["id"] for d in select_documents(store, doc_ids=["news/beirut"])] == [
            "news/beirut"
        ]


def test_a_gold_spans_annotators_survive_export_and_import(tmp_path):
    """reader merge writes who made each agreed span; exporting the gold store to JSONL and
    importing it into another keeps that provenance (it was dropped on import)."""
    from reader.formats import jsonl

    with make_gold(tmp_path / "gold.json") as gold:
        gold.add_span("un/cairo", *at(CAIRO, "بيروت"), "place")  # none made up on the way back
        out = tmp_path / "gold.jsonl"
        with out.open("w", encoding="utf-8") as stream:
            jsonl.write(records_from_store(gold, gold.documents()), stream)
    result = jsonl.read(out)
    assert not result.diagnostics
    with AnnotationStore.open(tmp_path / "again.json") as again:
        import_records(again, result.records)
        spans = {s["text"]: s for s in again.spans("un/cairo")}
    assert spans["القاهرة"]["annotators"] == ["huda", "omar"]
    assert "annotators" not in spans["بيروت"]
