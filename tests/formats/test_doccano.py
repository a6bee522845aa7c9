"""doccano JSONL: UTF-16 offsets (as doccano's browser counts), and its export variants."""

import json

from reader.formats import doccano
from tests.helpers.arabic import TEXT, find, records, span_set
from tests.helpers.formats import messages, round_trip


def test_round_trip(tmp_path):
    result, written = round_trip("doccano", records(), tmp_path)
    assert written == [] and messages(result) == []
    for before, after in zip(records(), result.records, strict=False):
        assert (after.id, after.text, span_set(after)) == (before.id, before.text, span_set(before))


def test_offsets_written_are_utf16_units(tmp_path):
    path = tmp_path / "out.jsonl"
    with path.open("w", encoding="utf-8") as out:
        doccano.write(records()[:1], out)
    line = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    start, end = find(TEXT, "أحمد أبو الغيط")
    # 🌍 and 📰 come before: each is two UTF-16 units, so the span is 2 units later.
    assert [start + 2, end + 2, "actor"] in line["label"]
    assert {"start_offset": start + 2, "end_offset": end + 2, "label": "actor"}.items() <= next(
        e for e in line["entities"] if e["label"] == "actor"
    ).items()
    assert set(line) == {"id", "text", "label", "entities", "relations"}


def test_reads_label_labels_and_entities_variants(tmp_path):
    start, end = find(TEXT, "القاهرة")
    u16 = (start + 2, end + 2)
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        "\n".join(
            json.dumps(o, ensure_ascii=False)
            for o in [
                {"id": 7, "text": TEXT, "label": [[*u16, "place"]]},
                {"text": TEXT, "labels": [[*u16, "place"]]},
                {
                    "text": TEXT,
                    "entities": [
                        {"id": 1, "start_offset": u16[0], "end_offset": u16[1], "label": "place"}
                    ],
                    "relations": [{"from_id": 1, "to_id": 1, "type": "x"}],
                },
                {"text": "نص", "label": ["POSITIVE"]},
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    result = doccano.read(path)
    assert [r.id for r in result.records] == ["7", "mixed#2", "mixed#3", "mixed#4"]
    for record in result.records[:3]:
        assert span_set(record) == {(start, end, "place")}
    found = " | ".join(messages(result))
    assert "links span '1' to itself; link not imported" in found
    assert "document-level label 'POSITIVE'" in found


def test_offset_splitting_a_surrogate_pair_is_an_error(tmp_path):
    path = tmp_path / "split.jsonl"
    path.write_text(
        json.dumps({"text": "😀 مصر", "label": [[1, 6, "place"]]}) + "\n", encoding="utf-8"
    )
    result = doccano.read(path)
    assert result.records[0].spans == []
    assert any("surrogate pair" in m and f"{path}:1: error" in m for m in messages(result))


def test_json_array_export_is_read_with_lines(tmp_path):
    path = tmp_path / "array.json"
    path.write_text(
        '[\n  {"text": "مصر", "label": [[0, 3, "place"]]},\n  {"text": "x", "label": [[0, 9, "place"]]}\n]\n',
        encoding="utf-8",
    )
    result = doccano.read(path)
    assert span_set(result.records[0]) == {(0, 3, "place")}
    assert any(m.startswith(f"{path}:3: error") for m in messages(result))


def test_crlf_text_offsets_counted_with_cr_are_moved(tmp_path):
    text = "😀 سطر\r\nالقاهرة"
    u16 = text.encode("utf-16-le").decode("utf-16-le")  # same string; offsets below are UTF-16
    start = len(text[: text.index("القاهرة")].encode("utf-16-le")) // 2
    path = tmp_path / "crlf.jsonl"
    path.write_text(
        json.dumps({"text": u16, "label": [[start, start + 7, "place"]]}) + "\n", encoding="utf-8"
    )
    record = doccano.read(path).records[0]
    assert record.text == "😀 سطر\nالقاهرة"
    assert record.text[record.spans[0].start : record.spans[0].end] == "القاهرة"
