"""`reader assign`, `agree` and `merge` through the real command line, on temporary stores."""

import json
from pathlib import Path

import pytest

from reader.store import AnnotationStore
from tests.helpers.cli import run
from tests.helpers.review import BEIRUT, CAIRO, HUDA, RIYADH, at, make_store, team

ARTICLES = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "articles"


def documents(path):
    with AnnotationStore.open(path, read_only=True) as store:
        return {
            d["id"]: (store.document(d["id"])["text"], d["status"], store.spans(d["id"]))
            for d in store.documents()
        }


# -- assign ----------------------------------------------------------------------------------------


@pytest.fixture
def folder(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "riyadh.txt").write_bytes(b"\xef\xbb\xbf" + RIYADH.replace(" يوم", "\r\nيوم").encode())
    (src / "cairo.txt").write_text(CAIRO, encoding="utf-8")
    (src / "بيروت.txt").write_text(BEIRUT, encoding="utf-8")
    (src / "notes.md").write_text("not a document", encoding="utf-8")
    return src


def test_assign_a_folder(capsys, tmp_path, folder):
    out_dir = tmp_path / "team"
    code, out, err = run(
        capsys,
        "assign",
        folder,
        "--annotators",
        "huda,omar",
        "--overlap",
        "0.34",
        "--seed",
        "5",
        "-o",
        out_dir,
    )
    assert code == 0 and err == ""
    assert out.startswith("assigned 3 documents to 2 annotators, 1 of them to two (seed 5")
    huda, omar = documents(out_dir / "huda.json"), documents(out_dir / "omar.json")
    assert set(huda) | set(omar) == {"riyadh.txt", "cairo.txt", "بيروت.txt"}
    assert len(set(huda) & set(omar)) == 1 and {len(huda), len(omar)} == {2}
    # texts read as the app reads them (BOM dropped, CRLF -> LF), status todo, no spans
    texts = {**huda, **omar}
    assert texts["riyadh.txt"][0] == RIYADH.replace(" يوم", "\nيوم")
    assert all(status == "todo" and spans == [] for _, status, spans in texts.values())
    # says what went where, one line per document
    for doc_id in texts:
        line = next(line for line in out.splitlines() if line.strip().startswith(doc_id))
        names = line.split("->")[1].strip().split(", ")
        assert names == [n for n in ("huda", "omar") if doc_id in documents(out_dir / f"{n}.json")]

    again = tmp_path / "again"
    code, again_out, _ = run(
        capsys,
        "assign",
        folder,
        "--annotators",
        "huda,omar",
        "--overlap",
        "0.34",
        "--seed",
        "5",
        "-o",
        again,
    )
    assert code == 0 and again_out == out.replace(str(out_dir), str(again))
    assert documents(again / "huda.json") == huda


def test_assign_from_a_store_takes_documents_not_spans(capsys, tmp_path):
    source, _ = team(tmp_path)
    code, out, err = run(
        capsys, "assign", source, "--annotators", "lina", "-o", tmp_path / "out", "--json"
    )
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["annotators"]["lina"] == ["news/riyadh", "news/cairo", "only/huda", "news/beirut"]
    assert data["shared"] == {}
    lina = documents(tmp_path / "out" / "lina.json")
    assert lina["news/riyadh"][0] == RIYADH and lina["news/riyadh"][1:] == ("todo", [])


def test_assign_refuses_an_existing_store(capsys, tmp_path, folder):
    out_dir = tmp_path / "team"
    make_store(out_dir / "omar.json", [("x", CAIRO, [], "todo")])
    code, out, err = run(capsys, "assign", folder, "--annotators", "huda,omar", "-o", out_dir)
    assert code == 1 and out == ""
    assert (
        err
        == f"reader: {out_dir / 'omar.json'} already exists; give another -o DIR (assign never adds to an annotator's store)\n"
    )
    assert not (out_dir / "huda.json").exists()  # nothing written
    assert set(documents(out_dir / "omar.json")) == {"x"}


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--annotators", "huda,../x"], "cannot be a file name"),
        (["--annotators", "huda,omar", "--overlap", "2"], "between 0 and 1"),
        (["--annotators", "huda", "--overlap", "0.5"], "at least two annotators"),
    ],
)
def test_assign_bad_arguments(capsys, tmp_path, folder, argv, message):
    code, out, err = run(capsys, "assign", folder, *argv, "-o", tmp_path / "team")
    assert (
        code == 1
        and out == ""
        and message in err
        and err.count("\n") == 1
        and "Traceback" not in err
    )


def test_assign_missing_source(capsys, tmp_path):
    code, out, err = run(
        capsys, "assign", tmp_path / "nowhere", "--annotators", "huda", "-o", tmp_path / "t"
    )
    assert code == 1 and out == "" and "no such store or folder" in err


