"""The store's public API: documents, spans, validation, undo primitives, batches, persistence."""

from __future__ import annotations

import ast
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from tinydb import Query, TinyDB

import reader.store.store as store_module
from reader.errors import ReaderError
from reader.store import (
    STATUSES,
    AnnotationStore,
    NotFoundError,
    StoreError,
    StoreReadOnlyError,
)
from reader.store.model import default_annotator
from tests.helpers.store import ARTICLE, at, snapshot_files

ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


@pytest.fixture
def store(store_path: Path):
    with AnnotationStore.open(store_path, annotator="huda") as opened:
        yield opened


def test_open_creates_the_file_and_its_folders(store_path: Path) -> None:
    assert not store_path.parent.exists()
    with AnnotationStore.open(store_path) as store:
        assert store.path == store_path
        assert store.path.is_file()
        assert store.read_only is False
        assert store.lock_holder is None
        assert store.documents() == []


def test_document_ids_come_from_doc_id_then_source_then_the_text(store: AnnotationStore) -> None:
    assert store.add_document(ARTICLE, doc_id="libya-1", source="news/libya.txt") == "libya-1"
    assert store.add_document(ARTICLE, source="news/libya.txt") == "news/libya.txt"
    assert store.add_document(ARTICLE, source=Path("corpus/ليبيا.txt")) == "corpus/ليبيا.txt"
    expected = "sha-" + hashlib.sha256(ARTICLE.encode("utf-8")).hexdigest()[:12]
    assert store.add_document(ARTICLE) == expected
    assert [d["id"] for d in store.documents()] == [
        "libya-1",
        "news/libya.txt",
        "corpus/ليبيا.txt",
        expected,
    ]
    assert store.document_ids() == [d["id"] for d in store.documents()]


def test_a_document_keeps_its_full_text_and_metadata(store: AnnotationStore) -> None:
    doc_id = store.add_document("\n  \n" + ARTICLE, source="news/libya.txt")
    doc = store.document(doc_id)
    assert doc == {
        "id": "news/libya.txt",
        "title": "ليبيا تطلب رسمياً الدعم العسكري التركي",
        "source": "news/libya.txt",
        "status": "todo",
        "sha256": hashlib.sha256(("\n  \n" + ARTICLE).encode("utf-8")).hexdigest(),
        "text": "\n  \n" + ARTICLE,
    }
    long_line = "كلمة " * 40
    assert store.document(store.add_document(long_line))["title"] == long_line.strip()[:80]
    assert (
        store.document(store.add_document("نص", title="عنوان", status="done"))["title"] == "عنوان"
    )
    assert store.has_document(doc_id) and not store.has_document("nope")


def test_documents_lists_without_text_with_span_counts_in_insertion_order(
    store: AnnotationStore,
) -> None:
    second = store.add_document("النص الثاني", doc_id="b")
    first = store.add_document(ARTICLE, doc_id="a")
    store.add_span(first, *at(ARTICLE, "طرابلس"), "place")
    store.add_span(first, *at(ARTICLE, "أردوغان"), "actor")
    rows = store.documents()
    assert [row["id"] for row in rows] == [second, first]
    assert all("text" not in row for row in rows)
    assert [row["span_count"] for row in rows] == [0, 2]
    assert set(rows[0]) == {
        "id",
        "title",
        "source",
        "sha256",
        "status",
        "span_count",
        "labels",
        "orphaned",
        "links",
        "spoken",
        "conflicts",
    }
    assert rows[1]["labels"] == {"place": 1, "actor": 1} and rows[1]["orphaned"] == 0
    assert rows[1]["links"] == 0 and rows[1]["spoken"] == {} and rows[1]["conflicts"] == 0


def test_same_id_same_text_changes_nothing(store: AnnotationStore) -> None:
    doc_id = store.add_document(ARTICLE, doc_id="a", status="done")
    size = store.paths.journal.stat().st_size
    assert store.add_document(ARTICLE, doc_id="a", title="other", status="todo") == doc_id
    assert store.paths.journal.stat().st_size == size
    assert store.document(doc_id)["status"] == "done"
    assert store.last_reanchor is None


