"""Fuzzing every importer: any bytes (and any JSON for the JSON formats) give records that
can be stored or one clear ReaderError, never a traceback, in bounded time.

Kept fast: few examples, small inputs, a deadline per example.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.errors import ReaderError
from reader.formats import get_format
from reader.formats.files import ReadOptions
from reader.formats.records import span_problem
from reader.formats.validate import unicode_problem

FUZZ = settings(
    max_examples=60,
    deadline=2000,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
SUFFIX = {"jsonl": ".jsonl", "doccano": ".jsonl", "labelstudio": ".json", "conll": ".conll"}
OPTIONS = ReadOptions(max_document_size=64 * 1024)
# Bytes with the shapes the readers care about: Arabic, marks, brackets, tabs, CRLF, a BOM,
# escapes, JSON punctuation, digits, IOB tags, brat lines.
PIECES = st.sampled_from(
    [
        "ليبيا",
        "قالَ",
        "ـ",
        "لا",
        "١٩",
        "2019",
        "👍",
        "\u202e",
        "\x1b]2;x\x07",
        "\ud800",
        "\ufeff",
        "\r\n",
        "\n",
        "\t",
        " ",
        "[",
        "]",
        "{",
        "}",
        '"',
        ":",
        ",",
        "-1",
        "99999",
        "B-place",
        "I-place",
        "O",
        "-DOCSTART-",
        "T1\tplace 0 5\t",
        "R1\t",
        "R1\tsaid_by Arg1:T1 Arg2:T1\n",
        "#1\tAnnotatorNotes T1\t",
        "#",
        "\\u00",
        '"text"',
        '"spans"',
        '"label"',
        '"data"',
        '"start"',
        '"end"',
        "null",
        "true",
        "1e999",
    ]
)
FUZZ_BYTES = st.one_of(
    st.binary(max_size=300),
    st.lists(PIECES, max_size=40).map(
        lambda parts: "".join(parts).encode("utf-8", errors="surrogatepass")
    ),
)


def check(name: str, path: Path) -> None:
    """Read `path`; anything but records that stand or a ReaderError fails the test."""
    try:
        result = get_format(name).read(path, OPTIONS)
    except ReaderError as error:
        assert str(error) and "\n" not in str(error)
        return
    for record in result.records:
        assert isinstance(record.text, str)
        if unicode_problem(record) is not None:
            continue  # the importer refuses it before anything is written
        for span in record.spans:
            assert span_problem(record.text, span.start, span.end, span.text) is None
            assert span.note is None or isinstance(span.note, str)
        ids = {span.id for span in record.spans}
        for relation in record.relations:  # a link read names two spans the record holds
            assert {relation.source, relation.target} <= ids
            assert relation.source != relation.target and isinstance(relation.type, str)
    for diagnostic in result.diagnostics:
        assert "\x1b" not in str(diagnostic) and "\n" not in str(diagnostic)


@pytest.mark.parametrize("name", ["jsonl", "doccano", "labelstudio", "conll"])
@FUZZ
@given(data=FUZZ_BYTES)
def test_any_bytes_give_records_or_one_error(tmp_path, name, data):
    path = tmp_path / f"input{SUFFIX[name]}"
    path.write_bytes(data)
    check(name, path)


@FUZZ
@given(text=FUZZ_BYTES, ann=FUZZ_BYTES)
def test_brat_any_bytes_give_records_or_one_error(tmp_path, text, ann):
    folder = tmp_path / "brat"
    folder.mkdir(exist_ok=True)
    (folder / "doc.txt").write_bytes(text)
    (folder / "doc.ann").write_bytes(ann)
    check("brat", folder)


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 40)
    | st.floats(allow_nan=True)
    | st.sampled_from(["ليبيا", "place", "labels", "\ud800", "\x1b[31m", "👍", ""]),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "text",
                    "spans",
                    "label",
                    "labels",
                    "entities",
                    "start",
                    "end",
                    "id",
                    "meta",
                    "data",
                    "annotations",
                    "predictions",
                    "result",
                    "value",
                    "type",
                    "completed_by",
                    "start_offset",
                    "end_offset",
                    "relations",
                    "title",
                    "status",
                    "annotator",
                    "from",
                    "to",
                    "from_id",
                    "to_id",
                    "direction",
                    "note",
                    "Comments",
                    "head",
                    "child",
                ]
            ),
            children,
            max_size=6,
        )
    ),
    max_leaves=25,
)


@pytest.mark.parametrize("name", ["jsonl", "doccano", "labelstudio"])
@FUZZ
@given(values=st.lists(JSON, min_size=1, max_size=4), as_array=st.booleans())
def test_any_json_gives_records_or_one_error(tmp_path, name, values, as_array):
    path = tmp_path / f"input{SUFFIX[name]}"
    if as_array:
        path.write_text(json.dumps(values), encoding="utf-8")
    else:
        path.write_text("".join(json.dumps(value) + "\n" for value in values), encoding="utf-8")
    check(name, path)
