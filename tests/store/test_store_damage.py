"""Damaged files: a clear error, nothing touched; `reader check` says what is wrong; --repair recovers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.errors import ReaderError
from reader.store import AnnotationStore, StoreDamagedError
from reader.store.layout import file_name
from tests.helpers.store import ARTICLE, abandon, at, snapshot_files

QUOTES = ["ليبيا", "طرابلس", "تركيا", "رجب طيب أردوغان", "١٢ ديسمبر 2019", "🇹🇷", "Reuters"]


def populate(store_path: Path) -> dict[str, str]:
    """A store with a history: two compactions (so `.bak` and `.journal.bak`), then a crash with
    two spans only in the journal. Returns span id -> quote."""
    spans = {}
    with AnnotationStore.open(store_path) as store:
        store.add_document(ARTICLE, doc_id="libya")
        for quote in QUOTES[:3]:
            spans[store.add_span("libya", *at(ARTICLE, quote), "place")] = quote
    with AnnotationStore.open(store_path) as store:
        for quote in QUOTES[3:5]:
            spans[store.add_span("libya", *at(ARTICLE, quote), "actor")] = quote
    store = AnnotationStore.open(store_path)
    for quote in QUOTES[5:]:
        spans[store.add_span("libya", *at(ARTICLE, quote), "claim")] = quote
    abandon(store)
    return spans


def document_file(store_path: Path, doc_id: str = "libya") -> Path:
    """The file that holds one document's text and spans."""
    return store_path.with_name(store_path.name + ".docs") / file_name(doc_id)


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])


def _not_json(path: Path) -> None:
    path.write_bytes(b"<html><body>\xd9\x84\xd9\x8a\xd8\xa8\xd9\x8a\xd8\xa7</body></html>\n")


def _wrong_shape(path: Path) -> None:
    path.write_text(
        json.dumps([{"id": "libya", "text": ARTICLE}], ensure_ascii=False), encoding="utf-8"
    )


