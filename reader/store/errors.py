"""The store's errors: each a ReaderError, so the command line prints one line, never a traceback."""

from __future__ import annotations

from pathlib import Path

from reader.errors import ReaderError


class StoreError(ReaderError):
    """Something about the store went wrong (base class of the others)."""


class StoreLockedError(StoreError):
    """Another process holds the store open for writing; `pid` and `host` name it (None if unknown)."""

    def __init__(self, path: Path, pid: int | None, host: str | None) -> None:
        self.path, self.pid, self.host = path, pid, host
        super().__init__(
            f"store {path} is already open for writing by {self.holder}; "
            "close that reader first, or open this one read-only"
        )

    @property
    def holder(self) -> str:
        """ "pid 1234 on host x", or a vaguer phrase if the lock file had no name in it."""
        if self.pid is None:
            return "another process (its pid is not recorded)"
        return f"pid {self.pid} on host {self.host}"


class StoreDamagedError(StoreError):
    """A store file is not what it should be; `path` is the file, `problem` says what is wrong."""

    def __init__(self, path: Path, problem: str, store: Path | None = None) -> None:
        self.path, self.problem = path, problem
        store = store or path
        import shlex  # (only for this message)

        super().__init__(
            f"{path} is damaged: {problem}; nothing was changed, "
            f"run 'reader check --repair --store {shlex.quote(str(store))}' to recover from the journal and backup"
        )


class StoreReadOnlyError(StoreError):
    """A change was asked of a store opened read-only."""

    def __init__(self, path: Path, holder: str | None) -> None:
        self.path, self.holder = path, holder
        why = f"{holder} is writing it" if holder else "it was opened read-only"
        super().__init__(f"store {path} is read-only ({why}); this change was not saved")


class NotFoundError(StoreError, KeyError):
    """No document or span with that id (also a KeyError, for `except KeyError`)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class InvalidTextError(StoreError, ValueError):
    """A string that cannot be stored (a lone surrogate, e.g. from an argument that was not
    UTF-8): refused before anything changes. A ValueError too, like every bad argument."""
