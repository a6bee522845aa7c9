"""The hostile gold NER corpora in ../shared/data/ner (never copied into this repository).

Each imports with a label map; every span's text equals its slice of the rebuilt text, and
the oddities each corpus is known for are reported with file and line. Skipped, with the
reason shown, where the shared data folder is absent (a fresh clone elsewhere).
"""

from collections import Counter
from pathlib import Path

import pytest

from reader.errors import ReaderError
from reader.formats import conll
from reader.formats.labels import apply_label_map
from tests.helpers.formats import messages

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "ner"
pytestmark = pytest.mark.skipif(
    not DATA.is_dir(), reason=f"shared gold corpora not found at {DATA}"
)
LABELS = ("actor", "place", "date", "claim")


def read_mapped(folder, mapping):
    result = conll.read(DATA / folder)
    dropped = apply_label_map(result.records, mapping, LABELS, True, folder)
    return result, dropped


def assert_spans_fit(result):
    for record in result.records:
        assert "\r" not in record.text and not record.text.startswith("\ufeff")
        for span in record.spans:
            assert record.text[span.start : span.end] == span.text
            assert span.text == span.text.strip()


def has(result, path, line, *needles):
    prefix = f"{DATA / path}:{line}: " if line else f"{DATA / path}: "
    return any(m.startswith(prefix) and all(n in m for n in needles) for m in messages(result))


def test_wojood_nested_columns_and_dates():
    mapping = {"PERS": "actor", "ORG": "actor", "GPE": "place", "LOC": "place", "DATE": "date"}
    result, dropped = read_mapped("wojood_sample", mapping)
    assert [r.id for r in result.records] == ["test", "train", "val"]
    assert_spans_fit(result)
    labels = Counter(s.label for r in result.records for s in r.spans)
    assert labels["date"] > 700 and labels["actor"] > 1000 and labels["place"] > 1000
    nested = sum(1 for r in result.records for s in r.spans if s.extra.get("column", 2) > 2)
    assert nested > 500  # inner entities from the extra columns
    train = result.records[1]
    assert "الأسد" in {
        s.text for s in train.spans if s.label == "actor"
    }  # inner PERS inside an ORG
    assert has(
        result,
        "wojood_sample/train.txt",
        12377,
        "I-FAC at the start of a sentence starts a new entity",
    )
    assert has(result, "wojood_sample/train.txt", 20, "350 '$#$' segment marker token(s)")
    assert any("dropped" in d.message and "'OCC'" in d.message for d in dropped)


def test_aqmar_tag_noise_is_reported_line_by_line():
    mapping = {"PER": "actor", "LOC": "place", "ORG": "actor"}
    result = conll.read(DATA / "aqmar")
    with pytest.raises(ReaderError) as error:
        apply_label_map(result.records, mapping, LABELS, False, "aqmar")
    assert (
        "MIS1 (1707)" in str(error.value)
        and "MISS1 (1)" in str(error.value)
        and "-ORG (1)" in str(error.value)
    )
    apply_label_map(result.records, mapping, LABELS, True, "aqmar")
    assert len(result.records) == 28
    assert_spans_fit(result)
    assert has(
        result, "aqmar/Enrico_Fermi.txt", 2268, "malformed tag 'I--ORG'", "did you mean I-ORG?"
    )
    assert has(result, "aqmar/Football.txt", 1855, "malformed tag 'OO'", "read as O")
    assert has(result, "aqmar/Crusades.txt", 2145, "malformed tag 'IO'")
    assert has(
        result, "aqmar/Football.txt", 1, "tag type 'MISS1' is rare (1 entity) and looks like 'MIS1'"
    )
    assert has(result, "aqmar/Summer_Olympics2004.txt", 1110, "malformed tag 'B-MIS1`'")
    assert has(result, "aqmar/Football.txt", 2, "I-MIS1 after B-MISS1 starts a new entity")
    assert has(result, "aqmar/Ibn_Tolun_Mosque.txt", 641, "U+200F RIGHT-TO-LEFT MARK")


def test_newsfane_bom_crlf_tab_breaks_and_invisible_marks():
    mapping = {
        "Politician": "actor",
        "Athlete": "actor",
        "Nation": "place",
        "Population-Center": "place",
    }
    result, dropped = read_mapped("newsfane_gold", mapping)
    assert len(result.records) == 1
    record = result.records[0]
    assert_spans_fit(result)
    assert (
        record.text.count("\n") == 4759
    )  # 4,760 sentences, a break line of only a TAB between each
    labels = Counter(s.label for s in record.spans)
    assert labels["actor"] > 2000 and labels["place"] > 3000
    name = "newsfane_gold/NewsFANE_Gold_2014_170K.txt"
    assert has(result, name, 1, "byte order mark (BOM) dropped")
    assert has(result, name, None, "CRLF line endings turned into LF")
    assert has(result, name, 1, "152599 token(s) contain U+200E LEFT-TO-RIGHT MARK")
    assert has(result, name, 45, "4759 sentence break(s) written as a line of only spaces or tabs")
    assert any("'Airport'" in d.message for d in dropped)
