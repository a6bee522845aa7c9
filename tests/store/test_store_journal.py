"""The journal: checksummed lines, torn tails, replay after a crash, compaction and its backups."""

from __future__ import annotations

import json
import zlib
from pathlib import Path

import pytest

from reader.store import AnnotationStore, StoreDamagedError, journal
from reader.store.check import diagnose
from tests.helpers.store import ARTICLE, abandon, at, run_child


def test_a_line_is_checksum_space_json() -> None:
    line = journal.encode(7, [{"op": "del", "id": "قال"}])
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    payload = line[9:-1]
    assert int(line[:8], 16) == zlib.crc32(payload)
    assert json.loads(payload) == {"seq": 7, "ops": [{"op": "del", "id": "قال"}]}


def test_scan_reads_entries_and_ignores_a_torn_last_line() -> None:
    lines = [journal.encode(n, [{"op": "del", "id": str(n)}]) for n in (1, 2, 3)]
    whole = b"".join(lines)
    for cut in range(len(lines[2]) - 1):
        scan = journal.scan(lines[0] + lines[1] + lines[2][: cut + 1])
        assert [e.seq for e in scan.entries] == [1, 2] and not scan.damaged
        assert scan.torn and scan.good_end == len(lines[0] + lines[1])
    clean = journal.scan(whole)
    assert (
        [e.seq for e in clean.entries] == [1, 2, 3]
        and clean.torn is None
        and clean.good_end == len(whole)
    )
    # A last line whose bytes were lost (zeros after power loss) or flipped is torn too.
    assert journal.scan(whole + b"\0" * 40).torn
    flipped = whole[:-5] + bytes([whole[-5] ^ 1]) + whole[-4:]
    assert [e.seq for e in journal.scan(flipped).entries] == [1, 2]
    assert journal.scan(b"").entries == []


def test_scan_reports_damage_in_the_middle() -> None:
    lines = [journal.encode(n, [{"op": "del", "id": str(n)}]) for n in (1, 2, 3)]
    garbage = journal.scan(lines[0] + b"not a journal line\n" + lines[1] + lines[2])
    assert garbage.damaged == [(2, "too short or no checksum")]
    flipped = bytearray(lines[1])
    flipped[20] ^= 0x20
    assert journal.scan(lines[0] + bytes(flipped) + lines[2]).damaged[0] == (
        2,
        "checksum does not match",
    )
    gap = journal.scan(lines[0] + lines[2])
    assert gap.damaged == [(2, "entry 3 follows entry 1")]


def test_a_crash_before_close_loses_nothing_acknowledged(store_path: Path) -> None:
    done = run_child("crash", str(store_path), "40")
    assert done.returncode == 0, done.stderr
    acknowledged = done.stdout.split()
    assert len(acknowledged) == 40
    found = diagnose(store_path)
    assert found.ok and found.pending == 41  # the document and 40 spans, only in the journal
    with AnnotationStore.open(store_path) as store:
        assert {s["id"] for s in store.spans("crash.txt")} == set(acknowledged)
    assert diagnose(store_path).pending == 0  # close compacted them into the file


def test_a_torn_tail_is_ignored_then_cut_off_by_the_next_writer(store_path: Path) -> None:
    with AnnotationStore.open(store_path) as store:
        doc_id = store.add_document(ARTICLE)
        kept = store.add_span(doc_id, 0, 5, "place")
        journal_path = store.paths.journal
        abandon(store)
    torn = journal.encode(99, [{"op": "del", "id": kept}])[:30]
    with journal_path.open("ab") as handle:
        handle.write(torn)
    with AnnotationStore.open(store_path, read_only=True) as reader:
        assert reader.span(kept)["text"] == "ليبيا"
    with AnnotationStore.open(store_path) as store:
        assert not journal_path.read_bytes().endswith(torn)
        second = store.add_span(doc_id, *at(ARTICLE, "تركيا"), "place")
    with AnnotationStore.open(store_path) as store:
        assert {s["id"] for s in store.spans(doc_id)} == {kept, second}