def test_missing_documents_and_spans_are_clear_key_errors(store: AnnotationStore) -> None:
    with pytest.raises(KeyError, match="no document 'missing'"):
        store.document("missing")
    with pytest.raises(NotFoundError, match="no span 'x'"):
        store.span("x")
    with pytest.raises(NotFoundError):
        store.spans("missing")
    with pytest.raises(NotFoundError):
        store.add_span("missing", 0, 1, "place")
    with pytest.raises(NotFoundError) as raised:
        store.delete_span("x")
    error = raised.value
    assert isinstance(error, ReaderError) and str(error).startswith(
        "there is no span 'x' in store "
    )


def test_a_span_carries_quote_context_and_provenance(store: AnnotationStore) -> None:
    doc_id = store.add_document(ARTICLE, doc_id="a")
    start, end = at(ARTICLE, "رجب طيب أردوغان")
    span_id = store.add_span(doc_id, start, end, "actor")
    span = store.span(span_id)
    assert span == store.spans(doc_id)[0]
    assert set(span) == {
        "id",
        "doc_id",
        "start",
        "end",
        "label",
        "text",
        "prefix",
        "suffix",
        "annotator",
        "created",
        "updated",
        "orphaned",
    }
    assert (span["id"], span["doc_id"], span["start"], span["end"], span["label"]) == (
        span_id,
        doc_id,
        start,
        end,
        "actor",
    )
    assert span["text"] == ARTICLE[start:end] == "رجب طيب أردوغان"
    assert span["prefix"] == ARTICLE[start - 32 : start] and len(span["prefix"]) == 32
    assert span["suffix"] == ARTICLE[end : end + 32]
    assert span["annotator"] == "huda"
    assert ISO.match(span["created"]) and span["created"] == span["updated"]
    assert span["orphaned"] is False


def test_context_is_shorter_at_the_edges(store: AnnotationStore) -> None:
    doc_id = store.add_document(ARTICLE)
    first = store.span(store.add_span(doc_id, 0, 5, "place"))
    assert (first["text"], first["prefix"]) == ("ليبيا", "")
    last = store.span(store.add_span(doc_id, len(ARTICLE) - 3, len(ARTICLE), "claim"))
    assert last["suffix"] == ""


def test_offsets_are_code_points_through_emoji_harakat_and_tatweel(store: AnnotationStore) -> None:
    doc_id = store.add_document(ARTICLE)
    for quote in (
        "🇹🇷",
        "👨‍👩‍👧",
        "ستـــرسل",
        "قالَ مسؤولٌ حكوميٌّ",
        "١٢ ديسمبر 2019",
        "«الوفاق»",
        "(جوياً وبرياً وبحرياً)",
        "Reuters",
        "لا لبس",
    ):
        start, end = at(ARTICLE, quote)
        assert store.span(store.add_span(doc_id, start, end, "claim"))["text"] == quote
    assert at(ARTICLE, "🇹🇷")[1] - at(ARTICLE, "🇹🇷")[0] == 2


def test_annotator_comes_from_the_call_then_the_store_then_the_login(store_path: Path) -> None:
    with AnnotationStore.open(store_path) as store:
        doc_id = store.add_document(ARTICLE)
        assert store.span(store.add_span(doc_id, 0, 5, "place"))["annotator"] == default_annotator()
        assert (
            store.span(store.add_span(doc_id, 0, 5, "date", annotator="omar"))["annotator"]
            == "omar"
        )
    with AnnotationStore.open(store_path, annotator="huda") as store:
        assert store.span(store.add_span(doc_id, 0, 4, "place"))["annotator"] == "huda"


def test_same_range_and_label_is_the_same_span(store: AnnotationStore) -> None:
    doc_id = store.add_document(ARTICLE)
    start, end = at(ARTICLE, "طرابلس")
    span_id = store.add_span(doc_id, start, end, "place")
    assert store.add_span(doc_id, start, end, "place", annotator="someone else") == span_id
    assert len(store.spans(doc_id)) == 1
    assert store.add_span(doc_id, start, end, "actor") != span_id  # another label is another span
    assert len(store.spans(doc_id)) == 2


