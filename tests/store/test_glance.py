"""A glance at a store's first documents before opening it: exact, or None when unsure."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.store import AnnotationStore
from reader.store.glance import LIMIT, first_rows, glance
from reader.store.layout import file_name
from reader.store.tinyfile import Damage
from tests.store.test_store_migration import write_version_1

TEXTS = [
    "قالَ مسؤولٌ ليبيّ إنّ «حكومة الوفاق» طلبت دعماً من Recep Tayyip Erdoğan في ٢٠١٩.\r\n",
    "\ufeffالأمـــم المتحدة: 2020 عامٌ صعب 🙂 [تقرير]\n",
    "لا إله إلا الله — سطرٌ ثالث\n",
]


def make_store(path: Path, count: int = 3) -> list[dict]:
    with AnnotationStore.open(path) as store:
        for i in range(count):
            doc_id = store.add_document(TEXTS[i % 3] + f"رقم {i}", doc_id=f"news/{i:03}.txt")
            store.add_span(doc_id, 0, 3, "actor")
        store.compact()  # every row in the manifest, none only in the journal
        return [dict(row) for row in store.document_rows()]


def test_the_first_documents_are_the_stores_own(tmp_path: Path) -> None:
    rows = make_store(tmp_path / "s.json")
    seen = glance(tmp_path / "s.json")
    assert seen is not None
    assert seen.rows == rows
    assert seen.text == TEXTS[0] + "رقم 0"  # (as stored: CRLF kept)
    assert seen.more is False


def test_a_long_manifest_gives_its_first_rows_and_says_there_are_more(tmp_path: Path) -> None:
    rows = make_store(tmp_path / "s.json", LIMIT + 5)
    seen = glance(tmp_path / "s.json")
    assert seen is not None and seen.more is True
    assert seen.rows == rows[:LIMIT]


def test_a_head_cut_inside_a_row_drops_that_row(tmp_path: Path) -> None:
    make_store(tmp_path / "s.json", 5)
    data = (tmp_path / "s.json").read_bytes()
    third = data.index(b'"3": {')
    rows, more = first_rows(data[: third + 20])  # (as if the read stopped there)
    assert [row["id"] for row in rows] == ["news/000.txt", "news/001.txt"]
    assert more is True


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda path: path.unlink(), id="no store"),
        pytest.param(lambda path: write_version_1(path), id="single-file layout"),
        pytest.param(
            lambda path: path.write_text(
                path.read_text().replace('"status": "todo"', '"status": 7', 1)
            ),
            id="a bad first row",
        ),
        pytest.param(
            lambda path: path.write_text(path.read_text().replace(",\n", ",\n\n", 1)),
            id="edited by hand",
        ),
        pytest.param(
            lambda path: (path.parent / "s.json.docs" / file_name("news/000.txt")).unlink(),
            id="first document file missing",
        ),
        pytest.param(
            lambda path: (path.parent / "s.json.docs" / file_name("news/000.txt")).write_bytes(
                b'{"_meta": {'
            ),
            id="first document file cut",
        ),
    ],
)
def test_anything_unexpected_gives_none(tmp_path: Path, spoil) -> None:
    path = tmp_path / "s.json"
    make_store(path)
    assert glance(path) is not None
    spoil(path)
    assert glance(path) is None


def test_a_store_with_no_documents_gives_none(tmp_path: Path) -> None:
    make_store(tmp_path / "s.json", 0)
    assert glance(tmp_path / "s.json") is None


def test_damage_in_the_head_is_damage() -> None:
    with pytest.raises(Damage):
        first_rows(
            b'{"_meta": {"1": {"format": "reader-store", "version": 2, "seq": 1}},\n"documents": {\n{}\n}}'
        )
