"""brat standoff: folders of .txt + .ann, offsets counted on the file as read (BOM, CRLF)."""

import pytest

from reader.errors import ReaderError
from reader.formats import brat
from reader.formats.records import Record, SpanRecord
from tests.helpers.arabic import records, span_set
from tests.helpers.formats import by_id, messages, round_trip

RAW = "\ufeffسطر أول\r\nقال أحمد في القاهرة 😀\r\nوفي جنيف ـ سويسرا\r\n"
NORMAL = "سطر أول\nقال أحمد في القاهرة 😀\nوفي جنيف ـ سويسرا\n"


def t_line(number, label, text, quote, *, offsets_in=RAW):
    start = offsets_in.index(quote)
    return f"T{number}\t{label} {start} {start + len(quote)}\t{quote}\n"


def pair(folder, name, raw_text, ann):
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.txt").write_bytes(raw_text.encode("utf-8"))
    (folder / f"{name}.ann").write_text(ann, encoding="utf-8", newline="")


def test_round_trip_keeps_ids_text_and_spans(tmp_path):
    back, written = round_trip("brat", records(), tmp_path)
    assert messages(back) == [] and written == []  # "news/cairo" is written as news/cairo.txt
    after = by_id(back)
    for before in records():
        assert after[before.id].text == before.text
        assert span_set(after[before.id]) == span_set(before)
    assert (tmp_path / "out" / "news" / "cairo.ann").is_file()
    assert "actor" in (tmp_path / "out" / "annotation.conf").read_text(encoding="utf-8")


def test_crlf_and_bom_source_offsets_are_moved(tmp_path):
    ann = (
        t_line(1, "actor", RAW, "أحمد")
        + t_line(2, "place", RAW, "القاهرة")
        + t_line(3, "place", RAW, "جنيف")
    )
    pair(tmp_path / "in", "doc", RAW, ann)
    result = brat.read(tmp_path / "in")
    record = result.records[0]
    assert record.text == NORMAL and record.id == "doc"
    assert sorted(record.text[s.start : s.end] for s in record.spans) == ["أحمد", "القاهرة", "جنيف"]
    found = " | ".join(messages(result))
    assert "BOM" in found and "CRLF" in found
    assert messages(result, "error") == [] and messages(result, "warning") == []
    # ... and the same spans come back from our own export of it
    back, _ = round_trip("brat", result.records, tmp_path / "rt")
    assert span_set(back.records[0]) == span_set(record) and back.records[0].text == NORMAL


def test_offsets_counted_with_universal_newlines_are_recognised(tmp_path):
    ann = t_line(1, "place", RAW, "جنيف", offsets_in=NORMAL)
    pair(tmp_path, "doc", RAW, ann)
    result = brat.read(tmp_path / "doc.txt")
    record = result.records[0]
    assert [record.text[s.start : s.end] for s in record.spans] == ["جنيف"]
    assert any("BOM dropped and CRLF counted as one" in m for m in messages(result, "warning"))


def test_discontinuous_spans_are_reported(tmp_path):
    text = "قال أحمد\nأبو الغيط في القاهرة والجيزة"
    a, b = text.index("أحمد"), text.index("أبو الغيط")
    c, d = text.index("القاهرة"), text.index("الجيزة")
    ann = (
        f"T1\tactor {a} {a + 4};{b} {b + 9}\tأحمد أبو الغيط\n"
        f"T2\tplace {c} {c + 7};{d} {d + 6}\tالقاهرة الجيزة\n"
    )
    pair(tmp_path, "doc", text, ann)
    result = brat.read(tmp_path)
    record = result.records[0]
    assert sorted(record.text[s.start : s.end] for s in record.spans) == [
        "أحمد\nأبو الغيط",
        "الجيزة",
        "القاهرة",
    ]
    found = " | ".join(messages(result))
    assert "merged into one" in found and "imported as 2 separate spans" in found


def test_span_across_a_line_break_is_written_as_fragments_and_read_back_whole(tmp_path):
    text = "قال أحمد\nأبو الغيط"
    record = Record(text, [SpanRecord(4, len(text), "actor", text=text[4:])], id="d")
    back, _ = round_trip("brat", [record], tmp_path)
    assert "T1\tactor 4 8;9 18\tأحمد أبو الغيط" in (tmp_path / "out" / "d.ann").read_text(
        encoding="utf-8"
    )
    assert span_set(back.records[0]) == {(4, len(text), "actor")}


def test_bad_lines_and_ignored_annotations_are_reported(tmp_path):
    text = "أحمد في القاهرة"
    ann = (
        "T1\tactor 0 4\tأحمد\n"
        "T2\tplace 8 15\tالرياض\n"  # text does not match
        "T3\tplace 8 99\tالقاهرة\n"  # out of range
        "T4\tplace eight 15\tالقاهرة\n"  # malformed
        "R1\tlives_in Arg1:T1 Arg2:T2\n"
        "A1\tNegated T1\n"
        "#1\tAnnotatorNotes T1\tملاحظة\n"
        "X1\twhat\n"
    )
    pair(tmp_path, "doc", text, ann)
    (tmp_path / "orphan.ann").write_text("T1\tactor 0 1\tx\n", encoding="utf-8")
    result = brat.read(tmp_path)
    assert span_set(result.records[0]) == {(0, 4, "actor")}
    errors = messages(result, "error")
    ann_path = tmp_path / "doc.ann"
    assert any(e.startswith(f"{ann_path}:2: error") and "does not match" in e for e in errors)
    assert any(e.startswith(f"{ann_path}:3: error") and "out of range" in e for e in errors)
    assert any(e.startswith(f"{ann_path}:4: error") for e in errors)
    assert any(
        e.startswith(f"{ann_path}:8: error") and "unknown annotation line" in e for e in errors
    )
    assert any("orphan.ann" in e and "no .txt" in e for e in errors)
    # the link names T2, which did not fit the text: reported on its own line, not imported
    assert any(e.startswith(f"{ann_path}:5: error") and "'T2'" in e for e in errors)
    assert result.records[0].relations == []
    assert result.records[0].spans[0].note == "ملاحظة"
    found = " | ".join(messages(result))
    assert "attribute" in found


def test_export_refuses_a_folder_with_files_in_it(tmp_path):
    (tmp_path / "keep.txt").write_text("مهم", encoding="utf-8")
    with pytest.raises(ReaderError, match="not an empty folder"):
        brat.write(records(), tmp_path)
    assert (tmp_path / "keep.txt").read_text(encoding="utf-8") == "مهم"


def test_unsafe_ids_get_safe_distinct_file_names(tmp_path):
    recs = [Record("أ", id="../etc/passwd"), Record("ب", id="a:b"), Record("ج", id="a?b")]
    written = brat.write(recs, tmp_path / "out")
    names = sorted(
        p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.txt")
    )
    assert names == ["_/etc/passwd.txt", "a_b-2.txt", "a_b.txt"]
    assert len(written) == 3
