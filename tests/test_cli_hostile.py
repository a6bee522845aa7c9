"""Hostile files through `reader import` and `reader export`: no escape sequence reaches the
terminal from data, no input gives a traceback, and a failed import says nothing was imported."""

import json
import os
import pty
import select
import subprocess
import sys

import pytest

from tests.helpers.cli import run

TEXT = "قالَ الرئيسُ إنّ «ليبيا» طلبت الدعم (Erdoğan) عام ٢٠١٩ و2019 👍"
OSC52 = "\x1b]52;c;aGFja2Vk\x07"
OSC2 = "\x1b]2;owned\x07"
CSI = "\x1b[31m"
ACTIVE = ("\x1b", "\x07", "\x9b", "\u202e")


@pytest.fixture
def store(tmp_path):
    return tmp_path / "store.json"


def assert_clean(*outputs):
    for output in outputs:
        for char in ACTIVE:
            assert char not in output, (char, output)


def one_error_line(code, out, err, *needles):
    assert code == 1, err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("reader: "), err
    assert "Traceback" not in err and "nothing was imported" in lines[0]
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])


def jsonl(path, *values):
    path.write_text("".join(json.dumps(v, ensure_ascii=False) + "\n" for v in values), "utf-8")
    return path


# --- escape sequences in messages -------------------------------------------------------


def test_brat_ann_line_with_osc52_is_drawn_not_sent(capsys, tmp_path, store):
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "خبر.txt").write_text(TEXT, encoding="utf-8")
    (folder / "خبر.ann").write_text(f"{OSC52}T9 oops\nT1\tplace 17 22\tليبيا\n", "utf-8")
    code, out, err = run(capsys, "import", folder, "-f", "brat", "--store", store)
    assert code == 1 and "unknown annotation line" in err and "]52;" in err
    assert_clean(out, err)


def test_labelstudio_result_type_with_osc2_is_drawn_not_sent(capsys, tmp_path, store):
    task = {
        "data": {"text": TEXT},
        "annotations": [{"result": [{"type": OSC2, "value": {"choices": ["x"]}}]}],
    }
    path = tmp_path / "tasks.json"
    path.write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    _code, out, err = run(capsys, "import", path, "-f", "labelstudio", "--store", store)
    assert "]2;owned" in err
    assert_clean(out, err)


def test_conll_tags_with_escapes_in_messages_and_label_map_hint(capsys, tmp_path, store):
    path = tmp_path / "tags.conll"
    path.write_text(f"ليبيا B-{CSI}LOC\nتطلب I-\u202eX\nالدعم O\n", encoding="utf-8")
    code, out, err = run(capsys, "import", path, "-f", "conll", "--store", store)
    assert code == 1 and "--label-map" in err and "malformed tag" in err
    assert_clean(out, err)
    code, out, err = run(capsys, "import", path, "-f", "conll", "--store", store, "--dry-run")
    assert_clean(out, err)


def test_file_name_with_osc2_in_the_bom_note(capsys, tmp_path, store):
    path = tmp_path / f"news{OSC2}.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"text": TEXT, "spans": []}).encode() + b"\n")
    code, out, err = run(capsys, "import", path, "-f", "jsonl", "--store", store)
    assert code == 0 and "byte order mark" in err
    assert_clean(out, err)


def test_labels_and_ids_with_escapes_in_the_summary(capsys, tmp_path, store):
    label = f"place{CSI}\u202e"
    path = jsonl(
        tmp_path / "x.jsonl",
        {"id": f"doc{OSC2}", "text": TEXT, "spans": [{"start": 17, "end": 22, "label": label}]},
    )
    code, out, err = run(
        capsys, "import", path, "-f", "jsonl", "--store", store, "--label-map", f"{label}=place"
    )
    assert code == 0, err
    assert_clean(out, err)


# --- exports written to a terminal ------------------------------------------------------

HOSTILE = "عنوان\u009b2J «مخفي\u202e» \u200fنهاية\x7f"


