"""Shared by `reader agree` and `reader merge`: store arguments and the tables' cells.

Not a subcommand (the leading underscore keeps it out of the command table's way).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from reader.commands.stats import _display
from reader.errors import ReaderError
from reader.text.bidi_mode import BDSM_EXPLICIT, BDSM_IMPLICIT
from reader.text.sanitise import sanitise

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text


def add_store_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "stores",
        nargs="+",
        type=Path,
        metavar="STORE",
        help="the annotators' stores (each is named for its annotator: huda.json is huda)",
    )


def check_stores(paths: list[Path]) -> None:
    """Two stores at least, each one there (a read-only open would say so too, less plainly)."""
    if len(paths) < 2:
        raise ReaderError(
            "give at least two annotators' stores to compare (e.g. huda.json omar.json)"
        )
    for path in paths:
        if not path.exists():
            raise ReaderError(f"{path}: no such store; give the path of an annotator's store")


def cell(text: str, width: int, terminal: bool) -> Text:
    """A table cell for a string from a store: sanitised, laid out right-to-left on a
    terminal, never read as Rich markup."""
    from rich.text import Text

    return Text(_display(sanitise(text), width, terminal))


def score(value: float) -> str:
    """0.857 (three decimals: differences of one span in a thousand show)."""
    return f"{value:.3f}"


@contextmanager
def table_console() -> Iterator[Console]:
    """A console for tables; on a terminal, in explicit bidi mode while they print."""
    from rich.console import Console

    console = Console(highlight=False)
    if console.is_terminal:
        console.file.write(BDSM_EXPLICIT)
    try:
        yield console
    finally:
        if console.is_terminal:
            console.file.write(BDSM_IMPLICIT)
            console.file.flush()
