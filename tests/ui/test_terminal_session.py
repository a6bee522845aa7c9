"""The real app in a pseudo-terminal: the modes it asks of the terminal, SIGTERM and SIGHUP."""

from __future__ import annotations

import os
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.store import AnnotationStore
from tests.helpers.ui import fixture

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")


def _read(fd: int, until: bytes | None, timeout: float) -> bytes:
    """What the terminal received, until `until` appears (or EOF, or the timeout)."""
    out = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
        if until is not None and until in out:
            break
    return out


def _start(tmp_path: Path, *args: str, **environ: str) -> tuple[subprocess.Popen[bytes], int]:
    main, child = os.openpty()
    os.set_blocking(main, False)
    env = dict(
        os.environ,
        TERM="xterm-256color",
        READER_CONFIG=str(tmp_path / "none.toml"),
        READER_STORE=str(tmp_path / "store.json"),
        READER_STATE=str(tmp_path / "state"),
        COLUMNS="80",
        LINES="24",
    )
    env.pop("NO_COLOR", None)
    env.update(environ)
    process = subprocess.Popen(
        [sys.executable, "-m", "reader", *args],
        stdin=child,
        stdout=child,
        stderr=child,
        env=env,
        start_new_session=True,
    )
    os.close(child)
    return process, main


def _session(
    tmp_path: Path, *args: str, keys: bytes = b"", **environ: str
) -> tuple[bytes, bytes, int]:
    """Start the app, read until the store is open ("saved" in the status bar), type `keys`,
    then SIGTERM it: what the terminal received before and after the signal, the exit code."""
    process, terminal = _start(tmp_path, *args, **environ)
    try:
        shown = _read(terminal, b"saved", timeout=30)
        if keys:
            os.write(terminal, keys)
            shown += _read(terminal, None, timeout=2)
        process.send_signal(signal.SIGTERM)
        rest = _read(terminal, None, timeout=20)
        return shown, rest, process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
        os.close(terminal)


def test_sigterm_restores_the_terminal_and_closes_the_store(tmp_path: Path) -> None:
    shown, rest, code = _session(tmp_path, str(fixture("harakat.txt")))
    assert b"\x1b[8l" in shown, "explicit bidi mode on start"
    assert b"\x1b[?1002h" in shown and b"\x1b[?1003h" not in shown, "button-event mouse only"
    assert code == 143
    everything = shown + rest
    assert everything.rindex(b"\x1b[8h") > everything.rindex(b"\x1b[8l"), "implicit bidi again"
    assert b"\x1b[?1002l" in rest
    AnnotationStore.open(tmp_path / "store.json").close()  # the lock was let go


@pytest.mark.parametrize("terminal_gone", [False, True], ids=["terminal-open", "terminal-gone"])
def test_sighup_closes_the_store_with_its_journal_compacted(
    tmp_path: Path, terminal_gone: bool
) -> None:
    """A closed SSH session hangs the app up, often with its terminal already gone (nothing
    written to it goes anywhere): the app ends, the change is kept in the store's files (not
    left in the journal to replay at the next open) and the lock is let go. Whether the app
    would wait for ever on a dead terminal depends on timing: the driver's own test below
    makes that case every time."""
    process, terminal = _start(tmp_path, str(fixture("harakat.txt")))
    try:
        _read(terminal, b"saved", timeout=30)
        os.write(terminal, b"a")  # tag the word under the caret as an actor
        _read(terminal, b"actor 1", timeout=10)
        if terminal_gone:
            os.close(terminal)  # the terminal's side closes: every write to it fails from now
            terminal = -1
            time.sleep(0.3)  # the app keeps painting (the caret, the status) meanwhile
        process.send_signal(signal.SIGHUP)
        if not terminal_gone:
            _read(terminal, None, timeout=20)
        assert process.wait(timeout=15) == 129
    finally:
        if process.poll() is None:
            process.kill()
        if terminal != -1:
            os.close(terminal)
    journal = tmp_path / "store.json.journal"
    assert not journal.exists() or journal.stat().st_size == 0
    with AnnotationStore.open(tmp_path / "store.json") as store:  # the lock was let go
        (doc,) = store.document_ids()
        assert [span["label"] for span in store.spans(doc)] == ["actor"]


