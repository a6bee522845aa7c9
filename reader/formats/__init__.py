"""Interchange formats: one module per format, each reading into and writing from `Record`s.

Pure Python (no Textual, no Rich): usable from a notebook and tested fast. Each format module
has `NAME`, `DESCRIPTION`, `TARGET` ("stream": writes to a text stream; "directory": writes a
folder; None: import only), `read(path, options) -> ReadResult` and (unless import only)
`write(records, target) -> list[Diagnostic]`. jsonl and doccano also have
`records(path, diagnostics, options)`, which yields records one at a time (streaming import).
A record carries spans, the links between them (relations, naming span ids) and notes; every
format but CoNLL and plain text writes and reads all three. labelstudio also has
`labeling_config(labels, relation_types)` and `CONFIG_SUFFIX`: the project configuration
`reader export` writes beside the output.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Protocol, cast, runtime_checkable

from reader.errors import ReaderError
from reader.formats.diagnostics import Diagnostic
from reader.formats.files import ReadOptions
from reader.formats.records import ReadResult, Record, SpanRecord


@runtime_checkable
class ImportFormat(Protocol):
    """What every format module has (the module itself is the implementation)."""

    NAME: str
    DESCRIPTION: str
    TARGET: str | None  # "stream", "directory", or None for import only

    def read(self, path: Path, options: ReadOptions = ..., /) -> ReadResult: ...


@runtime_checkable
class Format(ImportFormat, Protocol):
    """A format that also writes: to a text stream, or into a folder (`TARGET`)."""

    def write(self, records: Iterable[Record], target: Any, /) -> list[Diagnostic]: ...


@runtime_checkable
class StreamingFormat(Format, Protocol):
    """A format whose records can be read one at a time (jsonl, doccano)."""

    def records(
        self, path: Path, diagnostics: list[Diagnostic], options: ReadOptions = ..., /
    ) -> Iterator[Record]: ...


@runtime_checkable
class ConfiguredFormat(Format, Protocol):
    """A format whose tool needs a project configuration written beside the data."""

    CONFIG_SUFFIX: str

    def labeling_config(
        self, labels: Iterable[str], relation_types: Mapping[str, object], /
    ) -> str: ...


# format name -> module; imported on first use so `reader stats` loads none of them
FORMAT_MODULES: dict[str, str] = {
    "jsonl": "reader.formats.jsonl",
    "doccano": "reader.formats.doccano",
    "labelstudio": "reader.formats.labelstudio",
    "brat": "reader.formats.brat",
    "conll": "reader.formats.conll",
    "text": "reader.formats.text",
}
FORMAT_NAMES: tuple[str, ...] = tuple(FORMAT_MODULES)
EXPORT_FORMAT_NAMES: tuple[str, ...] = tuple(name for name in FORMAT_NAMES if name != "text")


def get_format(name: str) -> Format:
    """The module for a format name; an unknown name is a ReaderError listing the known ones.
    (`text` is import only: it has no `write`, and `reader export` does not offer it.)"""
    if name not in FORMAT_MODULES:
        raise ReaderError(f"unknown format {name!r}; choose one of {', '.join(FORMAT_NAMES)}")
    return cast(Format, importlib.import_module(FORMAT_MODULES[name]))


__all__ = [
    "EXPORT_FORMAT_NAMES",
    "FORMAT_NAMES",
    "ConfiguredFormat",
    "Diagnostic",
    "Format",
    "ImportFormat",
    "ReadResult",
    "Record",
    "SpanRecord",
    "StreamingFormat",
    "get_format",
]
