"""Links and notes through every format and back: the same claim -> actor pairs, the same
notes, with an emoji before the spans (UTF-16 offsets) and from a CRLF source."""

from __future__ import annotations

import json

import pytest

from reader.formats import brat, doccano, labelstudio
from reader.formats.records import RelationRecord
from tests.helpers.arabic import (
    DOCUMENT_NOTE,
    LINKED,
    PAIRS,
    SPAN_NOTE,
    linked_record,
    pairs,
)
from tests.helpers.formats import messages, round_trip

LINKING_FORMATS = ("jsonl", "brat", "doccano", "labelstudio")


@pytest.mark.parametrize("name", LINKING_FORMATS)
def test_claims_keep_their_speakers_and_notes_there_and_back(name, tmp_path):
    back, written = round_trip(name, [linked_record()], tmp_path)
    assert written == []
    assert not messages(back, "error")
    (record,) = back.records
    assert record.text == LINKED
    assert pairs(record) == PAIRS
    assert {r.type for r in record.relations} == {"said_by"}
    noted = {record.text[s.start : s.end]: s.note for s in record.spans if s.note}
    assert noted == {"القوات ستنسحب من المدينة خلال ٣ أيام": SPAN_NOTE}
    assert record.meta.get("note") == DOCUMENT_NOTE


@pytest.mark.parametrize("name", LINKING_FORMATS)
def test_a_crlf_source_keeps_its_links(name, tmp_path):
    """Written from a CRLF text: offsets count the CR, the reader normalises and moves them."""
    crlf = LINKED.replace("\n", "\r\n")
    record = linked_record(crlf)
    back, _ = round_trip(name, [record], tmp_path)
    assert back.records[0].text == LINKED
    assert pairs(back.records[0]) == PAIRS


def test_brat_writes_r_lines_notes_and_the_relation_config(tmp_path):
    round_trip("brat", [linked_record()], tmp_path)
    ann = (tmp_path / "out" / "news" / "truce.ann").read_text(encoding="utf-8")
    lines = ann.splitlines()
    tags = {line.split("\t")[0]: line.split("\t")[1] for line in lines}
    claim = next(t for t, body in tags.items() if body.startswith("claim") and t.startswith("T"))
    assert f"said_by Arg1:{claim} Arg2:" in ann
    assert f"#1\tAnnotatorNotes {claim}\tهل المتحدث رسمي؟\\nيُراجَع مع المحرر (editor)" in lines
    conf = (tmp_path / "out" / "annotation.conf").read_text(encoding="utf-8")
    assert "[relations]\nsaid_by\tArg1:claim, Arg2:actor\n" in conf
    assert conf.startswith("[entities]\nclaim\n") or "\nactor\n" in conf
    assert (tmp_path / "out" / "news" / "truce.note").read_text(encoding="utf-8") == DOCUMENT_NOTE


def test_brat_relation_with_unknown_argument_is_an_error_not_a_crash(tmp_path):
    (tmp_path / "d.txt").write_text("قال الوزير إن السلام قريب", encoding="utf-8")
    (tmp_path / "d.ann").write_text(
        "T1\tactor 4 10\tالوزير\nR1\tsaid_by Arg1:T9 Arg2:T1\nR2\tsaid_by T1\n", encoding="utf-8"
    )
    result = brat.read(tmp_path)
    errors = messages(result, "error")
    assert any(":2: error" in e and "'T9'" in e for e in errors)
    assert any(":3: error" in e and "malformed relation" in e for e in errors)
    assert result.records[0].relations == []


def test_doccano_relation_mode_has_integer_ids_and_utf16_offsets(tmp_path):
    path = tmp_path / "out.jsonl"
    with path.open("w", encoding="utf-8") as out:
        doccano.write([linked_record()], out)
    line = json.loads(path.read_text(encoding="utf-8"))
    entities = {e["id"]: e for e in line["entities"]}
    start = LINKED.index("المتحدثُ")
    actor = next(e for e in entities.values() if e["start_offset"] == start + 1)  # 📢 is 2 units
    links = {(r["from_id"], r["to_id"], r["type"]) for r in line["relations"]}
    assert any(to == actor["id"] and kind == "said_by" for _, to, kind in links)
    assert all(isinstance(r["from_id"], int) for r in line["relations"])
    assert line["Comments"] == [DOCUMENT_NOTE]


def test_labelstudio_relation_results_and_config(tmp_path):
    task = labelstudio.to_task(linked_record(), [])
    results = task["annotations"][0]["result"]
    relations = [r for r in results if r["type"] == "relation"]
    regions = {r["id"]: r for r in results if r["type"] == "labels"}
    assert len(relations) == 2
    for relation in relations:
        assert relation["direction"] == "right" and relation["labels"] == ["said_by"]
        assert regions[relation["from_id"]]["value"]["labels"] == ["claim"]
        assert regions[relation["to_id"]]["value"]["labels"] == ["actor"]
    notes = [r for r in results if r["type"] == "textarea"]
    assert {n["from_name"] for n in notes} == {"note", "document_note"}
    config = labelstudio.labeling_config(["actor", 'claim "x"'], ["said_by", "cites"])
    assert '<Relation value="said_by"/>' in config and '<Relation value="cites"/>' in config
    assert config.count("<Relation ") == 2
    assert (
        "<Label value='claim \"x\"'/>" in config or '<Label value="claim &quot;x&quot;"/>' in config
    )


def test_labelstudio_left_direction_swaps_the_ends(tmp_path):
    record = linked_record()
    task = labelstudio.to_task(record, [])
    for result in task["annotations"][0]["result"]:
        if result["type"] == "relation":
            result["from_id"], result["to_id"] = result["to_id"], result["from_id"]
            result["direction"] = "left"
    path = tmp_path / "tasks.json"
    path.write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    assert pairs(labelstudio.read(path).records[0]) == PAIRS


def test_a_link_to_a_span_that_was_not_written_is_reported(tmp_path):
    record = linked_record()
    record.relations.append(RelationRecord("c1", "gone", id="r3"))
    for name in LINKING_FORMATS:
        (tmp_path / name).mkdir()
        _, written = round_trip(name, [record], tmp_path / name)
        assert any("r3 not exported" in str(d) for d in written), name
