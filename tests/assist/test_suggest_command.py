"""`reader suggest` through the real command line (no store is opened)."""

import json

import pytest

from tests.helpers.cli import run


def test_one_record_per_file_with_suggestions_as_spans(capsys, tmp_path):
    first = tmp_path / "cairo.txt"
    first.write_bytes(
        "\ufeff🙂 قال الرئيس محمود عباس إن الوفد وصل القاهرة في ١٥ مارس ٢٠١١.\r\n".encode()
    )
    second = tmp_path / "empty.txt"
    second.write_text("لا شيء هنا\n", encoding="utf-8")
    out_file = tmp_path / "out.jsonl"
    code, out, err = run(capsys, "suggest", str(first), str(second), "-o", str(out_file))
    assert code == 0 and out == ""
    assert "suggested" in err and "2 files" in err
    records = [json.loads(line) for line in out_file.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["cairo", "empty"]
    cairo = records[0]
    assert "\r" not in cairo["text"] and not cairo["text"].startswith("\ufeff")
    by_label = {(s["label"], s["text"]) for s in cairo["spans"]}
    assert {("place", "القاهرة"), ("date", "١٥ مارس ٢٠١١"), ("actor", "محمود عباس")} <= by_label
    for span in cairo["spans"]:
        assert cairo["text"][span["start"] : span["end"]] == span["text"]
        assert span["annotator"].split("/")[0] in {"date", "place", "actor", "claim"}
    assert records[1]["spans"] == []


def test_only_limits_labels_and_writes_stdout(capsys, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("زار بيروت يوم الأحد", encoding="utf-8")
    code, out, _ = run(capsys, "suggest", str(path), "--only", "place")
    assert code == 0
    [record] = [json.loads(line) for line in out.splitlines()]
    assert [(s["label"], s["text"]) for s in record["spans"]] == [("place", "بيروت")]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["suggest", "{file}", "--doc", "x"], "either FILEs or --doc"),
        (["suggest", "{file}", "--only", "person"], "no suggester for person"),
        (["suggest", "{missing}"], "no such file"),
    ],
)
def test_bad_input_is_one_line(capsys, tmp_path, argv, message):
    path = tmp_path / "a.txt"
    path.write_text("نص", encoding="utf-8")
    argv = [a.format(file=path, missing=tmp_path / "nope.txt") for a in argv]
    code, _, err = run(capsys, *argv)
    assert code != 0
    lines = [line for line in err.splitlines() if line.startswith("reader:")]
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in err


def test_same_file_name_in_two_folders_gets_two_ids(capsys, tmp_path):
    paths = []
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        paths.append(tmp_path / folder / "x.txt")
        paths[-1].write_text("بيروت", encoding="utf-8")
    code, out, _ = run(capsys, "suggest", *map(str, paths))
    assert code == 0
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["x", "x-2"]


def test_store_mode_adds_suggestions_to_documents_to_do_without_duplicates(
    capsys, tmp_path, monkeypatch
):
    from reader.store import AnnotationStore

    path = tmp_path / "store.json"
    monkeypatch.setenv("READER_STORE", str(path))
    text = "قالَ الرئيس إن الوفد وصل «القاهرة» في ١٥ مارس ٢٠١١ 🙂، ثم بيروت يوم 3/4/2012."
    with AnnotationStore.open(path) as store:
        store.add_document(text, doc_id="todo")
        store.add_document(text, doc_id="done", status="done")
        start = text.index("القاهرة")
        mine = store.add_span("todo", start, start + len("القاهرة"), "place")
    code, out, _ = run(capsys, "suggest", "--only", "place,date")
    assert code == 0 and "to 1 document" in out
    with AnnotationStore.open(path) as store:
        pending = {(s["label"], s["text"]) for s in store.suggestions("todo")}
        assert ("place", "بيروت") in pending and ("date", "١٥ مارس ٢٠١١") in pending
        assert ("place", "القاهرة") not in pending  # a person's span is there
        assert {s["label"] for s in store.suggestions("todo")} <= {"place", "date"}
        assert store.suggestions("done") == []
        assert [s["id"] for s in store.spans("todo")] == [mine]
        assert store.span_count() == 1
    code, out, _ = run(capsys, "suggest")
    assert code == 0
    with AnnotationStore.open(path) as store:
        assert {(s["label"], s["text"]) for s in store.suggestions("todo")} >= pending
    code, out, _ = run(capsys, "suggest", "--doc", "done")
    assert code == 0 and "added 0 suggestions" not in out
    code, out, _ = run(capsys, "suggest")
    assert code == 0 and "added 0 suggestions" in out  # nothing twice


def test_store_mode_unknown_doc_is_one_line(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("READER_STORE", str(tmp_path / "store.json"))
    code, _, err = run(capsys, "suggest", "--doc", "nope")
    assert code != 0
    assert err.count("reader:") == 1 and "no document 'nope'" in err and "Traceback" not in err
