"""Ctrl+C on `reader serve`: every app it started quits and closes its store cleanly."""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiohttp
import pytest

from reader.store import AnnotationStore

from .conftest import Served, alive, children, lock_holder, wait_for

pytestmark = pytest.mark.anyio


async def test_ctrl_c_stops_every_app_and_frees_the_store(served: Served) -> None:
    cookie = {f"reader-token-{served.port}": served.token}
    async with aiohttp.ClientSession(cookies=cookie) as session:
        first = await session.ws_connect(f"ws://127.0.0.1:{served.port}/ws?width=80&height=24")
        second = await session.ws_connect(
            f"ws://127.0.0.1:{served.port}/ws/ليلى?width=80&height=24"
        )
        apps = await asyncio.to_thread(
            wait_for,
            lambda: len(children(served.process.pid)) == 2 and children(served.process.pid),
            what="two app processes",
        )
        writer = await asyncio.to_thread(
            wait_for, lambda: lock_holder(served.store), what="an app to take the store's lock"
        )
        assert writer in apps
        # each app is `python -m reader` on this store; the URL's annotator reaches its own
        commands = [Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0") for pid in apps]
        assert all(
            [b"-m", b"reader", b"--store", str(served.store).encode()] == c[1:5] for c in commands
        )
        assert sorted("ليلى".encode() in c for c in commands) == [False, True]
        code = await asyncio.to_thread(served.interrupt)
        await first.close()
        await second.close()
    assert code == 0
    assert not any(alive(pid) for pid in apps)
    # closed, not killed: a clean close empties the lock file; the lock is free for a writer
    assert Path(f"{served.store}.lock").read_text() == ""
    with AnnotationStore.open(served.store) as store:
        assert not store.read_only


async def test_closing_the_tab_ends_its_app(served: Served) -> None:
    cookie = {f"reader-token-{served.port}": served.token}
    async with aiohttp.ClientSession(cookies=cookie) as session:
        socket = await session.ws_connect(f"ws://127.0.0.1:{served.port}/ws?width=100&height=30")
        (app,) = await asyncio.to_thread(
            wait_for, lambda: children(served.process.pid), what="the app process"
        )
        await asyncio.to_thread(wait_for, lambda: lock_holder(served.store), what="the lock")
        await socket.close()
    await asyncio.to_thread(wait_for, lambda: not alive(app), what="the app to end")
    assert Path(f"{served.store}.lock").read_text() == ""
    assert served.process.poll() is None  # the server goes on serving