def _bad_record(path: Path) -> None:
    path = document_file(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    first = next(iter(data["spans"]))
    del data["spans"][first]["label"]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _foreign(path: Path) -> None:
    path.write_text('{"_default": {"1": {"name": "another program\'s TinyDB"}}}', encoding="utf-8")


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _journal_garbage(path: Path) -> None:
    journal = path.with_name(path.name + ".journal")
    lines = journal.read_bytes().splitlines(keepends=True)
    assert len(lines) == 2
    journal.write_bytes(
        lines[0] + b'deadbeef {"seq": 3, this is not what was written}\n' + lines[1]
    )


def _document(damage):
    return lambda path: damage(document_file(path))


DOCUMENT = "store.json.docs/" + file_name("libya")

DAMAGE = {
    "truncated": (_truncate, "store.json", "ends early"),
    "document truncated": (_document(_truncate), DOCUMENT, "ends early"),
    "document not JSON": (_document(_not_json), DOCUMENT, "not valid JSON"),
    "document empty": (_document(_empty), DOCUMENT, "empty"),
    "document missing": (lambda p: document_file(p).unlink(), DOCUMENT, "is missing"),
    "not JSON": (_not_json, "store.json", "not valid JSON"),
    "wrong shape": (_wrong_shape, "store.json", "expected a JSON object of tables, found a list"),
    "bad record": (_bad_record, DOCUMENT, "has no 'label'"),
    "empty": (_empty, "store.json", "empty"),
    "another program's TinyDB file": (_foreign, "store.json", "not a reader store"),
    "journal garbage": (_journal_garbage, "store.json.journal", "line 2 is unreadable"),
}


@pytest.mark.parametrize("kind", DAMAGE)
def test_a_damaged_store_is_refused_untouched_diagnosed_and_repaired(
    kind, store_path: Path, capsys
) -> None:
    spans = populate(store_path)
    damage, file_name, problem = DAMAGE[kind]
    damage(store_path)
    folder = store_path.parent
    before = snapshot_files(folder)
    damaged_file = folder / file_name

    for read_only in (False, True):
        with pytest.raises(StoreDamagedError) as refused:
            AnnotationStore.open(store_path, read_only=read_only)
        message = str(refused.value)
        assert (
            str(damaged_file) in message
            and problem in message
            and "reader check --repair" in message
        )
        assert "\n" not in message and isinstance(refused.value, ReaderError)
    with pytest.raises(StoreDamagedError):
        AnnotationStore.open_or_read_only(store_path)
    assert _without_lock(snapshot_files(folder)) == _without_lock(before)

    assert main(["check", "--store", str(store_path)]) == 1
    out = capsys.readouterr().out
    assert f"damaged  {damaged_file}: " in out and problem in out
    assert "reader check --repair" in out
    assert _without_lock(snapshot_files(folder)) == _without_lock(
        before
    )  # check alone writes nothing

    assert main(["check", "--repair", "--store", str(store_path)]) == 0
    out = capsys.readouterr().out
    assert "ok: 1 documents, 7 spans" in out
    copies = {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*.damaged-*")}
    if file_name in before:  # the damaged file is kept as it was
        assert f"repair   kept {damaged_file.name} as it was in " in out
        assert before[file_name] in copies.values()
    if kind == "journal garbage":
        assert any(
            name.startswith("store.json.journal.damaged-") and data == before["store.json.journal"]
            for name, data in copies.items()
        )
    # The backups are left as they were.
    for name, data in before.items():
        if name.endswith(".bak"):
            assert (folder / name).read_bytes() == data

    with AnnotationStore.open(store_path) as store:
        assert {s["id"]: s["text"] for s in store.spans("libya")} == spans
        assert store.document("libya")["text"] == ARTICLE
    assert main(["check", "--store", str(store_path)]) == 0


def test_check_counts_a_sound_store(store_path: Path, capsys) -> None:
    spans = populate(store_path)
    with AnnotationStore.open(store_path) as store:
        store.update_text("libya", ARTICLE.replace("Reuters", "رويترز"))  # one orphan
    assert main(["check", "--store", str(store_path)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == f"store    {store_path}"
    assert (
        f"ok: 1 documents, {len(spans)} spans, 0 journal entries pending, 1 orphaned spans, 0 spans whose text no longer equals"
        in out
    )
    assert main(["check", "--repair", "--store", str(store_path)]) == 0
    assert "repair   nothing to repair" in capsys.readouterr().out


def test_check_counts_pending_journal_entries_and_a_torn_tail(store_path: Path, capsys) -> None:
    populate(store_path)
    with store_path.with_name("store.json.journal").open("ab") as journal:
        journal.write(b"0000")
    assert main(["check", "--store", str(store_path)]) == 0
    out = capsys.readouterr().out
    assert "2 journal entries pending" in out and "unfinished last line (4 bytes)" in out


def test_a_hand_edited_text_is_a_problem_that_repair_reanchors(store_path: Path, capsys) -> None:
    spans = populate(store_path)
    with AnnotationStore.open(store_path):
        pass  # compact everything into the file
    document = document_file(store_path)
    data = json.loads(document.read_text(encoding="utf-8"))
    data["documents"]["1"]["text"] = "تحديث: " + ARTICLE.replace("Reuters", "رويترز")
    document.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with AnnotationStore.open(
        store_path, read_only=True
    ) as store:  # still opens: the data is all there
        assert len(store.spans("libya")) == len(spans)
    assert main(["check", "--store", str(store_path)]) == 1
    out = capsys.readouterr().out
    assert (
        f"problem: 1 documents, {len(spans)} spans" in out
        and f"{len(spans)} spans whose text no longer equals" in out
    )
    assert main(["check", "--repair", "--store", str(store_path)]) == 0
    out = capsys.readouterr().out
    assert "marked orphaned" in out and "moved from" in out
    with AnnotationStore.open(store_path, read_only=True) as store:
        by_quote = {s["text"]: s for s in store.spans("libya")}
        assert by_quote["Reuters"]["orphaned"] is True
        assert by_quote["طرابلس"]["start"] == at(ARTICLE, "طرابلس")[0] + len("تحديث: ")


def test_a_missing_file_with_a_journal_left_is_damage_not_a_fresh_start(
    store_path: Path, capsys
) -> None:
    spans = populate(store_path)
    store_path.unlink()
    with pytest.raises(
        StoreDamagedError, match=r"the file is missing but store\.json\.journal is there"
    ):
        AnnotationStore.open(store_path)
    assert not store_path.exists()
    assert main(["check", "--repair", "--store", str(store_path)]) == 0
    with AnnotationStore.open(store_path) as store:
        assert {s["id"] for s in store.spans("libya")} == set(spans)


def test_check_of_a_missing_store_and_repair_of_a_locked_one_are_one_line_errors(
    store_path: Path, capsys
) -> None:
    assert main(["check", "--store", str(store_path)]) == 1
    assert (
        capsys.readouterr().err
        == f"reader: there is no store at {store_path}; it is created when you first open or import\n"
    )
    with AnnotationStore.open(store_path):
        assert main(["check", "--repair", "--store", str(store_path)]) == 1
        err = capsys.readouterr().err
        assert (
            err.startswith(f"reader: store {store_path} is already open for writing by pid ")
            and err.count("\n") == 1
        )


def test_reader_check_as_a_command_prints_no_traceback(store_path: Path) -> None:
    populate(store_path)
    _truncate(store_path)
    done = subprocess.run(
        [sys.executable, "-m", "reader", "check", "--store", str(store_path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout
    assert "damaged" in done.stdout and "ends early" in done.stdout
    repaired = subprocess.run(
        [sys.executable, "-m", "reader", "check", "--repair", "--store", str(store_path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert repaired.returncode == 0 and "Traceback" not in repaired.stderr
    assert "ok: 1 documents, 7 spans" in repaired.stdout


def _without_lock(files: dict[str, bytes]) -> dict[str, bytes]:
    """The lock file holds the last writer's "pid host"; it is not data."""
    return {name: data for name, data in files.items() if not name.endswith(".lock")}


def test_after_a_repair_the_backup_chain_still_recovers_everything(
    store_path: Path, capsys
) -> None:
    spans = populate(store_path)
    _truncate(store_path)
    assert main(["check", "--repair", "--store", str(store_path)]) == 0
    store = AnnotationStore.open(store_path)
    spans[store.add_span("libya", *at(ARTICLE, "قوات"), "claim")] = "قوات"
    abandon(store)
    _truncate(store_path)  # damaged again, before any compaction
    assert main(["check", "--repair", "--store", str(store_path)]) == 0
    assert f"ok: 1 documents, {len(spans)} spans" in capsys.readouterr().out
    with AnnotationStore.open(store_path, read_only=True) as store:
        assert {s["id"]: s["text"] for s in store.spans("libya")} == spans


def test_a_lost_manifest_and_its_backup_are_rebuilt_from_the_document_files(
    store_path: Path, capsys
) -> None:
    spans = populate(store_path)
    with AnnotationStore.open(store_path) as store:
        store.add_document("نصٌّ ثانٍ عن تونس 😀", doc_id="تونس")
    for name in ("store.json", "store.json.bak", "store.json.journal", "store.json.journal.bak"):
        store_path.with_name(name).unlink()
    with pytest.raises(StoreDamagedError, match=r"store\.json\.docs is there"):
        AnnotationStore.open(store_path)
    assert not store_path.exists()
    assert main(["check", "--repair", "--store", str(store_path)]) == 0
    out = capsys.readouterr().out
    assert "started from the document files (no readable manifest)" in out
    assert "ok: 2 documents, 7 spans" in out
    with AnnotationStore.open(store_path, read_only=True) as store:
        assert {s["id"]: s["text"] for s in store.spans("libya")} == spans
        assert sorted(row["id"] for row in store.documents()) == ["libya", "تونس"]
