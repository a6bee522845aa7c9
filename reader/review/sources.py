"""The documents `reader assign` hands out: from a store, or from folders of .txt files.

A folder's files get the ids the app gives them when it opens that folder (their path relative
to it, `.txt` included) and their absolute path as source, so an annotator's store looks as if
they had opened the folder themselves. Texts are read as the app reads them (BOM dropped,
CRLF to LF). Only documents are taken, never spans: see `reader.commands.assign`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.errors import ReaderError
from reader.formats.files import files_under
from reader.store import AnnotationStore
from reader.text.source import SourceError, read_document


@dataclass(frozen=True)
class SourceDocument:
    id: str
    text: str
    source: str | None
    title: str | None  # None: the store takes the first line


def read_sources(paths: Sequence[Path]) -> list[SourceDocument]:
    """Every document of the given stores and folders, in order; a ReaderError on a clash of ids."""
    documents: list[SourceDocument] = []
    where: dict[str, Path] = {}
    for path in paths:
        found = _folder(path) if path.is_dir() else _store(path)
        if not found:
            raise ReaderError(f"{path} holds no documents to assign")
        for doc in found:
            if doc.id in where:
                raise ReaderError(
                    f"document id {doc.id!r} is in both {where[doc.id]} and {path}; "
                    "assign them separately or rename one"
                )
            where[doc.id] = path
        documents.extend(found)
    return documents


def _folder(folder: Path) -> list[SourceDocument]:
    documents = []
    for file in files_under(folder, (".txt",)):
        try:
            text = read_document(file)
        except SourceError as error:
            raise ReaderError(str(error)) from None
        documents.append(
            SourceDocument(file.relative_to(folder).as_posix(), text, str(file.absolute()), None)
        )
    return documents


def _store(path: Path) -> list[SourceDocument]:
    if not path.exists():
        raise ReaderError(
            f"{path}: no such store or folder; give a store or a folder of .txt files"
        )
    with AnnotationStore.open(path, read_only=True) as store:
        return [
            SourceDocument(
                row["id"], store.document(row["id"])["text"], row.get("source"), row.get("title")
            )
            for row in store.documents()
        ]
