"""The documents open in the app: where each comes from, its text, and its record in the store.

`reader PATH ...` opens files and folders of `.txt` articles (a folder: its `.txt` files,
sorted); with no PATH, the store's documents, or the bundled samples when the store is
empty. A document's id is its path relative to the folder opened (or its file name).
Opening records each document in the store (text, source, sha256); a read-only store
records nothing and the documents are shown all the same. Pure Python, no Textual.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.errors import ReaderError
from reader.resources import samples_dir
from reader.store.status import Status
from reader.text.source import SourceError, read_document

if TYPE_CHECKING:
    from reader.store import AnnotationStore
    from reader.store.glance import Glance


TITLE_LENGTH = 80  # as the store's titles

#: Statuses a document is still to do in.
TO_DO = (Status.TODO, Status.IN_PROGRESS)


def _title(text: str) -> str:
    """The first non-empty line, stripped and cut (the store's rule), found without
    splitting a long text whole."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        line = text[start:end].strip()
        if line:
            return line[:TITLE_LENGTH]
        start = end + 1
    return ""


class Entry:
    """One document in the list: id, where its text comes from, and what the store says.

    A plain class with slots (a list holds one per document): made at every start before
    the first paint, where a dataclass's generated methods cost more than its module."""

    __slots__ = ("error", "id", "path", "recorded", "span_count", "status", "text", "title")

    def __init__(
        self,
        id: str,
        title: str = "",
        status: str = Status.TODO,
        span_count: int = 0,
        recorded: bool = False,  # in the store with this text
        path: Path | None = None,  # None: the text lives in the store only
        text: str | None = None,  # loaded on first use
        error: str | None = None,  # why the text cannot be read
    ) -> None:
        self.id, self.title, self.status, self.span_count = id, title, status, span_count
        self.recorded, self.path, self.text, self.error = recorded, path, text, error

    @property
    def source(self) -> str | None:
        return None if self.path is None else str(self.path)


def _stored_sha(store: AnnotationStore, doc_id: str) -> str | None:
    try:
        return store.document(doc_id)["sha256"]
    except ReaderError:  # a damaged document file: said when the document is opened
        return None


def _folder_entries(folder: Path) -> list[Entry]:
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".txt" and p.is_file())
    return [
        Entry(id=p.relative_to(folder).as_posix(), path=p.absolute(), title=p.name) for p in files
    ]


def entries_from_paths(
    paths: Sequence[Path | str], replace_errors: bool = False, encoding: str | None = None
) -> list[Entry]:
    """Entries for files and folders; files named explicitly are read now (errors end the
    command with one line), files found in folders later (errors are shown in the list)."""
    entries: list[Entry] = []
    seen: set[str] = set()
    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            found = _folder_entries(path)
            if not found:
                raise ReaderError(f"{path} holds no .txt files")
            for entry in found:
                if entry.id in seen:  # the same name in two folders: keep them apart
                    entry.id = f"{path.absolute().name}/{entry.id}"
            new = found
        elif path.exists():
            try:
                text = read_document(path, replace_errors, encoding)
            except SourceError as error:
                raise ReaderError(str(error)) from None
            new = [
                Entry(
                    id=path.name, path=path.absolute(), title=_title(text) or path.name, text=text
                )
            ]
            if new[0].id in seen:
                new[0].id = f"{path.absolute().parent.name}/{path.name}"
        else:
            raise ReaderError(f"{path}: no such file or folder")
        for entry in new:
            seen.add(entry.id)
        entries.extend(new)
    return entries


def entries_from_store(store: AnnotationStore) -> list[Entry]:
    """Entries for every document already in the store (texts read from it when opened)."""
    return entries_from_rows(store.document_rows())


def entries_from_rows(rows: Iterable[Mapping[str, Any]]) -> list[Entry]:
    """Entries for manifest rows: documents recorded in the store, texts read when opened."""
    # No path: a recorded text is read from the store. Arguments by position (id, title,
    # status, span count, recorded): passed by keyword each call took twice as long.
    return [
        Entry(row["id"], row["title"] or row["id"], row["status"], row["span_count"], True)
        for row in rows
    ]


