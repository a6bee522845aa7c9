"""Every format module is what get_format promises: the Format protocol, checked at runtime."""

from __future__ import annotations

import importlib

import pytest

from reader.errors import ReaderError
from reader.formats import (
    EXPORT_FORMAT_NAMES,
    FORMAT_MODULES,
    ConfiguredFormat,
    Format,
    ImportFormat,
    StreamingFormat,
    get_format,
)


@pytest.mark.parametrize("name", list(FORMAT_MODULES))
def test_each_module_has_the_protocols_parts(name: str) -> None:
    module = importlib.import_module(FORMAT_MODULES[name])
    assert isinstance(module, ImportFormat) and module.NAME == name
    assert isinstance(module, Format) == (name in EXPORT_FORMAT_NAMES)
    assert isinstance(module, StreamingFormat) == (name in ("jsonl", "doccano"))
    assert isinstance(module, ConfiguredFormat) == (name == "labelstudio")


def test_an_unknown_format_is_one_line_naming_the_known_ones() -> None:
    with pytest.raises(ReaderError, match="choose one of jsonl, doccano"):
        get_format("prodigy")
