"""Carets kept between sessions, per store and document."""

from __future__ import annotations

from pathlib import Path

from reader.editing import positions
from reader.editing.positions import Positions


def test_positions_survive_a_new_session_and_stay_apart_per_store(tmp_path: Path) -> None:
    path = tmp_path / "state" / "positions.tsv"
    first = Positions(path, "/a/store.json")
    first.set("أخبار/ليبيا.txt", 120)
    first.save()
    again = Positions(path, "/a/store.json")
    assert again.get("أخبار/ليبيا.txt") == 120 and again.get("other.txt") == 0
    assert Positions(path, "/b/store.json").get("أخبار/ليبيا.txt") == 0


def test_an_unreadable_file_is_empty_and_the_oldest_are_forgotten(
    tmp_path: Path, monkeypatch
) -> None:
    path = tmp_path / "positions.tsv"
    path.write_text("[" * 100_000, encoding="utf-8")
    kept = Positions(path, "s")
    assert kept.get("x") == 0
    monkeypatch.setattr(positions, "KEEP", 3)
    for n in range(5):
        kept.set(f"doc{n}", n)
    kept.save()
    assert [Positions(path, "s").get(f"doc{n}") for n in range(5)] == [0, 0, 2, 3, 4]


def test_an_id_with_an_undecodable_byte_is_kept_and_leaves_no_temporary_file(
    tmp_path: Path,
) -> None:
    # A file named in Latin-1 (café.txt) reaches Python as a lone surrogate for its é.
    undecodable = "أخبار/caf\udce9.txt"
    first = Positions(tmp_path / "positions.tsv", "s")
    first.set(undecodable, 42)
    first.set("تقارير/ليبيا.txt", 7)
    first.save()  # used to raise UnicodeEncodeError when the app closed
    again = Positions(tmp_path / "positions.tsv", "s")
    assert again.get(undecodable) == 42 and again.get("تقارير/ليبيا.txt") == 7
    assert sorted(p.name for p in tmp_path.iterdir()) == ["positions.tsv"]


HOSTILE_IDS = [
    "أخبار\\ليبيا.txt",  # a backslash
    "tab\there.txt",
    "line\nbreak\r\n.txt",
    "\\t not a tab, \\u0639 not ع, \\N{x} not an escape",
    "مَرْحَبًا — «اقتباس» 🙂\u2028\u2029\x85.txt",  # line separators other than \n kept as they are
]


def test_any_id_or_store_path_comes_back_the_same(tmp_path: Path) -> None:
    store = "/home/هدى/my\tstores\\store.json"
    first = Positions(tmp_path / "positions.tsv", store)
    for n, doc_id in enumerate(HOSTILE_IDS):
        first.set(doc_id, n + 1)
    first.save()
    again = Positions(tmp_path / "positions.tsv", store)
    assert [again.get(doc_id) for doc_id in HOSTILE_IDS] == list(range(1, len(HOSTILE_IDS) + 1))
    lines = (tmp_path / "positions.tsv").read_text(encoding="utf-8").split("\n")
    assert lines[0] == positions.HEADER and len(lines) == 2 + len(HOSTILE_IDS) + 1


def test_a_damaged_line_loses_only_itself(tmp_path: Path) -> None:
    path = tmp_path / "positions.tsv"
    path.write_bytes(
        f"{positions.HEADER}\n\ts\n12\tليبيا.txt\nجملة\tx\n5\tbad\\x escape\n٣\tdigits\n"
        f"6\tunknown \\q escape\n7\tok\n".encode()
        + b"8\tbad byte \xff\n9\tafter\n"
        + b"\tother\\\n99\tok\n"  # a damaged store line, then its caret
    )
    kept = Positions(path, "s")
    shown = [kept.get(d) for d in ("ليبيا.txt", "bad\\x escape", "digits", "unknown \\q escape")]
    assert shown == [12, 0, 0, 0]
    assert kept.get("ok") == 7  # a damaged store line's carets go to no store
    assert kept.get("after") == 9 and kept.get("bad byte \ufffd") == 8


def test_positions_of_the_earlier_json_file_are_kept(tmp_path: Path) -> None:
    legacy = tmp_path / "positions.json"
    legacy.write_text('{"s": {"\\u0623\\u062e\\u0628\\u0627\\u0631.txt": 33, "x": -1}}', "utf-8")
    moved = Positions(tmp_path / "positions.tsv", "s")
    assert moved.get("أخبار.txt") == 33 and moved.get("x") == 0
    moved.save()
    assert Positions(tmp_path / "positions.tsv", "s").get("أخبار.txt") == 33
