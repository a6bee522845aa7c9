"""Carets kept between sessions, per store and document."""

from __future__ import annotations

from pathlib import Path

from reader.editing import positions
from reader.editing.positions import Positions


def test_positions_survive_a_new_session_and_stay_apart_per_store(tmp_path: Path) -> None:
    path = tmp_path / "state" / "positions.json"
    first = Positions(path, "/a/store.json")
    first.set("أخبار/ليبيا.txt", 120)
    first.save()
    again = Positions(path, "/a/store.json")
    assert again.get("أخبار/ليبيا.txt") == 120 and again.get("other.txt") == 0
    assert Positions(path, "/b/store.json").get("أخبار/ليبيا.txt") == 0


def test_an_unreadable_file_is_empty_and_the_oldest_are_forgotten(
    tmp_path: Path, monkeypatch
) -> None:
    path = tmp_path / "positions.json"
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
    first = Positions(tmp_path / "positions.json", "s")
    first.set(undecodable, 42)
    first.set("تقارير/ليبيا.txt", 7)
    first.save()  # used to raise UnicodeEncodeError when the app closed
    again = Positions(tmp_path / "positions.json", "s")
    assert again.get(undecodable) == 42 and again.get("تقارير/ليبيا.txt") == 7
    assert sorted(p.name for p in tmp_path.iterdir()) == ["positions.json"]
