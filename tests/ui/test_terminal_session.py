"""The real app in a pseudo-terminal: the modes it asks of the terminal, and SIGTERM."""

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

from .conftest import fixture

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


def test_sigterm_restores_the_terminal_and_closes_the_store(tmp_path: Path) -> None:
    process, terminal = _start(tmp_path, str(fixture("harakat.txt")))
    try:
        # The status bar's store state is drawn once the store is open.
        shown = _read(terminal, b"saved", timeout=30)
        assert b"\x1b[8l" in shown, "explicit bidi mode on start"
        assert b"\x1b[?1002h" in shown and b"\x1b[?1003h" not in shown, "button-event mouse only"
        process.send_signal(signal.SIGTERM)
        rest = _read(terminal, None, timeout=20)
        assert process.wait(timeout=10) == 143
    finally:
        if process.poll() is None:
            process.kill()
        os.close(terminal)
    everything = shown + rest
    assert everything.rindex(b"\x1b[8h") > everything.rindex(b"\x1b[8l"), "implicit bidi again"
    assert b"\x1b[?1002l" in rest
    AnnotationStore.open(tmp_path / "store.json").close()  # the lock was let go


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
    process, terminal = _start(tmp_path, str(fixture("annotate")), NO_COLOR="1")
    try:
        shown = _read(terminal, b"saved", timeout=30)
        process.send_signal(signal.SIGTERM)
        shown += _read(terminal, None, timeout=20)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
        os.close(terminal)
    assert b"\x1b[" in shown and b"saved" in shown
    assert _colours(shown) == set()
    assert b"\x1b[7;" in shown or b";7;" in shown or b"\x1b[7m" in shown  # reverse still there
