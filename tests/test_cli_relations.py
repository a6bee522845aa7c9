"""Links and notes through the store and the real command line: import, export in every
format that carries them, import that export into a new store, and find the same claim ->
actor pairs and notes; `reader stats` counts links and claims without a speaker."""

import json
from pathlib import Path

import pytest

from reader.formats import jsonl
from reader.formats.records import RelationRecord
from reader.store import AnnotationStore
from tests.helpers.arabic import DOCUMENT_NOTE, PAIRS, SPAN_NOTE, linked_record
from tests.helpers.cli import run


@pytest.fixture(autouse=True)
def no_user_config(tmp_path, monkeypatch):
    monkeypatch.setenv("READER_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.delenv("READER_STORE", raising=False)


@pytest.fixture
def linked(tmp_path):
    path = tmp_path / "linked.jsonl"
    with path.open("w", encoding="utf-8") as out:
        jsonl.write([linked_record()], out)
    return path


def stored_pairs(store_path: Path) -> tuple[set[tuple[str, str]], dict[str, str], str]:
    """(claim text, actor text) of every said_by link in the store, span notes by span text,
    and the document's note."""
    with AnnotationStore.open(store_path, read_only=True) as store:
        (row,) = store.documents()
        spans = {span["id"]: span for span in store.spans(row["id"])}
        pairs = {
            (spans[r["from"]]["text"], spans[r["to"]]["text"])
            for r in store.relations(row["id"])
            if r["type"] == "said_by"
        }
        notes = {span["text"]: span["note"] for span in spans.values() if span.get("note")}
        return pairs, notes, store.document(row["id"]).get("note", "")


@pytest.mark.parametrize("name", ["jsonl", "brat", "doccano", "labelstudio"])
def test_store_export_and_import_keep_claims_with_their_speakers(capsys, tmp_path, linked, name):
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    code, out, err = run(capsys, "import", str(linked), "-f", "jsonl", "--store", str(first))
    assert code == 0 and "2 links, 2 notes" in out, out + err
    assert stored_pairs(first) == (
        PAIRS,
        {"القوات ستنسحب من المدينة خلال ٣ أيام": SPAN_NOTE},
        DOCUMENT_NOTE,
    )

    target = tmp_path / ("out" if name == "brat" else f"out.{name}")
    code, out, err = run(capsys, "export", "-f", name, "-o", str(target), "--store", str(first))
    assert code == 0, err
    code, out, err = run(capsys, "import", str(target), "-f", name, "--store", str(second))
    assert code == 0 and "2 links" in out, out + err
    pairs, notes, document_note = stored_pairs(second)
    assert pairs == PAIRS
    assert notes == {"القوات ستنسحب من المدينة خلال ٣ أيام": SPAN_NOTE}
    assert document_note == DOCUMENT_NOTE


def test_labelstudio_export_writes_its_config_and_says_where(capsys, tmp_path, linked):
    store = tmp_path / "store.json"
    run(capsys, "import", str(linked), "-f", "jsonl", "--store", str(store))
    target = tmp_path / "tasks.json"
    code, out, err = run(
        capsys, "export", "-f", "labelstudio", "-o", str(target), "--store", str(store)
    )
    config = tmp_path / "tasks.json.config.xml"
    assert code == 0 and f"written to {config}" in err
    xml = config.read_text(encoding="utf-8")
    assert '<Relation value="said_by"/>' in xml and '<Label value="claim"/>' in xml
    code, out, err = run(capsys, "export", "-f", "labelstudio", "--store", str(store))
    assert json.loads(out)[0]["annotations"][0]["result"] and "only with -o" in err


def test_conll_export_says_once_that_links_are_left_out(capsys, tmp_path, linked):
    store = tmp_path / "store.json"
    run(capsys, "import", str(linked), "-f", "jsonl", "--store", str(store))
    code, out, err = run(capsys, "export", "-f", "conll", "--store", str(store))
    assert code == 0 and "B-claim" in out
    assert err.count("cannot carry links") == 1 and "2 link(s) and 2 note(s)" in err


def test_a_link_to_a_dropped_span_is_reported_not_a_crash(capsys, tmp_path):
    """The actor's label is mapped to nothing: its link cannot be made, and the import says so."""
    record = linked_record()
    record.relations.append(RelationRecord("c1", "p1", type="mentions", id="r3"))
    path = tmp_path / "in.jsonl"
    with path.open("w", encoding="utf-8") as out:
        jsonl.write([record], out)
    store = tmp_path / "store.json"
    code, out, err = run(
        capsys, "import", str(path), "-f", "jsonl", "--label-map", "place=", "--store", str(store)
    )
    assert code == 0, err
    assert "link 'mentions' r3 names a span that was not imported" in err
    assert "2 links" in out


def test_stats_counts_links_and_claims_without_a_speaker(capsys, tmp_path, linked):
    store = tmp_path / "store.json"
    run(capsys, "import", str(linked), "-f", "jsonl", "--store", str(store))
    with AnnotationStore.open(store) as opened:
        (row,) = opened.documents()
        text = opened.document(row["id"])["text"]
        start = text.index("ستنسحب")
        opened.add_span(row["id"], start, start + len("ستنسحب"), "claim")
    code, out, _ = run(capsys, "stats", "--json", "--store", str(store))
    data = json.loads(out)
    assert data["totals"]["links"] == 2 and data["totals"]["unlinked_claims"] == 1
    assert data["documents"][0]["links"] == 2 and data["documents"][0]["unlinked_claims"] == 1
    code, out, _ = run(capsys, "stats", "--store", str(store))
    header = next(line for line in out.splitlines() if "document" in line)
    row = next(line for line in out.splitlines() if line.startswith(" news/truce"))
    assert (
        code == 0 and header.split()[-2:] == ["links", "speaker"] and row.split()[-2:] == ["2", "1"]
    )
    assert "2 links · 1 \nclaims without a speaker" in out or "1 claims without a speaker" in out