def test_the_journal_is_compacted_when_it_outgrows_its_limit(store_path: Path) -> None:
    with AnnotationStore.open(store_path, journal_limit=2_000) as store:
        doc_id = store.add_document(ARTICLE)
        ids = [store.add_span(doc_id, n, n + 4, "claim") for n in range(60)]
        # The limit is the larger of journal_limit and the file itself (replay stays cheap).
        assert store.paths.journal.stat().st_size < max(2_000, store.path.stat().st_size) + 1_000
        assert store.paths.backup.exists() and store.paths.journal_backup.exists()
        assert diagnose(store_path).ok
    with AnnotationStore.open(store_path, read_only=True) as store:
        assert [s["id"] for s in store.spans(doc_id)] == ids


def test_commits_already_in_the_file_are_not_replayed_twice(store_path: Path) -> None:
    """A crash between compaction's rename of the file and its rotation of the journal."""
    with AnnotationStore.open(store_path) as store:
        doc_id = store.add_document(ARTICLE)
        first = store.add_span(doc_id, 0, 5, "place")
        store.delete_span(first)
        store.add_span(doc_id, 6, 10, "actor")
        old_journal = store.paths.journal.read_bytes()
        store.compact()
        store.paths.journal.write_bytes(old_journal)  # as if the rotation never happened
        expected = store.spans(doc_id)
        abandon(store)
    with AnnotationStore.open(store_path) as store:
        assert store.spans(doc_id) == expected
        assert diagnose(store_path).pending == 0


def test_a_journal_that_does_not_follow_the_file_is_damage(store_path: Path) -> None:
    with AnnotationStore.open(store_path) as store:
        doc_id = store.add_document(ARTICLE)
    # Commit 5 when the file ends at commit 1: commits 2-4 are missing somewhere.
    store_path.with_name("store.json.journal").write_bytes(
        journal.encode(5, [{"op": "doc", "doc": {"id": doc_id, "status": "done"}}])
    )
    before = store_path.read_bytes()
    with pytest.raises(StoreDamagedError, match="commits 2-4 are missing"):
        AnnotationStore.open(store_path)
    assert store_path.read_bytes() == before


def test_a_read_only_store_sees_the_journal_of_a_live_writer(store_path: Path) -> None:
    with AnnotationStore.open(store_path) as writer:
        doc_id = writer.add_document(ARTICLE)
        span_id = writer.add_span(doc_id, 0, 5, "place")
        with AnnotationStore.open(store_path, read_only=True) as reader:
            assert reader.span(span_id) == writer.span(span_id)
            writer.compact()
            writer.add_span(doc_id, 6, 10, "actor")
            assert len(reader.spans(doc_id)) == 1  # a snapshot as of opening
        with AnnotationStore.open(store_path, read_only=True) as reader:
            assert len(reader.spans(doc_id)) == 2


def test_a_crash_between_the_document_files_and_the_manifest_loses_nothing(
    store_path: Path, monkeypatch
) -> None:
    """Compaction writes the changed documents' files, then the manifest: a crash in between
    leaves files newer than the manifest. Opening replays only what each file lacks, and the
    list's counts follow the files."""
    import reader.store.store as store_module

    with AnnotationStore.open(store_path) as store:
        doc_id = store.add_document(ARTICLE, doc_id="libya")
        first = store.add_span(doc_id, *at(ARTICLE, "طرابلس"), "place")
    store = AnnotationStore.open(store_path)
    store.delete_span(first)  # replayed twice, this would fail: the span is gone
    second = store.add_span(doc_id, *at(ARTICLE, "أردوغان"), "actor")
    store.set_status(doc_id, "done")
    written = store_module.atomic_write

    def crash_at_the_manifest(path: Path, data: bytes, backup: bool = False) -> None:
        if path == store.path:
            raise OSError(5, "Input/output error", str(path))
        written(path, data, backup)

    monkeypatch.setattr(store_module, "atomic_write", crash_at_the_manifest)
    with pytest.raises(Exception, match="Input/output error"):
        store.compact()
    monkeypatch.undo()
    abandon(store)
    assert b'"place": 1' in store_path.read_bytes()  # the manifest is the old one
    with AnnotationStore.open(store_path) as store:
        assert [s["id"] for s in store.spans(doc_id)] == [second]
        (row,) = store.documents()
        assert (row["labels"], row["status"]) == ({"actor": 1}, "done")
    assert diagnose(store_path).ok
