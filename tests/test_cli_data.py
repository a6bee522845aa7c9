"""`reader import`, `export` and `stats` through the real command line, on a temporary store."""

import json
import os
import subprocess
import sys

import pytest

from reader.formats import jsonl
from tests.helpers.arabic import records, span_set
from tests.helpers.cli import run

CONLL = "".join(
    [
        "-DOCSTART- O\n\n",
        "قال O\nأحمد B-PERS\nأبو I-PERS\nالغيط I-PERS\nفي O\nالقاهرة B-GPE\nيوم O\n١٥ B-DATE\nمارس I-DATE\n\n",
        "وزار O\nالأمم B-ORG\nالمتحدة I-ORG\nو O\nجنيف B-GPE\n",
    ]
)


@pytest.fixture
def store(tmp_path):
    return tmp_path / "store.json"


@pytest.fixture
def native(tmp_path):
    path = tmp_path / "in.jsonl"
    with path.open("w", encoding="utf-8") as out:
        jsonl.write(records(), out)
    return path


def test_import_export_stats(capsys, tmp_path, store, native):
    code, out, err = run(capsys, "import", str(native), "--format", "jsonl", "--store", str(store))
    assert code == 0 and err == ""
    assert out.startswith("imported 2 documents and 15 spans (actor 6, place 4, claim 3, date 2)")
    assert "0 errors" in out

    code, out, err = run(capsys, "export", "--store", str(store))
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [line["id"] for line in lines] == ["news/cairo", "news/beirut"]
    exported = jsonl.read(_write(tmp_path / "out.jsonl", out)).records
    for before, after in zip(records(), exported, strict=False):
        assert span_set(after) == span_set(before)

    code, out, err = run(capsys, "stats", "--store", str(store), "--json")
    data = json.loads(out)
    assert data["totals"] == {
        "documents": 2,
        "spans": 15,
        "orphaned": 0,
        "links": 0,
        "unlinked_claims": 3,
        "conflicts": 0,
    }
    assert data["labels"] == {"actor": 6, "place": 4, "date": 2, "claim": 3}
    assert data["progress"] == {"done": 2, "of": 2}

    code, out, err = run(capsys, "stats", "--store", str(store))
    assert code == 0 and "news/cairo" in out and "2/2 done (100%)" in out and "15 spans" in out
    assert "\x1b[8l" not in out  # no terminal codes when piped


def test_a_piped_table_wider_than_80_columns_keeps_every_column(capsys, store):
    from reader.store import AnnotationStore

    text = "قال «المتحدث» Stéphane Dujarric في ١٢ مايو 2020 إنّ 🙂 " * 3
    with AnnotationStore.open(store) as opened:
        for doc_id in ("أخبار/ليبيا-طرابلس-٢٠٢٥-تقرير-طويل.txt", "数据/报告.txt"):
            opened.add_document(text, doc_id=doc_id)
            for start in range(0, len(text) - 4, 4):
                opened.add_span(doc_id, start, start + 3, ("actor", "place", "date")[start % 3])
    code, out, _err = run(capsys, "stats", "--store", str(store))
    lines = out.splitlines()
    header = next(line for line in lines if line.lstrip().startswith("document"))
    total = next(line for line in lines if line.lstrip().startswith("total"))
    assert code == 0 and len(header) > 80, out
    assert header.rstrip().endswith("links  speaker") and total.rstrip().endswith("0")
    assert all(len(line) <= 80 for line in lines[lines.index(total) + 2 :])  # (prose wraps at 80)


def test_export_to_files_and_folders(capsys, tmp_path, store, native):
    run(capsys, "import", str(native), "-f", "jsonl", "--store", str(store))
    code, out, err = run(
        capsys,
        "export",
        "-f",
        "doccano",
        "-o",
        str(tmp_path / "d.jsonl"),
        "--store",
        str(store),
        "--doc",
        "news/beirut",
    )
    assert code == 0 and out == "" and "exported 1 document, 5 spans and 0 links as doccano" in err
    assert [
        json.loads(line)["id"]
        for line in (tmp_path / "d.jsonl").read_text(encoding="utf-8").splitlines()
    ] == ["news/beirut"]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]

    code, out, err = run(capsys, "export", "-f", "brat", "--store", str(store))
    assert code == 1 and err.count("\n") == 1 and "-o DIR" in err
    code, out, err = run(
        capsys, "export", "-f", "brat", "-o", str(tmp_path / "brat"), "--store", str(store)
    )
    assert code == 0 and (tmp_path / "brat" / "news" / "cairo.ann").is_file()

    code, out, err = run(capsys, "export", "-f", "conll", "--status", "todo", "--store", str(store))
    assert code == 0 and out == ""
    code, out, err = run(capsys, "export", "--doc", "nope", "--store", str(store))
    assert code == 1 and "no document 'nope'" in err and "Traceback" not in err


