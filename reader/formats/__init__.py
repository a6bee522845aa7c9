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
from types import ModuleType

from reader.errors import ReaderError
from reader.formats.diagnostics import Diagnostic
from reader.formats.records import ReadResult, Record, SpanRecord

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


def get_format(name: str) -> ModuleType:
    """The module for a format name; an unknown name is a ReaderError listing the known ones."""
    if name not in FORMAT_MODULES:
        raise ReaderError(f"unknown format {name!r}; choose one of {', '.join(FORMAT_NAMES)}")
    return importlib.import_module(FORMAT_MODULES[name])


__all__ = [
    "EXPORT_FORMAT_NAMES",
    "FORMAT_NAMES",
    "Diagnostic",
    "ReadResult",
    "Record",
    "SpanRecord",
    "get_format",
]
