"""Plain text articles: a `.txt` file, or a folder of them (walked recursively), one document
each, with no spans. Read only: `reader export` writes the other formats.

The text is document text as everywhere (BOM dropped, CRLF/CR -> LF, nothing else changed).
A document's id is its path relative to the imported folder, suffix kept (a file given alone:
its name), the id the app gives the same file opened with `reader PATH`.
"""

from __future__ import annotations

from pathlib import Path

from reader.formats.diagnostics import Diagnostic
from reader.formats.files import DEFAULTS, ReadOptions, files_under, normalisation_notes, read_text
from reader.formats.offsets import NewlineMap
from reader.formats.records import ReadResult, Record

NAME = "text"
DESCRIPTION = "plain .txt articles (a file, or a folder of them; no spans; import only)"
TARGET = None  # not written: import only
SUFFIXES = (".txt",)


def read(path: Path, options: ReadOptions = DEFAULTS) -> ReadResult:
    """One record per .txt file under `path` (or `path` itself, whatever its suffix)."""
    diagnostics: list[Diagnostic] = []
    result = ReadResult(diagnostics=diagnostics)
    for file in files_under(path, SUFFIXES, diagnostics):
        mapping = NewlineMap(read_text(file, options))
        diagnostics.extend(normalisation_notes(str(file), mapping))
        doc_id = file.relative_to(path).as_posix() if path.is_dir() else file.name
        result.records.append(
            Record(mapping.text, id=doc_id, meta={"source": str(file.absolute())}, file=str(file))
        )
    return result