DRIVER_AFTER_HANGUP = """
import asyncio, sys, time
from textual.app import App
from reader.ui.driver import ButtonMouseDriver

async def main():
    driver = ButtonMouseDriver(App(), size=(80, 24))
    driver.start_application_mode()
    sys.__stdout__.write("started\\n")
    sys.__stdout__.flush()
    time.sleep(1.0)  # the terminal goes away meanwhile
    for _ in range(100):  # more than Textual's writer thread queues (30)
        driver.write("\\x1b[?25h")
    driver.stop_application_mode()
    driver.close()
    open(sys.argv[1], "w").write("done")

asyncio.run(main())
"""


def test_the_driver_writes_nothing_once_the_terminal_is_gone(tmp_path: Path) -> None:
    """Textual's writer thread dies on its first failed write; the driver must not then wait
    forever for room in its queue (a quit after a dropped SSH session hung so, 2 times in 6)."""
    script, done = tmp_path / "driver.py", tmp_path / "done"
    script.write_text(DRIVER_AFTER_HANGUP, encoding="utf-8")
    main, child = os.openpty()
    process = subprocess.Popen(
        [sys.executable, str(script), str(done)],
        stdin=child,
        stdout=child,
        stderr=child,
        start_new_session=True,
    )
    os.close(child)
    try:
        assert b"started" in _read(main, b"started", timeout=20)
    finally:
        os.close(main)  # the terminal goes away
    try:
        assert process.wait(timeout=15) == 0
    finally:
        if process.poll() is None:
            process.kill()
    assert done.read_text(encoding="utf-8") == "done"


def _colours(output: bytes) -> set[str]:
    """The colour parameters of every SGR sequence sent (38/48 forms, 30-37, 40-47, ...)."""
    found: set[str] = set()
    for params in re.findall(rb"\x1b\[([0-9;:]*)m", output):
        numbers = params.decode().replace(":", ";").split(";")
        k = 0
        while k < len(numbers):
            n = numbers[k]
            if n in ("38", "48"):
                found.add(";".join(numbers[k : k + (3 if numbers[k + 1 : k + 2] == ["5"] else 5)]))
                k += 3 if numbers[k + 1 : k + 2] == ["5"] else 5
                continue
            if n.isdigit() and (30 <= int(n) <= 37 or 40 <= int(n) <= 47 or 90 <= int(n) <= 107):
                found.add(n)
            k += 1
    return found


def test_no_color_sends_no_colour_at_all(tmp_path: Path) -> None:
    before, after, _code = _session(tmp_path, str(fixture("annotate")), NO_COLOR="1")
    shown = before + after
    assert b"\x1b[" in shown and b"saved" in shown
    assert _colours(shown) == set()
    assert b"\x1b[7;" in shown or b";7;" in shown or b"\x1b[7m" in shown  # reverse still there


def test_escapes_in_a_stores_labels_ids_and_annotators_never_reach_the_terminal(
    tmp_path: Path,
) -> None:
    title = "\x1b]0;pwned-title\x07"  # OSC 0: would set the window title
    clip = "\x1b]52;c;cHduZWQ=\x07"  # OSC 52: would fill the clipboard
    store = AnnotationStore.open(tmp_path / "store.json", annotator=f"huda{clip}")
    text = "قال المتحدث إن أنقرة سترسل قوات إلى ليبيا.\n"
    doc = store.add_document(text, doc_id=f"news/{title}libya\u202e.txt")
    start = text.index("أنقرة")
    store.add_span(doc, start, start + 5, f"place{title}\x1b[2J\u202e")
    store.close()
    # No PATH: the store's documents; F3 opens the spans panel, which lists the label too.
    before, after, _code = _session(tmp_path, keys=b"\x1bOR")
    shown = before + after
    assert "أنقرة".encode() in shown or "ﺓﺮﻘﻧﺃ".encode() in shown  # the article was drawn
    assert b"pwned" in shown  # the label and the id are shown, as text
    assert b"\x1b]0;" not in shown and b"\x1b]52;" not in shown and b"\x1b[2J" not in shown
    assert "\u202e".encode() not in shown