@pytest.mark.skipif(not ARTICLES.is_dir(), reason=f"shared articles not found at {ARTICLES}")
def test_assign_the_shared_articles(capsys, tmp_path):
    code, out, err = run(
        capsys,
        "assign",
        ARTICLES,
        "--annotators",
        "huda,omar",
        "--overlap",
        "0.25",
        "-o",
        tmp_path / "t",
    )
    assert code == 0 and err == "" and out.startswith("assigned")
    huda, omar = documents(tmp_path / "t" / "huda.json"), documents(tmp_path / "t" / "omar.json")
    files = sorted(p.name for p in ARTICLES.glob("*.txt"))
    assert sorted(set(huda) | set(omar)) == files
    assert len(set(huda) & set(omar)) == round(0.25 * len(files))


# -- agree -----------------------------------------------------------------------------------------


def test_agree_piped(capsys, tmp_path):
    huda, omar = team(tmp_path)
    code, out, err = run(capsys, "agree", huda, omar)
    assert code == 0 and err == ""
    assert "\x1b" not in out  # plain when piped
    lines = out.splitlines()
    assert lines[0] == (
        "huda and omar: 2 documents compared; 1 only in huda (only/huda); 1 only in omar "
        "(only/omar); 1 not done by both (--status done leaves them out)"
    )
    assert "exact F1 0.500 · overlap F1 0.750 · kappa 0.574" in out  # 210/366, see test_report
    assert any(line.split() == ["date", "1", "1", "0.000", "1.000"] for line in lines)
    worst = [line.split()[0] for line in lines if line.strip().startswith("news/")]
    assert worst == ["news/riyadh", "news/cairo"]
    assert "not compared: news/beirut in omar has a different text from huda's" in out


def test_agree_json(capsys, tmp_path):
    huda, omar = team(tmp_path)
    code, out, err = run(capsys, "agree", huda, omar, "--json", "--status", "done")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert set(data["overall"]) == {"exact_f1", "overlap_f1", "kappa"}
    assert data["overall"]["kappa"] == pytest.approx(
        126 / 240
    )  # RIYADH alone: CAIRO not done by omar
    assert all(set(v) == {"exact_f1", "overlap_f1"} for v in data["labels"].values())
    assert data["shared"] == 1


def test_agree_three(capsys, tmp_path):
    huda, omar = team(tmp_path)
    lina = make_store(tmp_path / "lina.json", [("news/riyadh", RIYADH, HUDA, "done")])
    code, out, err = run(capsys, "agree", huda, omar, lina, "--json")
    data = json.loads(out)
    assert [(p["a"], p["b"]) for p in data["pairs"]] == [
        ("huda", "omar"),
        ("huda", "lina"),
        ("omar", "lina"),
    ]
    assert data["pairs"][1]["overall"] == {"exact_f1": 1.0, "overlap_f1": 1.0, "kappa": 1.0}
    code, out, err = run(capsys, "agree", huda, omar, lina)
    assert code == 0 and err == "" and "\x1b" not in out
    kappa_rows = out.split("kappa")[1].splitlines()
    assert any(line.split() == ["lina", "1.000", "0.525", "—"] for line in kappa_rows)


def test_agree_prints_no_control_characters_from_a_store(capsys, tmp_path):
    text = "قال\x1b[31m أحمد"
    evil = make_store(
        tmp_path / "a.json",
        [("doc\x1b]0;x\x07", text, [at(text, "أحمد", "actor\x1b[2J")], "done")],
    )
    other = make_store(
        tmp_path / "b.json", [("doc\x1b]0;x\x07", text, [at(text, "أحمد", "place")], "done")]
    )
    code, out, err = run(capsys, "agree", evil, other)
    assert code == 0 and err == ""
    assert "\x1b" not in out and "\x07" not in out
    assert "actor␛[2J" in out  # the label's escape shown as a symbol, in the confusion table
    code, out, err = run(capsys, "merge", evil, other, "-o", tmp_path / "gold.json")
    assert code == 0 and "\x1b" not in out and "\x07" not in out and "doc␛]0;x␇" in out


@pytest.mark.parametrize("stores", [["one.json"], ["missing.json", "other.json"]])
def test_agree_bad_stores(capsys, tmp_path, stores):
    make_store(tmp_path / "other.json", [])
    code, out, err = run(capsys, "agree", *(tmp_path / s for s in stores))
    assert code == 1 and out == "" and err.count("\n") == 1


def test_agree_the_same_store_twice(capsys, tmp_path):
    huda, _ = team(tmp_path)
    code, out, err = run(capsys, "agree", huda, huda)
    assert code == 1 and out == "" and "is given twice" in err


