"""Across processes: one writer at a time, and kill -9 at any instant loses nothing acknowledged."""

from __future__ import annotations

import os
import random
import signal
import socket
import time
from pathlib import Path

import pytest

from reader.errors import ReaderError
from reader.store import AnnotationStore, StoreLockedError, StoreReadOnlyError
from reader.store.check import diagnose
from tests.helpers.store import child


def _wait_for(process, word: str, timeout: float = 20) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if line.startswith(word):
            return line
        if not line and process.poll() is not None:
            break
    process.kill()
    raise AssertionError(f"child never said {word!r}: {process.stderr.read()}")


def test_a_second_writer_is_refused_with_the_holders_pid_and_host(store_path: Path) -> None:
    with AnnotationStore.open(store_path) as store:
        text = "نص قصير عن طرابلس"
        doc_id = store.add_document(text)
        span_id = store.add_span(doc_id, text.index("طرابلس"), len(text), "place")
    holder = child("hold", str(store_path))
    try:
        _wait_for(holder, "ready")
        with pytest.raises(StoreLockedError) as locked:
            AnnotationStore.open(store_path)
        error = locked.value
        assert isinstance(error, ReaderError)
        assert (error.pid, error.host) == (holder.pid, socket.gethostname())
        assert f"pid {holder.pid} on host {socket.gethostname()}" in str(error)

        with AnnotationStore.open(store_path, read_only=True) as reader:
            assert reader.span(span_id)["text"] == "طرابلس"

        with AnnotationStore.open_or_read_only(store_path) as fallback:
            assert (
                fallback.read_only
                and fallback.lock_holder == f"pid {holder.pid} on host {socket.gethostname()}"
            )
            assert fallback.span(span_id)["label"] == "place"
            with pytest.raises(StoreReadOnlyError, match=f"pid {holder.pid}"):
                fallback.add_span(doc_id, 0, 2, "claim")
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    # The kernel dropped the dead holder's lock: no stale lock to clean up by hand.
    with AnnotationStore.open(store_path) as store:
        assert not store.read_only
        store.add_span(doc_id, 0, 2, "claim")
    with AnnotationStore.open_or_read_only(store_path) as again:
        assert not again.read_only and again.lock_holder is None


def test_two_writers_in_one_process_are_refused_too(store_path: Path) -> None:
    with AnnotationStore.open(store_path):
        with pytest.raises(StoreLockedError, match=f"pid {os.getpid()}"):
            AnnotationStore.open(store_path)


def test_kill_9_at_random_moments_never_loses_an_acknowledged_span(store_path: Path) -> None:
    """20 rounds: a child adds spans (printing each id once add_span returned), sometimes in
    batches, deletes, and compacts, with tiny journal limits; it is SIGKILLed at a random moment.
    After each kill the store must open, hold every acknowledged span, and none deleted."""
    rng = random.Random(20250301)
    acknowledged: set[str] = set()
    deleted: set[str] = set()
    linked: set[str] = set()
    deadline = time.monotonic() + 40
    rounds = 0
    while rounds < 20 and time.monotonic() < deadline:
        rounds += 1
        writer = child("spam", str(store_path), str(rng.randrange(1 << 30)))
        _wait_for(writer, "ready")
        time.sleep(rng.uniform(0.0, 0.25))
        writer.send_signal(signal.SIGKILL)
        out, err = writer.communicate(timeout=20)
        assert writer.returncode == -signal.SIGKILL, err
        for line in out.splitlines()[:-1] if not out.endswith("\n") else out.splitlines():
            kind, span_id = line.split()
            if kind == "add":
                acknowledged.add(span_id)
            elif kind == "del":
                deleted.add(span_id)
            elif kind == "rel":
                linked.add(span_id)
        found = diagnose(store_path)
        assert found.ok, found.damage
        with AnnotationStore.open(store_path, read_only=True) as store:
            present = {span["id"] for span in store.spans("spam.txt")}
            links = {relation["id"] for relation in store.relations("spam.txt")}
        assert acknowledged <= present, f"round {rounds}: lost {sorted(acknowledged - present)[:5]}"
        assert linked <= links, f"round {rounds}: lost links {sorted(linked - links)[:5]}"
        assert not (deleted & present)
        assert all(span_id not in acknowledged for span_id in deleted)
    print(
        f"{rounds} rounds, {len(acknowledged)} acknowledged spans, {len(deleted)} deleted, "
        f"{len(linked)} links"
    )
    assert rounds >= 15 and len(acknowledged) > 100 and linked
    # And a writer can take over after all that killing.
    with AnnotationStore.open(store_path) as store:
        assert acknowledged <= {span["id"] for span in store.spans("spam.txt")}
