"""Label Studio tasks: UTF-16 offsets, annotations or predictions, and what is ignored."""

import json

import pytest

from reader.errors import ReaderError
from reader.formats import labelstudio
from tests.helpers.arabic import TEXT, find, records, span_set
from tests.helpers.formats import messages, round_trip


def result(start, end, text, label="place", kind="labels"):
    return {
        "id": "r1",
        "from_name": "label",
        "to_name": "text",
        "type": kind,
        "value": {"start": start, "end": end, "text": text, "labels": [label]},
    }


def test_round_trip(tmp_path):
    back, written = round_trip("labelstudio", records(), tmp_path)
    assert written == [] and messages(back) == []
    for before, after in zip(records(), back.records, strict=False):
        assert (after.id, after.text, span_set(after)) == (before.id, before.text, span_set(before))


def test_tasks_written_have_utf16_offsets_and_the_span_text(tmp_path):
    path = tmp_path / "tasks.json"
    with path.open("w", encoding="utf-8") as out:
        labelstudio.write(records(), out)
    tasks = json.loads(path.read_text(encoding="utf-8"))
    assert len(tasks) == 2 and tasks[0]["data"]["text"] == TEXT
    start, end = find(TEXT, "أحمد أبو الغيط")
    values = [r["value"] for r in tasks[0]["annotations"][0]["result"]]
    assert {
        "start": start + 2,
        "end": end + 2,
        "text": "أحمد أبو الغيط",
        "labels": ["actor"],
    } in values
    assert all(
        r["type"] == "labels" and r["from_name"] == "label" and r["to_name"] == "text"
        for r in tasks[0]["annotations"][0]["result"]
    )


def test_predictions_are_used_when_there_are_no_annotations(tmp_path):
    start, end = find(TEXT, "القاهرة")
    path = tmp_path / "pred.json"
    path.write_text(
        json.dumps(
            [
                {
                    "id": 3,
                    "data": {"text": TEXT},
                    "predictions": [
                        {"model_version": "v1", "result": [result(start + 2, end + 2, "القاهرة")]}
                    ],
                },
                {
                    "id": 4,
                    "data": {"text": TEXT},
                    "annotations": [
                        {"was_cancelled": True, "result": []},
                        {
                            "completed_by": 5,
                            "result": [
                                result(start + 2, end + 2, "القاهرة"),
                                {"type": "relation", "from_id": "a", "to_id": "b"},
                                {"type": "choices", "value": {"choices": ["ok"]}},
                            ],
                        },
                    ],
                    "predictions": [{"result": []}],
                },
            ],
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    back = labelstudio.read(path)
    assert [r.id for r in back.records] == ["3", "4"]
    assert span_set(back.records[0]) == span_set(back.records[1]) == {(start, end, "place")}
    assert back.records[0].spans[0].annotator == "model:v1"
    assert back.records[1].spans[0].annotator == "labelstudio:5"
    found = " | ".join(messages(back))
    for expected in (
        "spans taken from 1 prediction",
        "1 cancelled annotation",
        "names span 'a', which is not there; link not imported",
        "choices result(s) ignored",
        "prediction(s) ignored",
    ):
        assert expected in found


def test_code_point_offsets_are_recognised_by_the_span_text(tmp_path):
    start, end = find(TEXT, "القاهرة")
    path = tmp_path / "cp.json"
    path.write_text(
        json.dumps(
            [
                {
                    "data": {"text": TEXT},
                    "annotations": [{"result": [result(start, end, "القاهرة")]}],
                }
            ],
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    back = labelstudio.read(path)
    assert span_set(back.records[0]) == {(start, end, "place")}
    assert any("counted in code points" in m for m in messages(back, "warning"))


def test_mismatched_text_is_an_error_naming_the_line(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(
        '[\n{"data": {"text": "مصر"}},\n{"data": {"text": "مصر"}, "annotations": [{"result": [\n'
        + json.dumps(result(0, 3, "تونس"), ensure_ascii=False)
        + "]}]}\n]\n",
        encoding="utf-8",
    )
    back = labelstudio.read(path)
    errors = messages(back, "error")
    assert len(errors) == 1 and errors[0].startswith(f"{path}:3: error: task 2: span 'place'")


def test_json_lines_of_tasks_and_a_single_task(tmp_path):
    lines = tmp_path / "tasks.jsonl"
    lines.write_text('{"data": {"text": "أ"}}\n{"data": {"content": "ب"}}\n', encoding="utf-8")
    back = labelstudio.read(lines)
    assert [r.text for r in back.records] == ["أ", "ب"]
    assert any("data.content" in m for m in messages(back))


def test_task_without_text_is_an_error(tmp_path):
    path = tmp_path / "x.json"
    path.write_text('[{"data": {"image": 1}}]', encoding="utf-8")
    with pytest.raises(ReaderError, match=r"x\.json:1: task 1 has no text"):
        labelstudio.read(path)