def test_nested_and_overlapping_spans_are_kept_and_sorted(store: AnnotationStore) -> None:
    doc_id = store.add_document(ARTICLE)
    s, e = at(ARTICLE, "الرئيس رجب طيب أردوغان")
    outer = store.add_span(doc_id, s, e, "actor")
    inner = store.add_span(doc_id, s + 7, e, "actor")
    overlap = store.add_span(doc_id, s + 4, e + 5, "claim")
    same_start_a = store.add_span(doc_id, s, e, "claim")
    early = store.add_span(doc_id, 0, 5, "place")
    assert [span["id"] for span in store.spans(doc_id)] == [
        early,
        outer,
        same_start_a,
        overlap,
        inner,
    ]


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (-1, 3, "not a non-empty range"),
        (3, 3, "not a non-empty range"),
        (5, 2, "not a non-empty range"),
        (0, len(ARTICLE) + 1, "not a non-empty range"),
        (0.0, 3, "integer"),
        (True, 3, "integer"),
        ("0", 3, "integer"),
    ],
)
def test_bad_offsets_are_value_errors_that_say_why(
    store: AnnotationStore, start, end, message
) -> None:
    doc_id = store.add_document(ARTICLE)
    with pytest.raises(ValueError, match=message):
        store.add_span(doc_id, start, end, "place")
    assert store.spans(doc_id) == []


def test_labels_are_free_non_empty_strings(store: AnnotationStore) -> None:
    doc_id = store.add_document(ARTICLE)
    assert store.span(store.add_span(doc_id, 0, 5, "PERSON-مخصص"))["label"] == "PERSON-مخصص"
    for bad in ("", None, 3):
        with pytest.raises(ValueError, match="label"):
            store.add_span(doc_id, 0, 5, bad)  # type: ignore[arg-type]


def test_delete_then_put_restores_a_span_exactly(store: AnnotationStore) -> None:
    doc_id = store.add_document(ARTICLE)
    span_id = store.add_span(doc_id, *at(ARTICLE, "طرابلس"), "place")
    before = store.span(span_id)
    removed = store.delete_span(span_id)
    assert removed == before
    assert store.spans(doc_id) == []
    assert store.put_span(removed) is None
    assert store.span(span_id) == before
    assert (
        store.add_span(doc_id, before["start"], before["end"], "place") == span_id
    )  # dedupe index restored


def test_relabel_returns_the_previous_version_and_updates_the_time(
    store: AnnotationStore, monkeypatch
) -> None:
    doc_id = store.add_document(ARTICLE)
    monkeypatch.setattr(store_module, "now", lambda: "2025-01-01T10:00:00Z")
    span_id = store.add_span(doc_id, *at(ARTICLE, "طرابلس"), "place")
    monkeypatch.setattr(store_module, "now", lambda: "2025-01-01T10:05:00Z")
    previous = store.relabel_span(span_id, "actor")
    assert previous["label"] == "place" and previous["updated"] == "2025-01-01T10:00:00Z"
    current = store.span(span_id)
    assert current["label"] == "actor" and current["updated"] == "2025-01-01T10:05:00Z"
    assert current["created"] == "2025-01-01T10:00:00Z"
    assert store.put_span(previous) == current  # undo
    assert store.span(span_id) == previous


def test_move_recomputes_text_and_context_and_undoes(store: AnnotationStore) -> None:
    doc_id = store.add_document(ARTICLE)
    span_id = store.add_span(doc_id, *at(ARTICLE, "رجب"), "actor")
    start, end = at(ARTICLE, "رجب طيب أردوغان")
    previous = store.move_span(span_id, start, end)
    moved = store.span(span_id)
    assert (moved["start"], moved["end"], moved["text"]) == (start, end, "رجب طيب أردوغان")
    assert moved["suffix"] == ARTICLE[end : end + 32]
    with pytest.raises(ValueError, match="cannot move"):
        store.move_span(span_id, 10, 5)
    assert store.span(span_id) == moved
    store.put_span(previous)
    assert store.span(span_id) == previous


