"""`reader serve` tests: each gets a server on the Arabic fixture and a fresh store."""

from __future__ import annotations

import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip(
    "textual_serve", reason="reader serve needs textual-serve: pip install -e '.[serve]'"
)

from tests.helpers.serve import KHABAR, Served, start_server


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
