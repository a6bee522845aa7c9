"""The documents list made from a glance at the store, then filled when the store opens."""

from __future__ import annotations

from pathlib import Path

from reader.editing.library import Library
from reader.store import AnnotationStore
from reader.store.glance import LIMIT, glance
from reader.store.layout import file_name
from tests.store.test_glance import TEXTS, make_store


def test_a_glance_lists_the_first_documents_with_the_first_text(tmp_path: Path) -> None:
    rows = make_store(tmp_path / "s.json", LIMIT + 2)
    seen = glance(tmp_path / "s.json")
    assert seen is not None
    library = Library.from_glance(seen)
    assert [entry.id for entry in library.entries] == [row["id"] for row in rows[:LIMIT]]
    assert library.entries[0].text == seen.text and library.entries[1].text is None
    assert library.entries[0].title == rows[0]["title"]
    assert library.more and library.glanced and library.store is None


def test_filling_lists_every_document_and_keeps_the_texts_read(tmp_path: Path) -> None:
    rows = make_store(tmp_path / "s.json", LIMIT + 2)
    seen = glance(tmp_path / "s.json")
    assert seen is not None
    library = Library.from_glance(seen)
    with AnnotationStore.open(tmp_path / "s.json") as store:
        store.add_span("news/001.txt", 4, 9, "place")  # (after the glance: in the journal)
        library.fill(store)
        assert [entry.id for entry in library.entries] == [row["id"] for row in rows]
        assert library.entries[0].text == seen.text  # not read again
        assert library.entries[1].span_count == 2
        assert not library.glanced and not library.more and library.store is store


def test_a_text_changed_since_the_glance_is_read_again(tmp_path: Path) -> None:
    make_store(tmp_path / "s.json")
    seen = glance(tmp_path / "s.json")
    assert seen is not None
    library = Library.from_glance(seen)
    with AnnotationStore.open(tmp_path / "s.json") as store:
        store.update_text("news/000.txt", "نصٌّ جديد عن Tripoli في ١٢ مايو\n")
        library.fill(store)
        assert library.entries[0].text is None  # (another text: read again)
        assert library.text(0) == "نصٌّ جديد عن Tripoli في ١٢ مايو\n"
        assert library.entries[0].title == "نصٌّ جديد عن Tripoli في ١٢ مايو"


def test_glanced_documents_are_read_from_their_files_until_the_store_opens(
    tmp_path: Path,
) -> None:
    make_store(tmp_path / "s.json")
    seen = glance(tmp_path / "s.json")
    assert seen is not None
    library = Library.from_glance(seen)
    assert library.text(1) == TEXTS[1] + "رقم 1"
    (tmp_path / "s.json.docs" / file_name("news/002.txt")).rename(tmp_path / "aside.json")
    assert library.text(2) is None and "still opening" in (library.entries[2].error or "")
    (tmp_path / "aside.json").rename(tmp_path / "s.json.docs" / file_name("news/002.txt"))
    with AnnotationStore.open(tmp_path / "s.json") as store:
        library.fill(store)
        assert library.entries[1].text == TEXTS[1] + "رقم 1"
        assert library.text(2) == TEXTS[2] + "رقم 2"