def export_on_a_terminal(store, *argv):
    """`reader export` with stdout on a pseudo-terminal: what the terminal received."""
    primary, secondary = pty.openpty()
    env = dict(os.environ, READER_CONFIG="/nonexistent/reader-tests/config.toml")
    process = subprocess.Popen(
        [sys.executable, "-m", "reader", "export", "--store", str(store), *argv],
        stdout=secondary,
        stderr=subprocess.PIPE,
        env=env,
    )
    os.close(secondary)
    received = b""
    while True:
        ready, _, _ = select.select([primary], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(primary, 65536)
        except OSError:
            break
        if not chunk:
            break
        received += chunk
    process.wait(timeout=30)
    os.close(primary)
    return process.returncode, received.decode("utf-8").replace("\r\n", "\n")


@pytest.fixture
def hostile_store(capsys, tmp_path, store):
    path = jsonl(
        tmp_path / "h.jsonl",
        {"id": "h", "text": HOSTILE, "spans": [{"start": 0, "end": 5, "label": "place"}]},
    )
    assert run(capsys, "import", path, "-f", "jsonl", "--store", store)[0] == 0
    return store


@pytest.mark.parametrize("name", ["jsonl", "doccano", "labelstudio"])
def test_json_exports_on_a_terminal_escape_c1_and_bidi_and_stay_json(hostile_store, name):
    code, shown = export_on_a_terminal(hostile_store, "-f", name)
    assert code == 0
    assert_clean(shown)
    assert "\\u009b" in shown and "\\u202e" in shown
    text = shown if name == "labelstudio" else shown.splitlines()[0]
    value = json.loads(text)
    found = value[0]["data"]["text"] if name == "labelstudio" else value["text"]
    assert found == HOSTILE  # the same data once parsed


def test_conll_export_on_a_terminal_is_sanitised(hostile_store):
    code, shown = export_on_a_terminal(hostile_store, "-f", "conll")
    assert code == 0 and "B-place" in shown
    assert_clean(shown)


def test_exports_to_a_pipe_keep_the_text_exactly(capsys, hostile_store):
    code, out, _err = run(capsys, "export", "--store", hostile_store)
    assert code == 0 and json.loads(out)["text"] == HOSTILE


# --- no traceback -----------------------------------------------------------------------


def test_deep_nesting_in_a_jsonl_record(capsys, tmp_path, store):
    path = tmp_path / "deep.jsonl"
    path.write_text('{"text": "نص", "spans": ' + "[" * 200_000 + "\n", encoding="utf-8")
    code, out, err = run(capsys, "import", path, "-f", "jsonl", "--store", store)
    one_error_line(code, out, err, f"{path}:1", "nested too deeply")
    assert not store.exists()


def test_deep_nesting_in_a_labelstudio_file(capsys, tmp_path, store):
    path = tmp_path / "deep.json"
    path.write_text("[" * 200_000, encoding="utf-8")
    code, out, err = run(capsys, "import", path, "-f", "labelstudio", "--store", store)
    one_error_line(code, out, err, "nested too deeply")


def test_a_number_of_5000_digits(capsys, tmp_path, store):
    path = tmp_path / "big.jsonl"
    path.write_text('{"text": "نص", "spans": [{"start": ' + "9" * 5000 + "}]}\n", "utf-8")
    code, out, err = run(capsys, "import", path, "-f", "jsonl", "--store", store)
    one_error_line(code, out, err, "number too long")


def test_brat_offsets_of_5000_digits(capsys, tmp_path, store):
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "a.ann").write_text(f"T1\tplace 1 {'9' * 5000}\tx\n", encoding="utf-8")
    code, _out, err = run(capsys, "import", folder, "-f", "brat", "--store", store)
    assert code == 1 and "Traceback" not in err and "offsets" in err


@pytest.mark.parametrize("field", ["text", "id", "title", "source", "annotator"])
def test_a_lone_surrogate_anywhere_is_one_error_before_anything_is_written(
    capsys, tmp_path, store, field
):
    record = {
        "id": "a",
        "text": TEXT,
        "meta": {},
        "spans": [{"start": 17, "end": 22, "label": "place"}],
    }
    if field in ("title", "source"):
        record["meta"][field] = "x\ud800"
    elif field == "annotator":
        record["spans"][0]["annotator"] = "\ud800"
    else:
        record[field] = TEXT + "\ud800" if field == "text" else "\ud800"
    path = tmp_path / "s.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")  # ASCII: "\ud800" escaped
    code, _out, err = run(capsys, "import", path, "-f", "jsonl", "--store", store)
    assert code == 1 and "lone surrogate" in err and "Traceback" not in err
    assert "nothing was imported" in err.splitlines()[-1]
    assert not store.exists()


