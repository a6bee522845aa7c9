"""`reader import` as a new user meets it: the text format, another format's records, broken
lines, dry runs that tell the truth, failures that say nothing was imported, useful hints."""

import json

import pytest

from tests.helpers.cli import run

ARTICLE = "ليبيا تطلب رسميًا الدعم العسكري التركي\r\n\r\nقالَ مسؤول حكومي إنّ «الحكومة» طلبت الدعم عام ٢٠١٩ (2019) 👍\r\n"


@pytest.fixture
def store(tmp_path):
    return tmp_path / "store.json"


def exported(capsys, store):
    code, out, err = run(capsys, "export", "--store", store)
    assert code == 0, err
    return {line["id"]: line for line in map(json.loads, out.splitlines())}


def test_text_format_imports_a_folder_recursively_with_the_apps_ids(capsys, tmp_path, store):
    corpus = tmp_path / "corpus"
    (corpus / "2019" / "مارس").mkdir(parents=True)
    (corpus / "libya.txt").write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode())
    (corpus / "2019" / "مارس" / "خبر.txt").write_text("خبرٌ قصير\n", encoding="utf-8")
    (corpus / "notes.md").write_text("not an article", encoding="utf-8")
    code, out, err = run(capsys, "import", corpus, "-f", "text", "--store", store)
    assert code == 0 and out.startswith("imported 2 documents and 0 spans"), err
    docs = exported(capsys, store)
    assert set(docs) == {"libya.txt", "2019/مارس/خبر.txt"}
    assert docs["libya.txt"]["text"] == ARTICLE.replace("\r\n", "\n")
    code, out, err = run(capsys, "import", corpus / "libya.txt", "-f", "text", "--store", store)
    assert code == 0 and "already in the store" in out


