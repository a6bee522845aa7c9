r"""Where the caret was in each document, kept between sessions.

Reopening a long article puts the caret back where reading stopped. Positions are the
reader's own state, not annotations: they live in one small text file under the XDG state
directory (`positions.tsv`), per store, per document id, the most recent `KEEP` of each
store. The file is replaced atomically; a missing or unreadable one is simply empty.

Its first line is `reader positions 1`. Then, for each store, a line with a tab and the
store's path, and under it a line per document: the caret, a tab, the document's id (most
recently left last). A backslash, tab, newline or carriage return in a path or id is
written as its escape (`\\`, `\t`, `\n`, `\r`), and so is a lone surrogate (`\udce9`,
an undecodable byte of a file name). Plain text, not JSON: the app reads it before its
first paint, where importing the json module cost more than reading the file.
`positions.json`, the earlier format, is read when there is no file yet.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import warnings
from pathlib import Path

#: Documents remembered per store (the least recently left are forgotten first).
KEEP = 2000
HEADER = "reader positions 1"
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


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
            text = self.path.read_text(encoding="utf-8", errors="replace")  # (a bad byte: its line)
        except FileNotFoundError:
            return _read_json(self.path.with_name("positions.json"))
        except OSError:
            return {}
        lines = text.split("\n")
        if lines[0] != HEADER:
            return {}
        found: dict[str, dict[str, int]] = {}
        carets: dict[str, int] = {}
        for line in lines[1:]:
            try:
                if line.startswith("\t"):
                    carets = {}  # (a damaged store line: its carets go nowhere)
                    carets = found.setdefault(_unescape(line[1:]), carets)
                    continue
                caret, tab, doc_id = line.partition("\t")
                if tab and caret.isascii() and caret.isdigit():
                    carets[_unescape(doc_id)] = int(caret)
            except (UnicodeDecodeError, DeprecationWarning):  # a damaged escape: that line
                continue
        return found

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
        """Write every store's positions; a failure to write costs only the positions."""
        if self.path is None:
            return
        lines = [HEADER]
        for store, carets in self._all.items():
            if carets:
                lines.append("\t" + _escape(store))
                lines += [f"{caret}\t{_escape(doc_id)}" for doc_id, caret in carets.items()]
        temporary = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".positions.")
            with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as stream:
                stream.write("\n".join(lines) + "\n")
            os.replace(temporary, self.path)
        except OSError:
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)


def _escape(text: str) -> str:
    return text.translate(_ESCAPES)  # (a lone surrogate is escaped as the file is written)


def _unescape(text: str) -> str:
    """The text `_escape` was given; UnicodeDecodeError or DeprecationWarning (an unknown
    escape, raised as an error) for a damaged one."""
    if "\\" not in text:
        return text
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        return text.encode("latin-1", "backslashreplace").decode("unicode_escape")


def _read_json(path: Path) -> dict[str, dict[str, int]]:
    """Positions in the earlier format (`positions.json`), or none."""
    try:
        raw = path.read_bytes()
    except OSError:
        return {}
    import json  # (only for a file written by an earlier version)

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
