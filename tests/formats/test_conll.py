"""CoNLL IOB2: text rebuilt from tokens, nested columns, conlleval's repairs, tokenised export."""

from reader.formats import conll
from reader.formats.conll_write import document_rows
from reader.formats.diagnostics import Tally
from reader.formats.records import Record, SpanRecord
from tests.helpers.arabic import TEXT, find, quoted_spans, records
from tests.helpers.formats import messages, round_trip

NESTED = """-DOCSTART- O

قالَ O
وزيرُ B-OCC
الخارجيـــة I-OCC B-ORG
أحمد B-PERS
أبو I-PERS
الغيط I-PERS
في O
القاهرة B-GPE
يوم O
١٥ B-DATE
مارس I-DATE
2024 I-DATE
. O

John B-PERS
Smith I-PERS
« O
لا B-CLAIM
بد I-CLAIM
» O

-DOCSTART- O

بيروت B-GPE
"""


def read_text(tmp_path, content, name="data.conll", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(content.encode(encoding))
    return conll.read(path), path


def spans_of(record):
    return sorted((record.text[s.start : s.end], s.label) for s in record.spans)


def test_text_is_rebuilt_and_nested_columns_are_layers(tmp_path):
    result, _path = read_text(tmp_path, NESTED)
    assert messages(result) == []
    first, second = result.records
    assert (
        first.text
        == "قالَ وزيرُ الخارجيـــة أحمد أبو الغيط في القاهرة يوم ١٥ مارس 2024 .\nJohn Smith « لا بد »"
    )
    assert spans_of(first) == sorted(
        [
            ("وزيرُ الخارجيـــة", "OCC"),
            ("الخارجيـــة", "ORG"),
            ("أحمد أبو الغيط", "PERS"),
            ("القاهرة", "GPE"),
            ("١٥ مارس 2024", "DATE"),
            ("John Smith", "PERS"),
            ("لا بد", "CLAIM"),
        ]
    )
    assert (first.id, second.id) == ("data#1", "data#2")
    assert second.text == "بيروت" and spans_of(second) == [("بيروت", "GPE")]
    assert all(first.text[s.start : s.end] == s.text for s in first.spans)


def test_malformed_tags_are_read_as_conlleval_does_and_reported(tmp_path):
    content = (
        "الحكومة B-ORG\nالأمريكية I--ORG\nقالت OO\nإن O\nمجلس I-ORG\nالأمن I-ORG\nفي O\n"
        "نيويورك I-LOC\nقرر B-LOC\n\nعاد I-PER\n"
    )
    result, path = read_text(tmp_path, content)
    record = result.records[0]
    assert spans_of(record) == sorted(
        [
            ("الحكومة", "ORG"),
            ("الأمريكية", "-ORG"),
            ("مجلس الأمن", "ORG"),
            ("نيويورك", "LOC"),
            ("قرر", "LOC"),
            ("عاد", "PER"),
        ]
    )
    warnings = messages(result, "warning")
    assert (
        f"{path}:2: warning: malformed tag 'I--ORG': type '-ORG' kept as written, as conlleval does; did you mean I-ORG?"
        in " | ".join(warnings)
    )
    assert any(
        w.startswith(f"{path}:2: warning: I--ORG after B-ORG starts a new entity") for w in warnings
    )
    assert any(
        w.startswith(f"{path}:3: warning: malformed tag 'OO'") and "read as O" in w
        for w in warnings
    )
    assert any(
        w.startswith(f"{path}:5: warning: I-ORG after O starts a new entity") for w in warnings
    )
    assert any(w.startswith(f"{path}:8: warning: I-LOC after O") for w in warnings)
    assert any(
        w.startswith(f"{path}:11: warning: I-PER at the start of a sentence") for w in warnings
    )


def test_hostile_files_bom_crlf_tab_breaks_invisible_marks(tmp_path):
    content = (
        "\ufeff\u200eفرانكفورت\tB-Population-Center\r\n(\tO\r\n\t\r\n\u200eميركل\tB-Politician\r\n"
    )
    result, _path = read_text(tmp_path, content)
    record = result.records[0]
    assert record.text == "\u200eفرانكفورت (\n\u200eميركل"
    assert spans_of(record) == [
        ("\u200eفرانكفورت", "Population-Center"),
        ("\u200eميركل", "Politician"),
    ]
    found = " | ".join(messages(result, "info"))
    for expected in (
        "BOM",
        "CRLF",
        "1 sentence break(s) written as a line of only spaces or tabs",
        "2 token(s) contain U+200E LEFT-TO-RIGHT MARK",
    ):
        assert expected in found


def test_missing_tags_pos_columns_and_iobes(tmp_path):
    content = "مصر NNP S-GPE\nو CC O\nتونس NNP B-GPE\nالخضراء JJ E-GPE\nوحيد\n"
    result, path = read_text(tmp_path, content)
    assert spans_of(result.records[0]) == [("تونس الخضراء", "GPE"), ("مصر", "GPE")]
    found = " | ".join(messages(result))
    assert "tag column 2 does not hold IOB tags (e.g. 'NNP'); ignored" in found
    assert f"{path}:5: warning: token 'وحيد' has no tag; read as O" in found
    assert "IOBES" in found


def test_rare_types_that_look_like_typos(tmp_path):
    content = "".join(f"كلمة{i} B-MIS1\n\n" for i in range(120)) + "شاذة B-MISS1\n"
    result, path = read_text(tmp_path, content)
    assert any(
        m.startswith(
            f"{path}:241: warning: tag type 'MISS1' is rare (1 entity) and looks like 'MIS1'"
        )
        for m in messages(result)
    )


def test_export_tokenises_and_splits_punctuation(tmp_path):
    rows = document_rows(records()[0], "out", [], Tally())
    tokens = [row[0] for sentence in rows for row in sentence]
    assert tokens[:4] == ["🌍", "بيانٌ", "صحفيّ", "📰"]
    assert ["«", "الاتفاق", "لا", "يزال", "ممكناً", "»", "."] == tokens[
        tokens.index("«") : tokens.index("«") + 7
    ]
    assert "(" in tokens and "المبعوث" in tokens and "😀" in tokens
    assert len(rows) == 3  # a sentence a line


def test_export_puts_nested_spans_in_extra_columns(tmp_path):
    rows = document_rows(records()[0], "out", [], Tally())
    line3 = {row[0]: row[1:] for row in rows[2]}
    assert line3["أن"] == ["B-claim", "O"]
    assert line3["جنيف"] == ["I-claim", "B-place"]
    assert line3["3"] == ["I-claim", "B-date"] and line3["2024"] == ["I-claim", "I-date"]


def test_span_edges_inside_tokens_split_them(tmp_path):
    text = "وصل الوفد بالقاهرة ومصرُ كلها تنتظر"
    record = Record(
        text,
        [SpanRecord(*find(text, "القاهرة"), "place"), SpanRecord(*find(text, "مصرُ"), "place")],
        id="d",
    )
    diagnostics, tally = [], Tally()
    rows = document_rows(record, "out", diagnostics, tally)
    assert [row for row in rows[0] if row[1] != "O"] == [["القاهرة", "B-place"], ["مصرُ", "B-place"]]
    assert [row[0] for row in rows[0]][2:6] == ["ب", "القاهرة", "و", "مصرُ"]
    assert "2 token(s) split where a span starts or ends inside them" in str(tally.diagnostics()[0])


def test_edges_in_whitespace_inside_clusters_and_across_lines(tmp_path):
    text = "قالَ الوزير\nأحمد  "
    spans = [
        SpanRecord(3, 11, "actor"),  # starts on the fatha after ل: widened to take the ل
        SpanRecord(4, 16, "claim"),  # ' الوزير\nأحمد' crosses the line break
        SpanRecord(12, 18, "actor"),  # 'أحمد  ' trailing spaces
        SpanRecord(16, 18, "place"),  # only spaces
    ]
    for span in spans:
        span.text = text[span.start : span.end]
    diagnostics, tally = [], Tally()
    rows = document_rows(Record(text, spans, id="d"), "out", diagnostics, tally)
    found = " | ".join(str(d) for d in diagnostics + tally.diagnostics())
    assert "widened to 'لَ الوزير'" in found
    assert "crosses a line break" in found and "written as 2 entities" in found
    assert "covers no token; dropped" in found
    assert "span edge(s) in whitespace moved" in found
    assert rows[0][-1] == ["الوزير", "I-actor", "B-claim"]
    assert rows[1][0] == ["أحمد", "B-actor", "B-claim"]


def test_round_trip_as_far_as_iob2_can_say_it(tmp_path):
    back, _written = round_trip("conll", records(), tmp_path)
    assert messages(back, "error") == [] and messages(back, "warning") == []
    for before, after in zip(records(), back.records, strict=False):
        assert quoted_spans(after) == quoted_spans(before)
        assert "".join(after.text.split()) == "".join(before.text.split())  # only spacing differs


def test_reading_then_writing_a_tokenised_file_gives_it_back(tmp_path):
    result, _ = read_text(tmp_path, NESTED)
    out = tmp_path / "again.conll"
    with out.open("w", encoding="utf-8") as stream:
        conll.write(result.records, stream)
    again = conll.read(out)
    for before, after in zip(result.records, again.records, strict=False):
        assert after.text == before.text and spans_of(after) == spans_of(before)


def test_emoji_before_spans_do_not_shift_tokens(tmp_path):
    back, _ = round_trip("conll", records()[:1], tmp_path)
    assert ("أحمد أبو الغيط", "actor") in quoted_spans(back.records[0])
    assert TEXT.split()[0] == back.records[0].text.split()[0] == "🌍"