def test_put_span_inserts_with_defaults_and_reanchors_a_stale_quote(store: AnnotationStore) -> None:
    doc_id = store.add_document(ARTICLE)
    start, end = at(ARTICLE, "تركيا")
    assert (
        store.put_span(
            {"id": "mine", "doc_id": doc_id, "start": start, "end": end, "label": "place"}
        )
        is None
    )
    span = store.span("mine")
    assert span["text"] == "تركيا" and span["annotator"] == "huda" and ISO.match(span["created"])
    # A quote that moved (the text changed since the undo entry was made) is found again.
    stale = dict(span, start=start + 3, end=end + 3)
    assert store.put_span(stale) == span
    assert (store.span("mine")["start"], store.span("mine")["orphaned"]) == (start, False)
    with pytest.raises(ValueError, match="needs"):
        store.put_span({"id": "x", "label": "place"})


def test_set_status(store: AnnotationStore) -> None:
    doc_id = store.add_document(ARTICLE)
    assert STATUSES == ("todo", "in_progress", "done", "skipped", "reviewed")
    assert store.set_status(doc_id, "in_progress") == "todo"
    assert store.set_status(doc_id, "done") == "in_progress"
    assert store.document(doc_id)["status"] == "done"
    with pytest.raises(ValueError, match="status must be one of"):
        store.set_status(doc_id, "finished")
    with pytest.raises(ValueError, match="status must be one of"):
        store.add_document("نص", status="finished")


def test_everything_survives_close_and_reopen(store_path: Path) -> None:
    with AnnotationStore.open(store_path, annotator="huda") as store:
        doc_id = store.add_document(ARTICLE, source="news/libya.txt")
        other = store.add_document("نص آخر قصير", doc_id="other")
        ids = [
            store.add_span(doc_id, *at(ARTICLE, quote), label)
            for quote, label in (
                ("طرابلس", "place"),
                ("أردوغان", "actor"),
                ("١٢ ديسمبر 2019", "date"),
            )
        ]
        store.relabel_span(ids[0], "claim")
        store.delete_span(ids[1])
        store.set_status(other, "skipped")
        documents, spans = store.documents(), store.spans(doc_id)
    with AnnotationStore.open(store_path) as store:
        assert store.documents() == documents
        assert store.spans(doc_id) == spans
        assert store.document(doc_id)["text"] == ARTICLE


def test_reading_never_hands_out_the_stored_dicts(store: AnnotationStore) -> None:
    doc_id = store.add_document(ARTICLE)
    span_id = store.add_span(doc_id, 0, 5, "place")
    store.span(span_id)["label"] = "hacked"
    store.spans(doc_id)[0]["start"] = 99
    store.document(doc_id)["text"] = ""
    assert store.span(span_id)["label"] == "place" and store.spans(doc_id)[0]["start"] == 0
    assert store.document(doc_id)["text"] == ARTICLE


def test_a_batch_is_one_commit_and_all_or_nothing(store: AnnotationStore) -> None:
    doc_id = store.add_document(ARTICLE)
    lines = store.paths.journal.read_bytes().count(b"\n")
    with store.batch():
        for n in range(50):
            store.add_span(doc_id, n, n + 3, "claim")
        assert len(store.spans(doc_id)) == 50  # visible inside the batch
    assert store.paths.journal.read_bytes().count(b"\n") == lines + 1
    with pytest.raises(RuntimeError):
        with store.batch():
            store.add_span(doc_id, 100, 110, "claim")
            store.set_status(doc_id, "done")
            with store.batch():  # nested: joins the outer batch
                store.delete_span(store.spans(doc_id)[0]["id"])
            raise RuntimeError("import failed half way")
    assert len(store.spans(doc_id)) == 50 and store.document(doc_id)["status"] == "todo"
    assert store.paths.journal.read_bytes().count(b"\n") == lines + 1