def test_unmapped_labels_are_one_error_listing_all_with_counts(capsys, tmp_path, store):
    path = _write(tmp_path / "news.conll", CONLL)
    code, out, err = run(
        capsys,
        "import",
        str(path),
        "-f",
        "conll",
        "--label-map",
        "PERS=actor",
        "--store",
        str(store),
    )
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("reader: 3 label(s)")
    assert "GPE (2), DATE (1), ORG (1)" in err
    assert not store.exists()  # nothing written, not even an empty store

    code, out, err = run(capsys, "import", str(path), "-f", "conll", "--store", str(store))
    assert code == 1 and "not configured labels" in err and "PERS (1)" in err

    code, out, err = run(
        capsys,
        "import",
        str(path),
        "-f",
        "conll",
        "--label-map",
        "PERS=actor,GPE=place",
        "--drop-unmapped",
        "--store",
        str(store),
    )
    assert code == 0 and "imported 1 document and 3 spans (place 2, actor 1)" in out
    assert "dropped 1 span(s) labelled 'DATE'" in err and "dropped 1 span(s) labelled 'ORG'" in err


def test_bad_json_line_is_one_line_naming_file_and_line(capsys, tmp_path, store):
    path = _write(tmp_path / "bad.jsonl", '{"text": "مصر"}\n{"text": "مكسور\n')
    code, _out, err = run(capsys, "import", str(path), "-f", "jsonl", "--store", str(store))
    assert code == 1 and err.count("\n") == 1
    assert err.startswith(f"reader: {path}:2: not valid JSON") and "Traceback" not in err


def test_span_errors_stop_the_import_unless_skipped(capsys, tmp_path, store):
    path = _write(
        tmp_path / "x.jsonl",
        json.dumps(
            {
                "text": "مصر وتونس",
                "spans": [
                    {"start": 0, "end": 3, "label": "place"},
                    {"start": 4, "end": 40, "label": "place"},
                ],
            }
        )
        + "\n",
    )
    code, out, err = run(capsys, "import", str(path), "-f", "jsonl", "--store", str(store))
    assert (
        code == 1 and f"{path}:1: error:" in err and "nothing was imported" in err.splitlines()[-1]
    )
    assert not store.exists()  # nothing written, not even an empty store
    code, out, err = run(
        capsys, "import", str(path), "-f", "jsonl", "--store", str(store), "--skip-errors"
    )
    assert code == 0 and "imported 1 document and 1 span" in out


def test_diagnostics_are_capped_unless_verbose(capsys, tmp_path, store):
    path = _write(tmp_path / "noisy.conll", "".join("كلمة I-GPE\n\n" for _ in range(30)))
    code, _out, err = run(
        capsys,
        "import",
        str(path),
        "-f",
        "conll",
        "--label-map",
        "GPE=place",
        "--store",
        str(store),
    )
    assert (
        code == 0
        and len(err.splitlines()) == 21
        and "... and 10 more (--verbose shows them all)" in err
    )
    assert "\r" not in err and "\x1b" not in err  # no progress bar when stderr is not a terminal
    code, _out, err = run(
        capsys,
        "import",
        str(path),
        "-f",
        "conll",
        "--label-map",
        "GPE=place",
        "--store",
        str(store),
        "-v",
    )
    assert len(err.splitlines()) == 30


def test_python_m_reader_on_a_bad_file_prints_no_traceback(tmp_path):
    path = _write(tmp_path / "bad.jsonl", "{not json}\n")
    env = dict(os.environ, READER_CONFIG=str(tmp_path / "none.toml"))
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "reader",
            "import",
            str(path),
            "--format",
            "jsonl",
            "--store",
            str(tmp_path / "s.json"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode != 0
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1
    assert f"{path}:1: not valid JSON" in done.stderr


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_stats_lays_arabic_titles_out_right_to_left_on_a_terminal():
    from reader.commands.stats import _display

    shown = _display("الذرة هي أصغر جزء من العنصر الكيميائي", 16, terminal=True)
    assert (
        shown.startswith("…") and "ﺓﺭﺬﻟﺍ" in shown
    )  # shaped, visual order, cut where the text goes on
    assert _display("الذرة هي", 16, terminal=False) == "الذرة هي"  # piped: the logical text
