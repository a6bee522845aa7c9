"""Where the caret was in each document, kept between sessions.

Reopening a long article puts the caret back where reading stopped. Positions are the
reader's own state, not annotations: they live in one small JSON file under the XDG state
directory (`positions.json`), per store, per document id, the most recent `KEEP` of each
store. The file is replaced atomically; a missing or unreadable one is simply empty.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

#: Documents remembered per store (the least recently left are forgotten first).
KEEP = 2000


class Positions:
    """Carets by document id, for the documents of one store."""

    def __init__(self, path: Path | None, store: str) -> None:
        self.path = path
        self.store = store
        self._all: dict[str, dict[str, int]] = self._read() if path is not None else {}
        self._mine = self._all.setdefault(store, {})

    def _read(self) -> dict[str, dict[str, int]]:
        assert self.path is not None
        try:
            raw = self.path.read_bytes()
        except OSError:
            return {}
        # json, not orjson: orjson imports json anyway, and refuses the escaped surrogates of
        # ids from undecodable file names. The file is small.
        import json

        try:
            data = json.loads(raw.decode("utf-8"))
        except (ValueError, RecursionError):
            return {}
        if not isinstance(data, dict):
            return {}
        return {
            str(store): {str(k): v for k, v in docs.items() if isinstance(v, int) and v >= 0}
            for store, docs in data.items()
            if isinstance(docs, dict)
        }

    def get(self, doc_id: str) -> int:
        """The caret last left in `doc_id` (0 when never seen)."""
        return self._mine.get(doc_id, 0)

    def set(self, doc_id: str, caret: int) -> None:
        """Remember the caret in `doc_id` (the most recent goes last)."""
        self._mine.pop(doc_id, None)
        self._mine[doc_id] = caret
        while len(self._mine) > KEEP:
            del self._mine[next(iter(self._mine))]

    def save(self) -> None:
        """Write every store's positions; a failure to write costs only the positions. Ids
        with undecodable bytes (from file names) are written as escapes and read back whole."""
        if self.path is None:
            return
        import json

        temporary = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".positions.")
            with os.fdopen(fd, "w", encoding="utf-8") as stream:
                json.dump(self._all, stream)
            os.replace(temporary, self.path)
        except OSError:
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