def test_jsonl_import_of_a_doccano_record_names_the_format(capsys, tmp_path, store):
    path = tmp_path / "doccano.jsonl"
    path.write_text(
        json.dumps({"text": "زار الرئيس ليبيا", "label": [[11, 16, "place"]]}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "import", path, "-f", "jsonl", "--store", store, "--dry-run")
    assert "label" in err and "doccano" in err and "--format doccano" in err
    code, out, err = run(capsys, "import", path, "-f", "doccano", "--store", store)
    assert code == 0 and "1 span" in out and "doccano" not in err


def test_skip_errors_skips_a_malformed_json_line(capsys, tmp_path, store):
    path = tmp_path / "x.jsonl"
    good = json.dumps({"id": "جيد", "text": "نص سليم", "spans": []}, ensure_ascii=False)
    path.write_text(f'{good}\n{{"text": "مكسور\n{good.replace("جيد", "ثان")}\n', encoding="utf-8")
    code, out, err = run(capsys, "import", path, "-f", "jsonl", "--store", store)
    assert code == 1 and f"{path}:2" in err and "nothing was imported" in err
    assert "at at" not in err
    code, out, err = run(capsys, "import", path, "-f", "jsonl", "--store", store, "--skip-errors")
    assert code == 0 and out.startswith("imported 2 documents"), err
    assert f"{path}:2: error:" in err and "line skipped" in err


def test_dry_run_says_what_the_real_run_does(capsys, tmp_path, store):
    first = tmp_path / "a.jsonl"
    first.write_text(
        json.dumps({"id": "a", "text": "نص أول", "spans": []}, ensure_ascii=False) + "\n", "utf-8"
    )
    assert run(capsys, "import", first, "-f", "jsonl", "--store", store)[0] == 0
    clash = tmp_path / "b.jsonl"
    clash.write_text(
        json.dumps({"id": "a", "text": "نص آخر", "spans": []}, ensure_ascii=False)
        + "\n"
        + json.dumps({"id": "b", "text": "نص ثالث", "spans": []}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    dry = run(capsys, "import", clash, "-f", "jsonl", "--store", store, "--dry-run")
    real = run(capsys, "import", clash, "-f", "jsonl", "--store", store)
    assert dry[0] == real[0] == 1
    assert "would import" not in dry[1] + dry[2]
    assert "nothing was imported" in dry[2] and "nothing was imported" in real[2]
    assert set(exported(capsys, store)) == {"a"}
    code, out, err = run(
        capsys, "import", clash, "-f", "jsonl", "--store", store, "--dry-run", "--skip-errors"
    )
    assert code == 0 and "would import 1 document and 0 spans" in out
    assert "already in the store with a different text" in err  # what is left out, and why
    code, out, err = run(capsys, "import", first, "-f", "jsonl", "--store", store, "--dry-run")
    assert code == 0 and err == "" and "would import 0 documents (+1 already in the store)" in out


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("", "holds no document"),
        ('{"spans": []}\n', 'no "text" string'),
        ("[1, 2]\n", "expected a JSON object"),
        ('{"text": "نص", "spans": [}\n', "not valid JSON"),
    ],
)
def test_every_failure_that_imports_nothing_says_so(capsys, tmp_path, store, content, needle):
    path = tmp_path / "x.jsonl"
    path.write_text(content, encoding="utf-8")
    code, _out, err = run(capsys, "import", path, "-f", "jsonl", "--store", store)
    last = err.splitlines()[-1]
    assert code == 1 and needle in last and last.endswith("nothing was imported"), err


def test_json_error_names_line_and_column_once(capsys, tmp_path, store):
    path = tmp_path / "x.jsonl"
    path.write_text('{"text": "نص غير منته\n', encoding="utf-8")
    _code, _out, err = run(capsys, "import", path, "-f", "jsonl", "--store", store)
    assert "Unterminated string starting at line 1 column 10" in err and "at at" not in err


def test_label_map_hint_suggests_a_real_mapping(capsys, tmp_path, store):
    path = tmp_path / "tags.conll"
    path.write_text("ليبيا B-PLACE\nو O\nأردوغان B-PERS\nقال O\nxyz B-FOOBAR\n", encoding="utf-8")
    code, out, err = run(capsys, "import", path, "-f", "conll", "--store", store)
    hint = err.splitlines()[-1]
    assert code == 1 and out == "" and "PLACE=place" in hint and "PERS=actor" in hint
    assert "PLACE=actor" not in hint
    path.write_text("xyz B-FOOBAR\n", encoding="utf-8")
    code, _out, err = run(capsys, "import", path, "-f", "conll", "--store", store)
    assert "FOOBAR=LABEL with LABEL one of actor, place, date, claim" in err


def test_an_encoding_for_legacy_files_and_a_hint_without_it(capsys, tmp_path, store):
    path = tmp_path / "old.txt"
    path.write_bytes("قالَ المسؤول: «ليبيا» طلبت الدعم\r\n".encode("cp1256"))
    code, out, err = run(capsys, "import", path, "-f", "text", "--store", store)
    assert code == 1 and out == "" and "--encoding cp1256" in err and "nothing was imported" in err
    code, _out, err = run(
        capsys, "import", path, "-f", "text", "--store", store, "--encoding", "cp1256"
    )
    assert code == 0, err
    assert exported(capsys, store)["old.txt"]["text"] == "قالَ المسؤول: «ليبيا» طلبت الدعم\n"


def test_skip_errors_skips_a_record_that_is_not_one(capsys, tmp_path, store):
    path = tmp_path / "tasks.json"
    tasks = [{"data": {"text": "زار الرئيس ليبيا"}}, [1, 2], {"data": {"text": "نص ثان"}}]
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    code, out, err = run(capsys, "import", path, "-f", "labelstudio", "--store", store)
    assert code == 1 and out == "" and "task 2 is not a JSON object" in err
    code, out, err = run(
        capsys, "import", path, "-f", "labelstudio", "--store", store, "--skip-errors"
    )
    assert code == 0 and out.startswith("imported 2 documents"), err
    assert err.count(str(path)) == 1 and "task 2 is not a JSON object" in err and "skipped" in err


def test_dry_run_counts_the_spans_the_real_run_keeps(capsys, tmp_path, store):
    path = tmp_path / "tags.conll"
    path.write_text("أردوغان B-PERS\nزار O\nليبيا B-place\nو O\nطرابلس B-place\n", "utf-8")
    argv = ("import", path, "-f", "conll", "--store", store, "--drop-unmapped")
    code, out, err = run(capsys, *argv, "--dry-run")
    assert code == 0 and "would import 1 document and 2 spans" in out, out + err
    code, out, err = run(capsys, *argv)
    assert code == 0 and out.startswith("imported 1 document and 2 spans (place 2)"), out + err
    assert "dropped 1 span(s) labelled 'PERS'" in err