# -- merge -----------------------------------------------------------------------------------------


def test_merge_two_stores(capsys, tmp_path):
    huda, omar = team(tmp_path)
    gold = tmp_path / "gold.json"
    code, out, err = run(capsys, "merge", huda, omar, "-o", gold, "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    # RIYADH: 2 agreed, 3 conflicts (see test_merge); CAIRO: nothing; only/* from one annotator:
    # only/huda's one span is agreed by huda alone; news/beirut is set aside.
    assert (data["agreed"], data["conflicts"]) == (3, 3)
    riyadh = next(d for d in data["documents"] if d["id"] == "news/riyadh")
    assert riyadh["agreed"][0] == {
        **_json(at(RIYADH, "محمد بن سلمان", "actor")),
        "annotators": ["huda", "omar"],
    }
    assert riyadh["conflicts"][2]["versions"] == {
        "huda": [],
        "omar": [_json(at(RIYADH, "John Smith", "actor"))],
    }
    assert riyadh["conflicts"][2]["text"] == "John Smith"
    assert data["different_text"] == [{"store": "omar", "id": "news/beirut", "other": "huda"}]

    # GOLD's export holds exactly the agreed spans; documents without conflicts are done
    code, out, err = run(capsys, "export", "--store", gold)
    exported = {line["id"]: line for line in map(json.loads, out.splitlines())}
    assert set(exported) == {"news/riyadh", "news/cairo", "only/huda", "only/omar"}
    assert {(s["start"], s["end"], s["label"]) for s in exported["news/riyadh"]["spans"]} == {
        tuple(at(RIYADH, "محمد بن سلمان", "actor")),
        tuple(at(RIYADH, "الرياض", "place")),
    }
    assert [s["annotator"] for s in exported["news/riyadh"]["spans"]] == ["huda", "huda"]
    assert exported["only/huda"]["spans"][0]["text"] == "بيروت"
    assert exported["news/cairo"]["spans"] == []
    # done: no conflict and done by everyone holding it. news/cairo is in progress for omar,
    # only/omar is todo: neither is done in GOLD, though nothing there is in conflict.
    statuses = {doc_id: line["meta"]["status"] for doc_id, line in exported.items()}
    assert statuses == {
        "news/riyadh": "todo",
        "news/cairo": "todo",
        "only/huda": "done",
        "only/omar": "todo",
    }
    assert [d["status"] for d in data["documents"]] == ["todo", "todo", "done", "todo"]


def _json(span):
    return {"start": span.start, "end": span.end, "label": span.label}


def test_merge_table_piped(capsys, tmp_path):
    huda, omar = team(tmp_path)
    code, out, err = run(capsys, "merge", huda, omar, "-o", tmp_path / "gold.json")
    assert code == 0 and err == "" and "\x1b" not in out
    assert out.startswith(
        f"merged 4 documents from huda, omar into {tmp_path / 'gold.json'}: 3 agreed spans, 3 conflicts; 1 done, 1 with conflicts to adjudicate"
    )
    smith = at(RIYADH, "John Smith", "actor")
    row = next(line for line in out.splitlines() if f"{smith.start}:{smith.end}" in line)
    assert row.split()[-3:] == ["—", "actor", f"{smith.start}:{smith.end}"]
    assert "neither is in GOLD" in out


def test_merge_refuses_a_gold_store_with_documents(capsys, tmp_path):
    huda, omar = team(tmp_path)
    gold = make_store(tmp_path / "gold.json", [("old", CAIRO, [], "done")])
    code, out, err = run(capsys, "merge", huda, omar, "-o", gold)
    assert code == 1 and "already holds 1 document;" in err
    assert set(documents(gold)) == {"old"}
    code, out, err = run(capsys, "merge", huda, omar, "-o", omar)
    assert code == 1 and out == "" and "is one of the stores to merge" in err


def test_agree_with_nothing_shared_prints_no_figures(capsys, tmp_path):
    huda, omar = team(tmp_path)
    lina = make_store(tmp_path / "lina.json", [("elsewhere", BEIRUT + "؟", [], "done")])
    code, out, err = run(capsys, "agree", huda, lina)
    assert (
        code == 0
        and out
        == "huda and lina: 0 documents compared; 4 only in huda (news/riyadh, news/cairo, only/huda, news/beirut); 1 only in lina (elsewhere)\n"
    )
    code, out, err = run(capsys, "agree", huda, omar, lina)
    assert code == 0 and err == ""
    exact_rows = out.split("overlap F1")[0].splitlines()
    assert any(line.split() == ["lina", "—", "—", "—"] for line in exact_rows)
