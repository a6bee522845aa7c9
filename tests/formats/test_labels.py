"""Label maps: parsing, pass-through, the unmapped-label error, dropping."""

import pytest

from reader.errors import ReaderError
from reader.formats.labels import apply_label_map, parse_label_map
from reader.formats.records import Record, SpanRecord

LABELS = ("actor", "place", "date", "claim")


def records(*labels):
    return [Record("نص " * 20, [SpanRecord(i, i + 2, label) for i, label in enumerate(labels)])]


def test_parse_pairs_and_repeats():
    assert parse_label_map(["PERS=actor, GPE=place", "DATE=date,MISC="]) == {
        "PERS": "actor",
        "GPE": "place",
        "DATE": "date",
        "MISC": None,
    }
    assert parse_label_map(None) is None


@pytest.mark.parametrize(
    "spec, message",
    [
        (["PERS"], "has no '='"),
        (["=actor"], "no source label"),
        (["PERS=actor,PERS=place"], "maps 'PERS' twice"),
    ],
)
def test_parse_errors(spec, message):
    with pytest.raises(ReaderError, match=message):
        parse_label_map(spec)


def test_unmapped_labels_are_listed_with_counts_in_one_line():
    recs = records("PERS", "ORG", "ORG", "MISC", "ORG", "GPE")
    with pytest.raises(ReaderError) as error:
        apply_label_map(recs, {"GPE": "place"}, LABELS, False, "x.conll")
    message = str(error.value)
    assert "\n" not in message
    assert "ORG (3), MISC (1), PERS (1)" in message
    assert "--drop-unmapped" in message
    assert [s.label for s in recs[0].spans] == [
        "PERS",
        "ORG",
        "ORG",
        "MISC",
        "ORG",
        "GPE",
    ]  # untouched


def test_without_a_map_labels_must_be_configured():
    with pytest.raises(ReaderError, match=r"not configured labels .*PERSON \(1\)"):
        apply_label_map(records("actor", "PERSON"), None, LABELS, False, "x.jsonl")
    recs = records("actor", "date")
    assert apply_label_map(recs, None, LABELS, False, "x.jsonl") == []
    assert [s.label for s in recs[0].spans] == ["actor", "date"]


def test_drop_unmapped_reports_counts_per_label():
    recs = records("PERS", "ORG", "ORG", "actor")
    diagnostics = apply_label_map(recs, {"PERS": "actor"}, LABELS, True, "x.conll")
    assert [s.label for s in recs[0].spans] == ["actor", "actor"]
    assert any("dropped 2 span(s) labelled 'ORG'" in d.message for d in diagnostics)


def test_map_to_nothing_drops_on_purpose():
    recs = records("PERS", "MISC")
    diagnostics = apply_label_map(recs, {"PERS": "actor", "MISC": None}, LABELS, False, "x")
    assert [s.label for s in recs[0].spans] == ["actor"]
    assert any("mapped to nothing" in d.message for d in diagnostics)


def test_map_targets_must_be_configured():
    with pytest.raises(ReaderError, match="not configured labels"):
        apply_label_map(records("PERS"), {"PERS": "person"}, LABELS, False, "x")


def test_spans_that_become_duplicates_are_merged():
    rec = Record("نص نص نص", [SpanRecord(0, 2, "PER"), SpanRecord(0, 2, "PERS")])
    diagnostics = apply_label_map([rec], {"PER": "actor", "PERS": "actor"}, LABELS, False, "x")
    assert len(rec.spans) == 1 and "duplicates" in diagnostics[0].message