def test_a_big_batch_goes_straight_into_the_tinydb_file(store_path: Path) -> None:
    with AnnotationStore.open(store_path) as store:
        doc_id = store.add_document(ARTICLE)
        with store.batch():
            for n in range(len(ARTICLE) - 2):
                for label in ("actor", "place", "date", "claim"):
                    store.add_span(doc_id, n, n + 2, label)
        assert store.paths.journal.stat().st_size == 0
        assert store.paths.journal_backup.stat().st_size > 0
        count = store.span_count()
    with AnnotationStore.open(store_path, read_only=True) as store:
        assert store.span_count() == count == 4 * (len(ARTICLE) - 2) > store_module.BIG_BATCH


def test_read_only_reads_but_refuses_changes(store_path: Path) -> None:
    with AnnotationStore.open(store_path) as store:
        doc_id = store.add_document(ARTICLE)
        span_id = store.add_span(doc_id, 0, 5, "place")
    before = snapshot_files(store_path.parent)
    with AnnotationStore.open(store_path, read_only=True) as reader:
        assert reader.read_only and reader.lock_holder is None
        assert reader.span(span_id)["text"] == "ليبيا"
        for change in (
            lambda: reader.add_span(doc_id, 0, 3, "date"),
            lambda: reader.delete_span(span_id),
            lambda: reader.add_document("نص"),
            lambda: reader.set_status(doc_id, "done"),
            lambda: reader.relabel_span(span_id, "x"),
            lambda: reader.move_span(span_id, 0, 2),
            lambda: reader.put_span(reader.span(span_id)),
            reader.batch().__enter__,
            reader.compact,
        ):
            with pytest.raises(StoreReadOnlyError, match="read-only") as error:
                change()
            assert isinstance(error.value, ReaderError)
    assert snapshot_files(store_path.parent) == before


def test_read_only_of_a_missing_store_is_a_clear_error(store_path: Path) -> None:
    with pytest.raises(StoreError, match="there is no store at"):
        AnnotationStore.open(store_path, read_only=True)
    assert not store_path.parent.exists()


def test_a_closed_store_says_so(store_path: Path) -> None:
    store = AnnotationStore.open(store_path)
    store.close()
    store.close()
    for call in (store.documents, lambda: store.add_document("نص"), lambda: store.span("x")):
        with pytest.raises(StoreError, match="closed"):
            call()
    with AnnotationStore.open(store_path):  # the lock was given back
        pass


def test_plain_tinydb_reads_the_manifest_and_the_document_files(store_path: Path) -> None:
    with AnnotationStore.open(store_path) as store:
        doc_id = store.add_document(ARTICLE, source="news/libya.txt")
        store.add_span(doc_id, *at(ARTICLE, "طرابلس"), "place")
        store.add_span(doc_id, *at(ARTICLE, "أردوغان"), "actor")
    manifest = TinyDB(store_path, access_mode="r", encoding="utf-8")
    row = manifest.table("documents").get(Query().id == doc_id)
    manifest.close()
    assert row["labels"] == {"place": 1, "actor": 1} and "text" not in row
    document = store_path.with_name("store.json.docs") / row["file"]
    db = TinyDB(document, access_mode="r", encoding="utf-8")
    places = db.table("spans").search(Query().label == "place")
    assert [span["text"] for span in places] == ["طرابلس"]
    assert db.table("documents").get(Query().id == doc_id)["text"] == ARTICLE
    db.close()
    assert "طرابلس" in document.read_text(encoding="utf-8")  # human-readable: no \\u escapes


def test_the_store_does_not_load_textual() -> None:
    code = "import sys, reader.store, reader.store.check; print('textual' in sys.modules)"
    assert (
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.strip()
        == "False"
    )


