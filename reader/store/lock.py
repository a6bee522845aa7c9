"""One writer per store: an exclusive flock on `<store>.lock`, with "pid host" written inside.

flock belongs to the open file, so the kernel drops it when the holder exits for any reason,
kill -9 included: a dead writer never leaves the store locked. The lock file itself is never
deleted (deleting a locked file lets two processes lock two different inodes). flock is
advisory and local: it does not protect a store on NFS shared between machines.
"""

from __future__ import annotations

import fcntl
import os
import socket
import time
from pathlib import Path

from reader.store.errors import StoreLockedError
from reader.store.files import open_regular, read_file


class WriterLock:
    """The held writer lock of one store; `release()` (or process exit) gives it up."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, path: Path, store: Path) -> WriterLock:
        """Take the lock without waiting; StoreLockedError naming the holder if another has it."""
        fd = open_regular(path, os.O_RDWR | os.O_CREAT)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            pid, host = read_holder(path, wait=0.2)
            raise StoreLockedError(store, pid, host) from None
        except BaseException:
            os.close(fd)
            raise
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()} {socket.gethostname()}\n".encode(), 0)
        except BaseException:
            os.close(fd)
            raise
        return cls(path, fd)

    def release(self) -> None:
        """Give the lock up (closing the file drops the flock). Safe to call twice."""
        if self._fd is not None:
            fd, self._fd = self._fd, None
            try:
                os.ftruncate(fd, 0)  # so a stale name is never reported for the next holder
            except OSError:
                pass
            os.close(fd)


def read_holder(path: Path, wait: float = 0.0) -> tuple[int | None, str | None]:
    """The (pid, host) written in a lock file; waits up to `wait` s for a new holder to write it."""
    deadline = time.monotonic() + wait
    while True:
        try:
            words = read_file(path).decode("utf-8", errors="replace").split()
        except OSError:
            words = []
        if len(words) >= 2 and words[0].isdigit():
            return int(words[0]), words[1]
        if time.monotonic() >= deadline:
            return None, None
        time.sleep(0.01)
