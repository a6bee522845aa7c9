"""Hostile files and broken disks (issue 10): one clear line, never a traceback, never silent loss."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from reader.errors import ReaderError
from reader.store import AnnotationStore, StoreDamagedError, StoreError, journal
from reader.store import files as store_files
from reader.store.check import diagnose
from reader.store.layout import file_name
from tests.helpers.cli import run
from tests.helpers.store import ARTICLE, abandon, at, snapshot_files

QUOTES = [
    "ليبيا",
    "طرابلس",
    "تركيا",
    "رجب طيب أردوغان",
    "١٢ ديسمبر 2019",
    "🇹🇷",
    "Reuters",
    "قوات",
    "الإعلان",
    "الشهر",
]


def crashed_with_ten_commits(store_path: Path) -> dict[str, str]:
    """A compacted document, then ten spans each in its own journal line, then a crash."""
    with AnnotationStore.open(store_path) as store:
        store.add_document(ARTICLE, doc_id="libya")
    store = AnnotationStore.open(store_path)
    spans = {store.add_span("libya", *at(ARTICLE, quote), "place"): quote for quote in QUOTES}
    abandon(store)
    return spans


def flip(path: Path, line: int) -> bytes:
    """Flip one bit inside the JSON of journal line `line` (from 1); returns the line as it was."""
    lines = path.read_bytes().splitlines(keepends=True)
    original = lines[line - 1]
    damaged = bytearray(original)
    damaged[40] ^= 0x01
    lines[line - 1] = bytes(damaged)
    path.write_bytes(b"".join(lines))
    return original


# -- damage in the journal ------------------------------------------------------------------------


def test_a_flipped_bit_in_the_last_complete_line_is_damage_not_a_torn_write(
    store_path: Path, capsys
) -> None:
    spans = crashed_with_ten_commits(store_path)
    journal_path = store_path.with_name("store.json.journal")
    flip(journal_path, 10)
    before = snapshot_files(store_path.parent)
    for read_only in (True, False):
        with pytest.raises(
            StoreDamagedError,
            match=r"line 10 is unreadable \(checksum does not match\): commit \d+ is lost",
        ):
            AnnotationStore.open(store_path, read_only=read_only)
    assert snapshot_files(store_path.parent).keys() - {"store.json.lock"} == before.keys() - {
        "store.json.lock"
    }
    assert journal_path.read_bytes() == before["store.json.journal"]  # never truncated

    code, out, err = run(capsys, "stats", "--store", str(store_path))
    assert code == 1 and "line 10 is unreadable" in err and err.count("\n") == 1
    code, out, _ = run(capsys, "check", "--store", str(store_path))
    assert code == 1 and "is lost (it seems to hold: span" in out and "'place' in 'libya'" in out

    code, out, _ = run(capsys, "check", "--repair", "--store", str(store_path))
    assert code == 0, out
    assert (
        "repair   kept store.json.journal as it was in " in out and "line 10 is unreadable" in out
    )
    copies = list(store_path.parent.glob("store.json.journal.damaged-*"))
    assert [copy.read_bytes() for copy in copies] == [before["store.json.journal"]]
    with AnnotationStore.open(store_path, read_only=True) as store:
        kept = {span["id"] for span in store.spans("libya")}
    lost = set(spans) - kept
    assert len(kept) == 9 and len(lost) == 1
    assert lost.pop() in out  # the report names the span that was lost


def test_every_intact_commit_after_a_damaged_line_is_kept(store_path: Path, capsys) -> None:
    spans = crashed_with_ten_commits(store_path)
    journal_path = store_path.with_name("store.json.journal")
    flip(journal_path, 3)
    code, out, _ = run(capsys, "check", "--store", str(store_path))
    assert code == 1 and "line 3 is unreadable (checksum does not match)" in out
    code, out, _ = run(capsys, "check", "--repair", "--store", str(store_path))
    assert code == 0 and "ok: 1 documents, 9 spans" in out
    with AnnotationStore.open(store_path) as store:
        kept = {span["id"]: span["text"] for span in store.spans("libya")}
    assert len(kept) == 9 and kept.items() <= spans.items()
    (lost,) = set(spans) - set(kept)
    assert f"span {lost} 'place' in 'libya'" in out
    assert spans[lost] == QUOTES[2]  # the third span: the third line


def test_a_deletion_whose_span_was_lost_is_reported_not_guessed(store_path: Path, capsys) -> None:
    with AnnotationStore.open(store_path) as store:
        store.add_document(ARTICLE, doc_id="libya")
    store = AnnotationStore.open(store_path)
    first = store.add_span("libya", *at(ARTICLE, "ليبيا"), "place")
    second = store.add_span("libya", *at(ARTICLE, "تركيا"), "place")
    store.delete_span(first)
    abandon(store)
    flip(store_path.with_name("store.json.journal"), 1)  # the line that added `first`
    code, out, _ = run(capsys, "check", "--repair", "--store", str(store_path))
    assert code == 0
    assert f"deletes unknown span '{first}'" in out and ": lost" in out
    with AnnotationStore.open(store_path, read_only=True) as store:
        assert [span["id"] for span in store.spans("libya")] == [second]


# -- what the store path and its side files may be ---------------------------------------------------


def test_a_fifo_as_the_store_is_refused_by_type_and_never_hangs(tmp_path: Path, capsys) -> None:
    fifo = tmp_path / "store.json"
    os.mkfifo(fifo)
    for read_only in (True, False):
        with pytest.raises(StoreError, match=r"is a FIFO \(named pipe\), not a regular file"):
            AnnotationStore.open(fifo, read_only=read_only)
    for args in (["stats"], ["check"], ["check", "--repair"]):
        code, _out, err = run(capsys, *args, "--store", str(fifo))
        assert code == 1 and "not a regular file" in err and err.count("\n") == 1
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_device_as_the_store_is_never_written(capsys) -> None:
    code, _out, err = run(capsys, "check", "--repair", "--store", "/dev/null")
    assert code == 1 and err == (
        "reader: store path /dev/null is a character device, not a regular file; "
        "give the path of a store file\n"
    )
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_symlink_loop_as_the_store_is_one_line(tmp_path: Path, capsys) -> None:
    loop = tmp_path / "store.json"
    loop.symlink_to(tmp_path / "other.json")
    (tmp_path / "other.json").symlink_to(loop)
    code, _out, err = run(capsys, "stats", "--store", str(loop))
    assert code == 1 and "is a loop of symbolic links" in err and err.count("\n") == 1
    done = subprocess.run(
        [sys.executable, "-m", "reader", "check", "--store", str(loop)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr


@pytest.mark.parametrize("side", [".lock", ".journal"])
def test_a_planted_symlink_as_a_side_file_is_refused_and_its_target_untouched(
    side: str, store_path: Path, tmp_path: Path
) -> None:
    with AnnotationStore.open(store_path) as store:
        store.add_document(ARTICLE, doc_id="libya")
    victim = tmp_path / "victim.txt"
    victim.write_text("سطر لا يجوز أن يُمحى\n", encoding="utf-8")
    link = store_path.with_name(store_path.name + side)
    link.unlink(missing_ok=True)
    link.symlink_to(victim)
    with pytest.raises(
        StoreError, match=r"it is a symbolic link, and a store's own files must not be links"
    ) as error:
        AnnotationStore.open(store_path)
    assert "\n" not in str(error.value) and link.name in str(error.value)
    assert victim.read_text(encoding="utf-8") == "سطر لا يجوز أن يُمحى\n"


def test_a_symlinked_document_file_is_refused_when_read(store_path: Path, tmp_path: Path) -> None:
    with AnnotationStore.open(store_path) as store:
        store.add_document(ARTICLE, doc_id="libya")
    document = store_path.with_name("store.json.docs") / file_name("libya")
    elsewhere = tmp_path / "elsewhere.json"
    document.rename(elsewhere)
    document.symlink_to(elsewhere)
    with AnnotationStore.open(store_path, read_only=True) as store:
        with pytest.raises(StoreError, match="symbolic link"):
            store.spans("libya")


# -- lone surrogates --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda s: s.add_span("libya", 0, 5, "place", annotator="سارة\ud800"),
        lambda s: s.add_span("libya", 0, 5, "pl\udfffce"),
        lambda s: s.add_document("نص\ud800", doc_id="x"),
        lambda s: s.add_document("نص", doc_id="x\ud800"),
        lambda s: s.add_document("نص", doc_id="x", title="\ud800"),
        lambda s: s.add_document("نص", source="news/\ud800.txt"),
        lambda s: s.put_span(
            {
                "id": "s",
                "doc_id": "libya",
                "start": 0,
                "end": 5,
                "label": "place",
                "annotator": "\udc80",
            }
        ),
    ],
)
def test_a_lone_surrogate_is_refused_before_anything_changes(call, store_path: Path) -> None:
    store = AnnotationStore.open(store_path)
    store.add_document(ARTICLE, doc_id="libya")
    with pytest.raises(
        ValueError, match=r"not valid Unicode text: a lone surrogate U\+D[89A-F][0-9A-F]{2}"
    ):
        call(store)
    assert store.spans("libya") == [] and [row["id"] for row in store.documents()] == ["libya"]
    store.compact()
    store.add_span("libya", 0, 5, "place")
    store.close()
    with AnnotationStore.open(store_path, read_only=True) as again:
        assert [span["text"] for span in again.spans("libya")] == ["ليبيا"]


def test_a_bad_annotator_is_refused_when_the_store_opens(store_path: Path) -> None:
    with pytest.raises(ValueError, match="annotator is not valid Unicode") as error:
        AnnotationStore.open(store_path, annotator="bad\udcff")  # as from --annotator $'bad\xff'
    assert isinstance(error.value, ReaderError)  # the command line prints one line
    with AnnotationStore.open(store_path):  # no lock was left behind
        pass


# -- compaction errors ----------------------------------------------------------------------------


def test_compaction_on_a_full_disk_is_a_store_error_naming_the_path_and_cause(
    store_path: Path, monkeypatch
) -> None:
    store = AnnotationStore.open(store_path)
    store.add_document(ARTICLE, doc_id="libya")
    span_id = store.add_span("libya", *at(ARTICLE, "طرابلس"), "place")

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(args[0]))

    monkeypatch.setattr(store_files, "write_all", full)
    with pytest.raises(StoreError) as error:
        store.compact()
    message = str(error.value)
    assert "could not compact store" in message and "No space left on device" in message
    assert "every change is safe in" in message and "\n" not in message
    with pytest.raises(StoreError, match="No space left on device"):
        store.close()
    monkeypatch.undo()
    with AnnotationStore.open(store_path, read_only=True) as again:  # the journal kept it
        assert again.span(span_id)["text"] == "طرابلس"


# -- hostile JSON inside store files ---------------------------------------------------------------

HOSTILE = {
    "deep nesting": (b"[" * 200_000, "nested too deeply"),
    "a 5,000-digit number": (
        b'{"_meta": {"1": {"format": "reader-store", "version": 2, "seq": ' + b"9" * 5000 + b"}}}",
        "not readable JSON (Exceeds the limit",
    ),
}


@pytest.mark.parametrize("kind", HOSTILE)
@pytest.mark.parametrize("target", ["manifest", "document"])
def test_hostile_json_in_a_store_file_is_one_line_and_repairable(
    kind: str, target: str, store_path: Path, capsys
) -> None:
    with AnnotationStore.open(store_path) as store:
        store.add_document(ARTICLE, doc_id="libya")
        span_id = store.add_span("libya", *at(ARTICLE, "طرابلس"), "place")
    with AnnotationStore.open(store_path) as store:
        store.add_span("libya", *at(ARTICLE, "تركيا"), "place")  # so every file has a .bak
    data, problem = HOSTILE[kind]
    path = (
        store_path
        if target == "manifest"
        else store_path.with_name("store.json.docs") / file_name("libya")
    )
    path.write_bytes(data)
    with pytest.raises(StoreDamagedError, match=problem.replace("(", r"\(")) as error:
        with AnnotationStore.open(store_path, read_only=True) as store:
            store.spans("libya")
    assert "\n" not in str(error.value)
    code, out, err = run(capsys, "check", "--store", str(store_path))
    assert code == 1 and problem in out and err == ""
    code, out, err = run(capsys, "check", "--repair", "--store", str(store_path))
    assert code == 0 and "ok: 1 documents, 2 spans" in out, out + err
    with AnnotationStore.open(store_path, read_only=True) as store:
        assert store.span(span_id)["text"] == "طرابلس"


def test_a_checksummed_journal_line_nested_too_deeply_is_damage(store_path: Path, capsys) -> None:
    crashed_with_ten_commits(store_path)
    journal_path = store_path.with_name("store.json.journal")
    payload = b"[" * 200_000
    line = b"%08x " % __import__("zlib").crc32(payload) + payload + b"\n"
    journal_path.write_bytes(journal_path.read_bytes() + line)
    with pytest.raises(StoreDamagedError, match="nested too deeply"):
        AnnotationStore.open(store_path, read_only=True)
    code, out, _ = run(capsys, "check", "--repair", "--store", str(store_path))
    assert code == 0 and "ok: 1 documents, 10 spans" in out
    assert journal.scan(journal_path.read_bytes()).damaged == []


# -- data on the terminal ---------------------------------------------------------------------------

NASTY_ID = "[/b]\x1b]2;pwned\x07\u202eمقال"
NASTY_LABEL = "pl\x1b[31mace\x9b"


def test_stats_prints_ids_titles_and_labels_through_the_sanitiser(store_path: Path, capsys) -> None:
    with AnnotationStore.open(store_path) as store:
        store.add_document("[bold]عنوان\x1b]52;c;aGk=\x07[/bold]\n" + ARTICLE, doc_id=NASTY_ID)
        store.add_span(NASTY_ID, 0, 5, NASTY_LABEL)
    for args in (["stats"], ["stats", "--all"]):
        code, out, err = run(capsys, *args, "--store", str(store_path))
        assert code == 0 and err == ""
        assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out and "\u202e" not in out
        assert "[/b]" in out  # Rich markup is text here, not a tag
    code, out, _ = run(capsys, "stats", "--json", "--store", str(store_path))
    assert json.loads(out)["documents"][0]["id"] == NASTY_ID  # data stays exact in JSON


def test_check_and_repair_print_span_ids_through_the_sanitiser(store_path: Path, capsys) -> None:
    with AnnotationStore.open(store_path) as store:
        store.add_document(ARTICLE, doc_id="libya")
        store.put_span(
            {
                "id": "\x1b]2;pwned\x07\u202e",
                "doc_id": "libya",
                "start": 0,
                "end": 5,
                "label": NASTY_LABEL,
            }
        )
    document = store_path.with_name("store.json.docs") / file_name("libya")
    data = json.loads(document.read_text(encoding="utf-8"))
    data["spans"]["1"]["text"] = "غيرها"  # no longer the document's text at its offsets
    document.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    for args in (["check"], ["check", "--repair"]):
        _code, out, err = run(capsys, *args, "--store", str(store_path))
        assert "\x1b" not in out + err and "\u202e" not in out + err and "\x9b" not in out + err
        assert "␛]2;pwned␇" in out
    assert diagnose(store_path).ok


def test_a_dead_writers_temporary_files_go_at_the_next_compaction_not_at_open(
    store_path: Path,
) -> None:
    from reader.store import AnnotationStore
    from reader.store.files import StorePaths

    with AnnotationStore.open(store_path) as store:
        doc = store.add_document("خبر عاجل من القاهرة", doc_id="cairo")
    folder = StorePaths.of(store_path).documents
    stale = folder / ".cairo.json.tmp-4242"
    stale.write_text("{", encoding="utf-8")
    with AnnotationStore.open(store_path) as store:
        assert stale.exists()  # opening lists no document folder (10,000 files)
        store.add_span(doc, 0, 3, "date")
    assert not stale.exists()
