"""An app that does not quit when asked is terminated, then killed: the server never hangs."""

from __future__ import annotations

import signal
import sys

import pytest
from textual_serve.download_manager import DownloadManager

from reader.serve import server
from reader.serve.server import ReaderAppService

pytestmark = pytest.mark.anyio

STUBBORN = "import signal, sys, time; {ignore}print('__GANGLION__', flush=True); time.sleep(60)"


async def nothing(*_: object) -> None:
    return None


@pytest.mark.parametrize(
    ("ignore", "ended_by"),
    [("", signal.SIGTERM), ("signal.signal(signal.SIGTERM, signal.SIG_IGN); ", signal.SIGKILL)],
    ids=["terminated", "killed"],
)
async def test_an_app_that_ignores_quit(monkeypatch, ignore: str, ended_by: int) -> None:
    monkeypatch.setattr(server, "QUIT_WAIT", 0.5)
    service = ReaderAppService(
        [sys.executable, "-c", STUBBORN.format(ignore=ignore)],
        write_bytes=nothing,
        write_str=nothing,
        close=nothing,
        download_manager=DownloadManager(),
    )
    await service.start(80, 24)
    await service.stop()
    assert service._process is not None
    assert service._process.returncode == -ended_by
