"""A glance at a store before it is opened: its first documents, from the manifest's head.

Opening a store reads its whole manifest (10,000 documents: about a third of a second) and
takes its lock. The app paints first: it shows the first document and the top of the list
from the manifest's first lines (`tinyfile.encode` writes one record to a line) and the
first document's file, then opens the store and shows all of it. The glance changes no file
and takes no lock; what it shows may be older than the journal, until the store is open.
Anything unexpected (another layout, a file edited by hand, a damaged line, a missing
file) gives None: the store is then opened before the first paint, and opening says what
is wrong.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from reader.errors import ReaderError
from reader.store.files import StorePaths, read_file
from reader.store.layout import DOCUMENTS, Manifest, file_name, parse_document, read_store_file
from reader.store.state import Record
from reader.store.tinyfile import Damage, dumps

HEAD = 64 * 1024  # bytes of the manifest read: 100 rows take about 40 KB
LIMIT = 100  # rows at most: more than a screen of the documents list
_TABLE = f"{dumps(DOCUMENTS)}: {{".encode()  # the line that opens the documents table


class Glance(NamedTuple):
    """The manifest's first rows (checked as opening checks them) and the first one's text."""

    path: Path  # the store's
    rows: list[Record]
    text: str
    sha256: str  # the text's, as its file says (the manifest's row may be older)
    more: bool  # the manifest lists more documents than `rows`


def glance(path: str | Path) -> Glance | None:
    """The store's first documents without opening it; None if it cannot tell for sure."""
    try:
        paths = StorePaths.of(path)
        rows, more = first_rows(read_file(paths.base, HEAD))
    except (OSError, ValueError, ReaderError):  # (Damage is a ValueError)
        return None
    first = document_text(paths.base, rows[0]["id"]) if rows else None
    if first is None:  # (no rows: opening an empty store shows the samples)
        return None
    return Glance(paths.base, rows, *first, more)


def document_text(path: Path, doc_id: str) -> tuple[str, str] | None:
    """A document's text and its sha256, read from its file without opening the store (the
    app moving through the glanced documents before the store opens); None if it cannot be."""
    try:
        data, _ = parse_document(read_file(StorePaths(path).document(file_name(doc_id))), doc_id)
    except (OSError, ValueError, ReaderError):
        return None
    return data.doc["text"], data.doc["sha256"]


def first_rows(head: bytes) -> tuple[list[Record], bool]:
    """The rows of the documents table in the first lines of a manifest (at most LIMIT), and
    whether it lists more; Damage if those lines are not the manifest's own layout."""
    lines = head.split(b"\n", LIMIT + 3)
    lines.pop()  # a part of a line, the rest of the file, or the nothing after the last newline
    if len(lines) < 2 or not lines[0].endswith(b",") or lines[1] != _TABLE:
        raise Damage("not the layout the store writes")
    taken: list[bytes] = []
    more = True  # (unless the table is seen to end)
    for line in lines[2:]:
        if line.startswith(b"}"):  # the end of the table
            more = False
            break
        if len(taken) == LIMIT:
            break
        if not line.startswith(b'"'):
            raise Damage("not the layout the store writes")
        taken.append(line.removesuffix(b","))
    rows = b",\n".join(taken)
    found = read_store_file(lines[0] + b"\n" + _TABLE + b"\n" + rows + b"\n}}", strict=True)
    if not isinstance(found, Manifest):  # the single-file layout: opening migrates it
        raise Damage("the single-file layout")
    return list(found.rows.values()), more
