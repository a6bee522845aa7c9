"""The command line on a remote box: a non-UTF-8 locale, no terminal, global flags anywhere."""

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import split_command
from tests.store.test_store_damage import _journal_garbage, populate

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_articles" / "mixed-direction-sample.txt"
DOC = {"id": "خبر/١", "text": "قالَ الرئيسُ إنّ «ليبيا» طلبت الدعم عام ٢٠١٩ و2019 👍", "spans": []}


def run(*args, env=None, **kwargs):
    kwargs.setdefault("capture_output", True)
    environment = dict(
        os.environ, READER_CONFIG="/nonexistent/reader-tests/config.toml", **(env or {})
    )
    environment.pop("READER_STORE", None)
    return subprocess.run(
        [sys.executable, "-m", "reader", *map(str, args)],
        env=environment,
        **{"timeout": 60, **kwargs},
    )


def in_terminal(*args, env=None, timeout=30):
    """`reader ARGS` with a pseudo-terminal as its stdin and stdout: the exit code, what the
    terminal received, and stderr (a pipe)."""
    primary, secondary = pty.openpty()
    environment = dict(
        os.environ, READER_CONFIG="/nonexistent/reader-tests/config.toml", **(env or {})
    )
    environment.pop("READER_STORE", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "reader", *map(str, args)],
        stdin=secondary,
        stdout=secondary,
        stderr=subprocess.PIPE,
        env=environment,
    )
    os.close(secondary)
    shown = b""
    try:
        while chunk := os.read(primary, 65536):  # EIO once the child has closed the terminal
            shown += chunk
    except OSError:
        pass
    finally:
        os.close(primary)
    assert process.stderr is not None
    errors = process.stderr.read().decode()
    return process.wait(timeout), shown, errors


@pytest.fixture
def store(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(DOC, ensure_ascii=False) + "\n", encoding="utf-8")
    path = tmp_path / "store.json"
    result = run("--store", path, "import", source, "-f", "jsonl")
    assert result.returncode == 0, result.stderr
    return path


def latin1_locale():
    """A real ISO-8859-1 locale if the machine has one (built with localedef), else None."""
    probe = subprocess.run(
        [sys.executable, "-c", "import sys; print(sys.stdout.encoding)"],
        capture_output=True,
        text=True,
        env=dict(os.environ, LC_ALL="en_US.ISO-8859-1"),
    )
    return "en_US.ISO-8859-1" if probe.stdout.strip().lower() == "iso8859-1" else None


@pytest.mark.parametrize("how", ["PYTHONIOENCODING", "LC_ALL"])
@pytest.mark.parametrize("command", [["stats"], ["stats", "--json"], ["export"], ["where"]])
def test_every_subcommand_writes_utf8_under_a_latin1_locale(store, how, command):
    if how == "LC_ALL":
        name = latin1_locale()
        if name is None:
            pytest.skip("no ISO-8859-1 locale here (build one: localedef -i en_US -f ISO-8859-1)")
        env = {"LC_ALL": name}
    else:
        env = {"PYTHONIOENCODING": "iso-8859-1"}
    result = run(*command, "--store", store, env=env)
    assert result.returncode == 0 and b"Traceback" not in result.stderr, result.stderr
    if command[0] != "where":
        assert "ليبيا".encode() in result.stdout or "خبر".encode() in result.stdout


def test_the_app_without_a_terminal_refuses_at_once(tmp_path):
    result = run("--store", tmp_path / "s.json", SAMPLE, stdin=subprocess.DEVNULL, timeout=20)
    lines = result.stderr.decode().splitlines()
    assert result.returncode == 1 and len(lines) == 1, result.stderr
    assert "ssh -t" in lines[0]
    other = run("--store", tmp_path / "s.json", "import", SAMPLE, "-f", "text")
    assert other.returncode == 0, other.stderr  # no process holds the store


def test_the_app_refuses_a_latin1_terminal_naming_the_fix(tmp_path):
    code, _shown, line = in_terminal(
        "--store", tmp_path / "s.json", SAMPLE, env={"PYTHONIOENCODING": "iso-8859-1"}
    )
    assert code == 1 and line.count("\n") == 1, line
    assert "not UTF-8" in line and "LC_ALL=C.UTF-8" in line


def test_the_app_refuses_term_dumb_in_one_line(tmp_path):
    code, _shown, line = in_terminal("--store", tmp_path / "s.json", SAMPLE, env={"TERM": "dumb"})
    assert code == 1 and line.count("\n") == 1, line
    assert "TERM=dumb" in line and "reader cat" in line


def test_an_annotator_that_is_not_text_is_refused_at_start(tmp_path):
    result = run(
        "--store",
        tmp_path / "s.json",
        "--annotator",
        b"bad\xff".decode("utf-8", "surrogateescape"),
        SAMPLE,
    )
    assert result.returncode == 1 and b"--annotator" in result.stderr
    assert not (tmp_path / "s.json").exists()


@pytest.mark.parametrize(
    ("argv", "name", "rest"),
    [
        (["--store", "S", "stats"], "stats", ["--store", "S"]),
        (["stats", "--store", "S"], "stats", ["--store", "S"]),
        (
            ["--store", "S", "import", "f", "-f", "jsonl"],
            "import",
            ["--store", "S", "f", "-f", "jsonl"],
        ),
        (["--store", "stats", "cat", "x"], "cat", ["--store", "stats", "x"]),
        (["--store", "S", "article.txt"], None, ["--store", "S", "article.txt"]),
        (["--version"], None, ["--version"]),
    ],
)
def test_split_command_finds_the_subcommand_after_global_flags(argv, name, rest):
    assert split_command(argv) == (name, rest)


def test_store_before_the_subcommand(store, tmp_path):
    result = run("--store", store, "stats", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["totals"]["documents"] == 1
    source = tmp_path / "more.jsonl"
    source.write_text(json.dumps(dict(DOC, id="ثان"), ensure_ascii=False) + "\n", encoding="utf-8")
    result = run("--store", store, "import", source, "-f", "jsonl")
    assert result.returncode == 0, result.stderr
    assert b"imported 1 document" in result.stdout


def test_stats_on_a_terminal_draws_the_progress_bars_and_piped_it_does_not(store):
    code, shown, errors = in_terminal("stats", "--store", store, env={"COLUMNS": "100"})
    assert code == 0, errors
    assert b"spans per label" in shown and b"documents by status" in shown
    piped = run("stats", "--store", store)
    assert piped.returncode == 0 and b"spans per label" not in piped.stdout


def test_a_store_damaged_past_its_first_documents_ends_the_app_in_one_line(tmp_path):
    """The app paints a glance at the store's first documents, then opens it: a journal
    damaged further on ends the app with the one line opening says, and changes no file."""
    path = tmp_path / "store.json"
    populate(path)  # (a crash left two commits in the journal)
    _journal_garbage(path)

    def files() -> dict[Path, bytes]:  # the store's (the caret is remembered beside them)
        return {
            p: p.read_bytes()
            for p in tmp_path.rglob("*")
            if p.name != "positions.tsv" and p.is_file()
        }

    before = files()
    code, _shown, errors = in_terminal("--store", path)  # (Textual draws on stderr)
    line = errors[errors.rfind("reader: ") :]
    assert code == 1 and line.count("\n") == 1 and "Traceback" not in errors, errors
    assert "store.json.journal is damaged" in line and "reader check --repair" in line, line
    assert files() == before
