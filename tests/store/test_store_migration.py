"""A store of the single-file layout (version 1): read as is read-only, migrated on first writable open."""

from __future__ import annotations

import json
from pathlib import Path

from reader.formats.store_io import records_from_store
from reader.store import AnnotationStore, journal
from reader.store.check import diagnose
from tests.helpers.store import ARTICLE, at, snapshot_files

SECOND = "نصٌّ ثانٍ عن تونس\r\nفيه سطر آخر ٢٠٢٤ 😀"


def _span(span_id: str, doc_id: str, text: str, quote: str, label: str) -> dict:
    start, end = at(text, quote)
    return {
        "id": span_id,
        "doc_id": doc_id,
        "start": start,
        "end": end,
        "label": label,
        "text": quote,
        "prefix": text[max(0, start - 32) : start],
        "suffix": text[end : end + 32],
        "annotator": "سارة",
        "created": "2025-03-01T09:30:12Z",
        "updated": "2025-03-01T09:30:12Z",
        "orphaned": False,
    }


def write_version_1(path: Path) -> None:
    """A store as the first release wrote it: one TinyDB file, plus a journal with one more
    commit (a span, and a delete without a document id, as that release wrote deletes)."""
    documents = {
        "1": {
            "id": "libya",
            "title": "ليبيا",
            "source": "news/libya.txt",
            "status": "done",
            "sha256": "x",
            "text": ARTICLE,
        },
        "2": {
            "id": "tunis",
            "title": "نصٌّ",
            "source": None,
            "status": "todo",
            "sha256": "y",
            "text": SECOND,
        },
    }
    spans = {
        "1": _span("s1", "libya", ARTICLE, "طرابلس", "place"),
        "2": _span("s2", "libya", ARTICLE, "رجب طيب أردوغان", "actor"),
        "3": _span("s3", "tunis", SECOND, "تونس", "place"),
    }
    data = {
        "_meta": {"1": {"format": "reader-store", "version": 1, "seq": 7}},
        "documents": documents,
        "spans": spans,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    extra = _span("s4", "tunis", SECOND, "٢٠٢٤", "date")
    path.with_name(path.name + ".journal").write_bytes(
        journal.encode(8, [{"op": "span", "span": extra}])
        + journal.encode(9, [{"op": "del", "id": "s2"}])
    )


def export(store: AnnotationStore) -> list[str]:
    return [
        json.dumps(
            [record.text, record.id, record.meta, [vars(s) for s in record.spans]],
            ensure_ascii=False,
        )
        for record in records_from_store(store, store.documents())
    ]


def test_a_version_1_store_reads_read_only_untouched(store_path: Path) -> None:
    write_version_1(store_path)
    before = snapshot_files(store_path.parent)
    with AnnotationStore.open(store_path, read_only=True) as store:
        assert [row["id"] for row in store.documents()] == ["libya", "tunis"]
        assert {s["id"] for s in store.spans("libya")} == {"s1"}
        assert [s["text"] for s in store.spans("tunis")] == ["تونس", "٢٠٢٤"]
        assert store.documents()[1]["labels"] == {"place": 1, "date": 1}
    assert snapshot_files(store_path.parent) == before
    assert diagnose(store_path).ok


def test_the_first_writable_open_migrates_keeping_a_backup_and_exports_the_same(
    store_path: Path,
) -> None:
    write_version_1(store_path)
    before = snapshot_files(store_path.parent)
    with AnnotationStore.open(store_path, read_only=True) as store:
        exported = export(store)
    with AnnotationStore.open(store_path) as store:
        assert export(store) == exported
        store.add_span("tunis", *at(SECOND, "سطر"), "claim")
    manifest = json.loads(store_path.read_text(encoding="utf-8"))
    assert manifest["_meta"]["1"]["version"] == 2 and "text" not in manifest["documents"]["1"]
    kept = store_path.with_name("store.json.v1-backup")
    assert (kept / "store.json").read_bytes() == before["store.json"]
    assert (kept / "store.json.journal").read_bytes() == before["store.json.journal"]
    with AnnotationStore.open(store_path, read_only=True) as store:
        assert export(store)[0] == exported[0]
        assert [s["text"] for s in store.spans("tunis")] == ["تونس", "سطر", "٢٠٢٤"]
    assert diagnose(store_path).ok