def test_the_store_imports_only_what_it_may() -> None:
    allowed_roots = set(sys.stdlib_module_names) | {"tinydb", "platformdirs", "orjson"}
    allowed_ours = {"reader.errors", "reader.config"}
    folder = Path(store_module.__file__).parent
    for source in folder.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else ([node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            )
            for name in names:
                ok = (
                    name.split(".")[0] in allowed_roots
                    or name in allowed_ours
                    or name == "reader.store"
                    or name.startswith("reader.store.")
                )
                assert ok, f"{source.name} imports {name}"


def test_an_unusable_path_is_a_one_line_store_error(tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(
        StoreError, match=r"cannot open store .*a-file/store.json for writing: Not a directory"
    ):
        AnnotationStore.open(blocker / "store.json")
    with pytest.raises(StoreError, match=r"store path .* is a directory, not a regular file"):
        AnnotationStore.open(tmp_path, read_only=True)
    from reader.cli import main

    assert main(["check", "--repair", "--store", str(blocker / "store.json")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("reader: cannot repair store") and err.count("\n") == 1


def test_a_symlinked_store_stays_a_symlink_and_shares_the_lock(tmp_path: Path) -> None:
    real = tmp_path / "real" / "store.json"
    with AnnotationStore.open(real) as store:
        doc_id = store.add_document(ARTICLE)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    with AnnotationStore.open(link) as store:
        assert store.path == real
        store.add_span(doc_id, 0, 5, "place")
        with pytest.raises(StoreError, match="already open for writing"):
            AnnotationStore.open(real)
    assert link.is_symlink()
    with AnnotationStore.open(real, read_only=True) as store:
        assert len(store.spans(doc_id)) == 1


def test_opening_listing_and_moving_read_only_what_they_concern(
    store_path: Path, monkeypatch
) -> None:
    """The scale rule, counted rather than timed: opening, listing documents with their counts
    and `reader stats` read no document file; moving to a document reads that one file."""
    with AnnotationStore.open(store_path) as store:
        for number in range(30):
            doc_id = store.add_document(f"مقال {number}\n" + ARTICLE, doc_id=f"news/{number}.txt")
            store.add_span(doc_id, *at(ARTICLE, "طرابلس"), "place")
            store.add_span(doc_id, *at(ARTICLE, "أردوغان"), "actor")
    from reader.commands.stats import gather
    from reader.store import loading

    read: list[str] = []
    parse = loading.parse_document

    def counting(data: bytes, doc_id: str | None, strict: bool = True):
        read.append(str(doc_id))
        return parse(data, doc_id, strict)

    monkeypatch.setattr(loading, "parse_document", counting)
    for read_only in (True, False):
        with AnnotationStore.open(store_path, read_only=read_only) as store:
            rows = store.documents()
            assert len(rows) == 30 and all(row["labels"]["place"] == 1 for row in rows)
            data = gather(store, ("place",))  # links and claims without a speaker: the manifest's
            assert data["labels"]["place"] == 30 and data["totals"]["links"] == 0
            assert read == []
            store.document("news/7.txt")
            store.spans("news/7.txt")
            assert read == ["news/7.txt"]
            read.clear()


def test_a_span_read_with_its_fields_in_another_order_is_written_back_in_order(
    tmp_path: Path,
) -> None:
    """Spans are kept as their file holds them (reading does not copy them into order); the
    next write of the document puts every span's fields in the documented order again."""
    from reader.store.layout import encode_document, parse_document
    from reader.store.model import SPAN_FIELDS
    from reader.store.tinyfile import read_tables

    path = tmp_path / "store.json"
    with AnnotationStore.open(path, annotator="هدى") as store:
        doc_id = store.add_document(ARTICLE, doc_id="ليبيا/١")
        store.add_span(doc_id, *at(ARTICLE, "طرابلس"), "place")
    file = next((tmp_path / "store.json.docs").glob("*.json"))
    _meta, tables = read_tables(file.read_bytes(), ("reader-document",))
    (record,) = tables["spans"].values()
    tables["spans"] = {"1": dict(reversed(list(record.items())))}
    file.write_text(json.dumps(tables, ensure_ascii=False), encoding="utf-8")

    data, problems = parse_document(file.read_bytes(), doc_id)
    assert problems == []
    assert tuple(next(iter(data.spans.values()))) == tuple(reversed(SPAN_FIELDS))
    _meta, tables = read_tables(encode_document(data, 1), ("reader-document",))
    (written,) = tables["spans"].values()
    assert tuple(written) == SPAN_FIELDS and written == record
