"""`reader serve` run for real: a subprocess on 127.0.0.1 and a free port, a fresh store."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

pytest.importorskip(
    "textual_serve", reason="reader serve needs textual-serve: pip install -e '.[serve]'"
)

FIXTURES = Path(__file__).parent / "fixtures"
KHABAR = FIXTURES / "khabar.txt"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def wait_for(condition, timeout: float = 20.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def lock_holder(store: Path) -> int | None:
    """The pid written in the store's lock file by the app that writes it, if any."""
    lock = Path(f"{store}.lock")
    text = lock.read_text() if lock.exists() else ""
    return int(text.split()[0]) if text.strip() else None


@dataclass
class Served:
    process: subprocess.Popen[str]
    port: int
    token: str
    store: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return f"{self.base}/?token={self.token}"

    def interrupt(self, timeout: float = 20.0) -> int:
        """Ctrl+C (SIGINT) to the server alone, as a terminal would; its exit code."""
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout)


def start_server(store: Path, *arguments: str) -> Served:
    port = free_port()
    env = {**os.environ, "READER_CONFIG": str(store.parent / "no-config.toml")}
    env.pop("NO_COLOR", None)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "reader",
            "serve",
            "--store",
            str(store),
            "--port",
            str(port),
            *arguments,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    match = re.search(r"token=([0-9a-f]{32})", line)
    if match is None:
        process.kill()
        raise AssertionError(f"no URL printed: {line!r}{process.stdout.read()!r}")
    return Served(process, port, match.group(1), store)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    """A server on the Arabic fixture and a fresh store; stopped (and checked) afterwards."""
    server = start_server(tmp_path / "store.json", str(KHABAR))
    try:
        yield server
    finally:
        if server.process.poll() is None:
            server.process.send_signal(signal.SIGINT)
            try:
                server.process.wait(20)
            except subprocess.TimeoutExpired:
                server.process.kill()


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