class Library:
    """The documents of this session, in order, and the store they are recorded in."""

    def __init__(
        self,
        entries: list[Entry],
        store: AnnotationStore | None = None,
        note: str | None = None,
        replace_errors: bool = False,
        encoding: str | None = None,
    ) -> None:
        self.entries = entries
        self.replace_errors = replace_errors  # read invalid UTF-8 with U+FFFD (--replace-errors)
        self.encoding = encoding  # files in another encoding (--encoding cp1256)
        self.store = store
        self.note = note  # said once on start, e.g. "the store is empty: showing the samples"
        self.save_error: str | None = None
        # Made from a glance at the store at `glance_path` (store.glance): its first
        # documents, until `fill` lists them all (`more`: it lists others). `glanced`: the
        # sha256 of each text read meanwhile from its document's file, by id.
        self.glance_path: Path | None = None
        self.glanced: dict[str, str] = {}
        self.more = False

    @classmethod
    def open(
        cls,
        paths: Sequence[Path | str],
        store: AnnotationStore | None,
        replace_errors: bool = False,
        encoding: str | None = None,
    ) -> Library:
        """The documents `reader [PATH ...]` shows (see the module docstring)."""
        if paths:
            entries = entries_from_paths(paths, replace_errors, encoding)
            return cls(entries, store, replace_errors=replace_errors, encoding=encoding)
        if store is not None:
            entries = entries_from_store(store)
            if entries:
                return cls(entries, store)
        return cls(
            entries_from_paths([samples_dir()]),
            store,
            note="no documents yet: showing the bundled samples",
        )

    @classmethod
    def from_glance(cls, seen: Glance) -> Library:
        """The store's first documents, shown while the store opens (then `fill`)."""
        library = cls(entries_from_rows(seen.rows))
        library.entries[0].text = seen.text
        library.glanced = {seen.rows[0]["id"]: seen.sha256}
        library.glance_path, library.more = seen.path, seen.more
        return library

    def fill(self, store: AnnotationStore) -> None:
        """The store opened after a glance: list every document it holds, keeping each text
        read meanwhile where the store holds that same text. A store that lists none (it was
        replaced since the glance) keeps the entries, to record the texts read in it."""
        read = {entry.id: entry.text for entry in self.entries if entry.text is not None}
        shas, self.glanced, self.glance_path, self.more = self.glanced, {}, None, False
        self.store = store
        entries = entries_from_store(store)
        if not entries:
            for entry in self.entries:
                entry.recorded = False
            return
        for entry in entries:
            text = read.get(entry.id)
            if text is not None and shas.get(entry.id) == _stored_sha(store, entry.id):
                entry.text = text
        self.entries = entries

    def __len__(self) -> int:
        return len(self.entries)

    def text(self, i: int) -> str | None:
        """The text of entry `i`, read on first use; None (and `error` set) if it cannot be."""
        entry = self.entries[i]
        if entry.text is None and entry.error is None:
            try:
                if entry.recorded and self.store is not None:
                    entry.text = self.store.document(entry.id)["text"]
                elif entry.recorded and self.glance_path is not None:
                    self._read_glanced(entry)
                elif entry.path is not None:
                    entry.text = read_document(entry.path, self.replace_errors, self.encoding)
                else:
                    entry.error = f"{entry.id}: no text"
            except SourceError as error:
                entry.error = str(error)
            except KeyError:
                entry.error = f"{entry.id} is not in the store"
            except ReaderError as error:  # a damaged document file: say so in its place
                entry.error = str(error)
            if entry.text is not None:
                entry.title = _title(entry.text) or entry.title
        return entry.text

    def _read_glanced(self, entry: Entry) -> None:
        """A glanced document's text, from its file, while the store opens."""
        from reader.store.glance import document_text  # (imported already by the glance)

        assert self.glance_path is not None
        found = document_text(self.glance_path, entry.id)
        if found is None:
            entry.error = f"{entry.id}: the store is still opening"
        else:
            entry.text, self.glanced[entry.id] = found

    @property
    def writable(self) -> bool:
        return self.store is not None and not self.store.read_only

    def record(self, i: int) -> bool:
        """Put entry `i` in the store (idempotent for the same text); False if not possible."""
        entry = self.entries[i]
        if entry.recorded or not self.writable:
            return entry.recorded
        text = self.text(i)
        if text is None:
            return False
        assert self.store is not None
        try:
            self.store.add_document(text, source=entry.source, doc_id=entry.id)
            stored = self.store.document(entry.id)  # it may have been there, done or begun
        except (OSError, ValueError, ReaderError) as error:
            self.save_error = str(error)
            return False
        entry.recorded = True
        entry.status = stored.get("status", entry.status)
        return True

    def refresh(self) -> None:
        """Status, span count and title of every recorded entry, from the store."""
        if self.store is None:
            return
        by_id = {row["id"]: row for row in self.store.document_rows()}
        for entry in self.entries:
            row = by_id.get(entry.id)
            if row is not None:
                entry.status, entry.span_count = row["status"], row["span_count"]
                entry.title = row["title"] or entry.title

    def store_state(self) -> tuple[str, bool]:
        """What the status bar says about the store, and whether it is a warning."""
        store = self.store
        if store is None:
            return "no store", True
        if store.read_only:
            return "read-only", True  # who holds it: the banner above the article says
        if self.save_error:
            return f"not saved: {self.save_error}", True
        return "saved", False

    def next_to_do(self, current: int) -> int | None:
        """The next document after `current` (wrapping) still to do, if any."""
        entries = self.entries
        for step in range(1, len(entries)):
            i = (current + step) % len(entries)
            if entries[i].status in TO_DO and entries[i].error is None:
                return i
        return None