def test_a_lone_surrogate_from_labelstudio(capsys, tmp_path, store):
    task = {
        "data": {"text": TEXT},
        "annotations": [
            {
                "completed_by": {"email": "\ud800"},
                "result": [
                    {"type": "labels", "value": {"start": 17, "end": 22, "labels": ["place"]}}
                ],
            }
        ],
    }
    path = tmp_path / "t.json"
    path.write_text(json.dumps([task]), encoding="utf-8")
    code, _out, err = run(capsys, "import", path, "-f", "labelstudio", "--store", store)
    assert code == 1 and "lone surrogate" in err and "annotator" in err


def test_brat_does_not_follow_a_link_out_of_the_folder(capsys, tmp_path, store):
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "passwd.txt").write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "خبر.txt").write_text(TEXT, encoding="utf-8")
    (folder / "secret.txt").symlink_to(secret / "passwd.txt")
    code, out, err = run(capsys, "import", folder, "-f", "brat", "--store", store)
    assert code == 0 and "imported 1 document" in out
    assert "secret.txt" in err and "link out of" in err and "skipped" in err
    code, out, err = run(capsys, "export", "--store", store)
    assert "root:x" not in out


def test_a_document_over_the_size_limit_is_refused(capsys, tmp_path, store):
    path = tmp_path / "big.txt"
    path.write_text(TEXT * 200, encoding="utf-8")  # about 22 KB
    argv = ("import", path, "-f", "text", "--store", store, "--max-document-size", "0.01")
    code, out, err = run(capsys, *argv)
    one_error_line(code, out, err, str(path), "limit", "--max-document-size")
    assert run(capsys, *argv[:-2])[0] == 0  # the default 50 MB takes it


def test_a_huge_file_is_refused_before_it_is_read(capsys, tmp_path, store):
    path = tmp_path / "huge.conll"
    with path.open("wb") as out:
        out.truncate(1 << 30)  # 1 GB, sparse: reading it would take seconds and 1 GB
    code, out, err = run(capsys, "import", path, "-f", "conll", "--store", store)
    one_error_line(code, out, err, "over the 50 MB limit")


def test_a_jsonl_line_over_the_limit_is_refused_as_it_is_read(capsys, tmp_path, store):
    path = jsonl(
        tmp_path / "x.jsonl", {"text": "نص قصير", "spans": []}, {"text": "ن" * 20_000, "spans": []}
    )
    code, out, err = run(
        capsys, "import", path, "-f", "jsonl", "--store", store, "--max-document-size", "0.01"
    )
    one_error_line(code, out, err, "line 2", "limit")


@pytest.mark.parametrize("name", ["text", "conll", "jsonl", "brat"])
def test_nul_bytes_are_refused_as_binary(capsys, tmp_path, store, name):
    folder = tmp_path / "in"
    folder.mkdir()
    suffix = {"text": ".txt", "conll": ".conll", "jsonl": ".jsonl", "brat": ".txt"}[name]
    (folder / f"a{suffix}").write_bytes("نص\x00".encode())
    code, out, err = run(capsys, "import", folder, "-f", name, "--store", store)
    one_error_line(code, out, err, "binary")


def test_a_fifo_is_refused_not_waited_on(capsys, tmp_path, store):
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    code, out, err = run(capsys, "import", fifo, "-f", "jsonl", "--store", store)
    one_error_line(code, out, err, "not a regular file")


def test_progress_shows_a_file_name_as_text_never_markup():
    import io

    from reader.commands._output import progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    with progress(f"reading /data/[/b]{OSC2}خبر.jsonl", 3, stream=stream) as advance:
        advance(3)
    shown = stream.getvalue()
    assert "reading /data/[/b]␛]2;owned␇خبر.jsonl" in shown  # the name as text, drawn safe
    assert "\x1b]" not in shown
