"""`reader PATH` around the app: what a folder leaves out and what the session added are said."""

from pathlib import Path

from reader.commands.open import added_note, skipped_note, unopened


def test_a_folders_subfolders_with_articles_are_named(tmp_path: Path) -> None:
    corpus = tmp_path / "مقالات"
    (corpus / "2019" / "مارس").mkdir(parents=True)
    (corpus / "empty").mkdir()
    (corpus / ".git").mkdir()
    (corpus / "libya.txt").write_text("ليبيا تطلب الدعم\n", encoding="utf-8")
    (corpus / "2019" / "مارس" / "خبر.txt").write_text("خبرٌ\n", encoding="utf-8")
    (corpus / ".git" / "x.txt").write_text("x", encoding="utf-8")
    found = unopened([corpus, corpus / "libya.txt"])
    assert found == [(corpus, [corpus / "2019"])]
    note = skipped_note(*found[0])
    assert "2019/" in note and f"reader import {corpus} -f text" in note
    assert unopened([corpus / "2019" / "مارس"]) == []


def test_what_was_added_is_said_sanitised(tmp_path: Path) -> None:
    assert added_note([], tmp_path / "s.json") == ""
    note = added_note(["خبر.txt", "a\x1b]2;x\x07.txt"], tmp_path / "s.json")
    assert note.startswith("added 2 documents to the store") and "خبر.txt" in note
    assert "\x1b" not in note
    many = added_note([f"{n}.txt" for n in range(8)], tmp_path / "s.json")
    assert "and 3 more" in many
