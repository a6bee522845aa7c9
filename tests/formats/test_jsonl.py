"""Native JSONL: what spaCy and Prodigy write comes in; everything the store knows goes out."""

import json

import pytest

from reader.errors import ReaderError
from reader.formats import jsonl
from tests.helpers.arabic import TEXT, find, records, span_set
from tests.helpers.formats import messages, round_trip


def write_lines(path, *objects, raw_lines=()):
    lines = [json.dumps(o, ensure_ascii=False) for o in objects] + list(raw_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_round_trip_keeps_text_spans_ids_and_meta(tmp_path):
    result, written = round_trip("jsonl", records(), tmp_path)
    assert written == [] and messages(result) == []
    for before, after in zip(records(), result.records, strict=False):
        assert after.id == before.id and after.text == before.text
        assert span_set(after) == span_set(before)
        assert after.meta["status"] == "done" and after.meta["source"] == "news/cairo.txt"


def test_written_lines_have_the_documented_shape(tmp_path):
    path = tmp_path / "out.jsonl"
    with path.open("w", encoding="utf-8") as out:
        jsonl.write(records()[:1], out)
    line = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    assert set(line) == {"id", "text", "meta", "spans", "relations"}
    assert set(line["meta"]) >= {"source", "sha256", "status"}
    span = line["spans"][0]
    assert {"id", "start", "end", "label", "text"} <= set(span)
    assert line["text"][span["start"] : span["end"]] == span["text"]
    assert "أحمد" in path.read_text(encoding="utf-8")  # Arabic written as is, not \u escapes


def test_spacy_style_minimal_lines_are_read_and_ids_derived(tmp_path):
    start, end = find(TEXT, "القاهرة")
    path = write_lines(
        tmp_path / "spacy.jsonl",
        {"text": TEXT, "spans": [{"start": start, "end": end, "label": "place"}]},
        {"text": "نص بلا وسوم", "id": "given-id"},
    )
    result = jsonl.read(path)
    assert [r.id for r in result.records] == ["spacy#1", "given-id"]
    assert span_set(result.records[0]) == {(start, end, "place")}
    assert result.records[0].spans[0].text == "القاهرة"


def test_bad_json_names_file_and_line(tmp_path):
    path = write_lines(tmp_path / "bad.jsonl", {"text": "سطر"}, raw_lines=['{"text": "مكسور", '])
    with pytest.raises(ReaderError, match=r"bad\.jsonl:2: not valid JSON") as error:
        jsonl.read(path)
    assert "\n" not in str(error.value)


def test_missing_text_names_file_and_line(tmp_path):
    path = write_lines(tmp_path / "x.jsonl", {"text": "a"}, {"spans": []})
    with pytest.raises(ReaderError, match=r"x\.jsonl:2: no \"text\" string"):
        jsonl.read(path)


def test_invalid_utf8_names_file_and_byte_offset(tmp_path):
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(b'{"text": "ok"}\n{"text": "caf' + b"\xe9" + b'"}\n')
    with pytest.raises(ReaderError, match=r"latin1\.jsonl:2: not valid UTF-8 at byte 28"):
        jsonl.read(path)


def test_span_problems_are_errors_with_file_and_line(tmp_path):
    start, end = find(TEXT, "القاهرة")
    path = write_lines(
        tmp_path / "x.jsonl",
        {
            "text": TEXT,
            "spans": [
                {"start": start, "end": end, "label": "place", "text": "الرياض"},
                {"start": 5, "end": 5000, "label": "place"},
                {"start": 9, "end": 3, "label": "place"},
                {"start": start, "end": end, "label": "place"},
                {"start": 0, "end": 2, "label": ""},
            ],
        },
    )
    result = jsonl.read(path)
    errors = messages(result, "error")
    assert len(errors) == 4
    assert all(e.startswith(f"{path}:1: error:") for e in errors)
    assert (
        "does not match" in errors[0]
        and "out of range" in errors[1]
        and "out of range" in errors[2]
    )
    assert "no usable label" in errors[3]
    assert span_set(result.records[0]) == {(start, end, "place")}


def test_crlf_in_the_text_is_normalised_and_offsets_moved(tmp_path):
    text = "سطر أول\r\nالقاهرة\r\n"
    start, end = find(text, "القاهرة")
    path = write_lines(
        tmp_path / "crlf.jsonl",
        {"text": text, "spans": [{"start": start, "end": end, "label": "place"}]},
    )
    result = jsonl.read(path)
    record = result.records[0]
    assert record.text == "سطر أول\nالقاهرة\n"
    assert record.text[record.spans[0].start : record.spans[0].end] == "القاهرة"
    assert any("turned into LF" in m for m in messages(result, "info"))


def test_oddities_are_reported(tmp_path):
    path = tmp_path / "odd.jsonl"
    path.write_text(
        "\ufeff"
        + json.dumps(
            {
                "text": "نص",
                "answer": "reject",
                "meta": {"status": "finished", "sha256": "0"},
                "spans": [{"start": 0, "end": 2, "label": "actor"}],
            }
        )
        + "\n",
        encoding="utf-8",
    )
    found = " | ".join(messages(jsonl.read(path)))
    for expected in ("BOM", "answer is 'reject'", "status 'finished'", "sha256 does not match"):
        assert expected in found


def test_a_folder_of_files_is_read_in_order(tmp_path):
    write_lines(tmp_path / "b.jsonl", {"text": "ب"})
    write_lines(tmp_path / "a.jsonl", {"text": "أ"})
    (tmp_path / ".hidden.jsonl").write_text("not json\n")
    assert [r.id for r in jsonl.read(tmp_path).records] == ["a#1", "b#1"]


def test_lines_are_exactly_what_json_dumps_writes(tmp_path):
    """The writer formats spans straight into text (for speed): every line must be the JSON
    `json.dumps` would write for the same object, whatever the strings hold."""
    from tests.helpers.arabic import linked_record

    odd = linked_record()
    odd.spans[1].note = 'سطر\n"مقتبس"\t\\ \x00 \u2028 😀'
    odd.spans[1].annotator = "هدى\u200f"
    odd.spans[2].id = None
    odd.spans[2].extra = {"created": 7, "updated": None}
    odd.meta["tags"] = ["أ", 1, None]
    path = tmp_path / "out.jsonl"
    with path.open("w", encoding="utf-8") as out:
        assert jsonl.write([*records(), odd, linked_record()], out) != []  # the id-less span's link
    lines = path.read_text(encoding="utf-8").split("\n")  # not splitlines: U+2028 is in a string
    assert lines.pop() == "" and len(lines) == 4
    for line in lines:
        assert line == json.dumps(json.loads(line), ensure_ascii=False)
    actor = next(span for span in jsonl.read(path).records[-2].spans if span.id == "a1")
    assert actor.note == odd.spans[1].note and actor.annotator == "هدى\u200f"


def test_prodigy_token_relations_are_one_warning_not_errors(tmp_path):
    path = tmp_path / "rel.jsonl"
    line = {
        "text": "قال الوزير إن السلام قريب",
        "spans": [{"start": 4, "end": 10, "label": "actor"}],
        "relations": [{"head": 1, "child": 3, "label": "said_by"}, {"from": "x"}],
    }
    path.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    result = jsonl.read(path)
    found = [str(d) for d in result.diagnostics]
    assert any("1 Prodigy relation(s)" in m and ": warning:" in m for m in found)
    assert [m for m in found if ": error:" in m] == [
        next(m for m in found if 'needs "from" and "to"' in m)
    ]
    assert result.records[0].relations == []


def test_annotators_that_are_no_list_of_names_are_a_warning_and_not_kept(tmp_path):
    """A gold span's provenance is a list of names; anything else is said and dropped, the
    span itself kept."""
    text = "بسم الله: قال الرئيسُ إنّ السلام ممكن الآن (2020)."
    path = write_lines(
        tmp_path / "bad.jsonl",
        {
            "text": text,
            "spans": [
                {"start": 10, "end": 20, "label": "actor", "annotators": "huda"},
                {"start": 0, "end": 3, "label": "claim", "annotators": ["huda", 7]},
            ],
        },
    )
    result = jsonl.read(path)
    assert len(messages(result, "warning")) == 2
    assert "not a list of names" in messages(result)[0]
    assert all("annotators" not in span.extra for span in result.records[0].spans)
    assert len(result.records[0].spans) == 2
