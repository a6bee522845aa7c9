"""Shared by `reader import`, `export` and `stats`: diagnostics on stderr, progress bars.

Not a subcommand (the leading underscore keeps it out of the command table's way).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TextIO

from reader.formats.diagnostics import Diagnostic, count_by_severity
from reader.text.sanitise import sanitise

SHOWN = 20  # diagnostics printed without --verbose
_RANK = {"error": 0, "warning": 1, "info": 2}


def print_diagnostics(
    diagnostics: Sequence[Diagnostic], verbose: bool, stream: TextIO | None = None
) -> None:
    """Errors first, then warnings, then notes; capped at SHOWN lines unless `verbose`."""
    stream = stream or sys.stderr
    ordered = sorted(diagnostics, key=lambda d: _RANK[d.severity])
    shown = ordered if verbose else ordered[:SHOWN]
    for diagnostic in shown:
        print(diagnostic, file=stream)
    if len(ordered) > len(shown):
        print(f"... and {len(ordered) - len(shown)} more (--verbose shows them all)", file=stream)


def diagnostics_summary(diagnostics: Sequence[Diagnostic]) -> str:
    """'3 diagnostics (1 error, 2 warnings, 0 notes)' for summary lines."""
    counts = count_by_severity(list(diagnostics))
    return (
        f"{len(diagnostics)} diagnostic{'s' * (len(diagnostics) != 1)} "
        f"({_plural(counts['error'], 'error')}, {_plural(counts['warning'], 'warning')}, "
        f"{_plural(counts['info'], 'note')})"
    )


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


def counted(count: int, noun: str) -> str:
    """'1 document', '3,397 spans'."""
    return f"{count:,} {noun}{'s' * (count != 1)}"


@contextmanager
def progress(
    description: str, total: int | None, stream: TextIO | None = None
) -> Iterator[Callable[[int], None]]:
    """A transient progress bar on a terminal's stderr (a spinner when `total` is None).

    Yields `advance(n)`. When stderr is not a terminal (piped, in tests, in CI) nothing is
    drawn and `advance` does nothing.
    """
    stream = stream or sys.stderr
    if not (hasattr(stream, "isatty") and stream.isatty()):
        yield lambda n: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeRemainingColumn,
    )

    # the description holds a file name: data, so never Rich markup, and sanitised
    columns = [SpinnerColumn(), TextColumn("{task.description}", markup=False)]
    if total is not None:
        columns += [BarColumn(), MofNCompleteColumn(), TimeRemainingColumn()]
    with Progress(*columns, console=Console(file=stream), transient=True) as bar:
        task = bar.add_task(sanitise(description), total=total)
        yield lambda n: bar.advance(task, n)
