"""Shared by `reader import`, `export` and `stats`: diagnostics on stderr, progress bars.

Not a subcommand (the leading underscore keeps it out of the command table's way).
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO, cast

from reader.errors import ReaderError
from reader.formats import Format
from reader.formats.diagnostics import Diagnostic, count_by_severity
from reader.formats.records import Record
from reader.formats.terminal_safe import JSON_FORMATS, TerminalSafe, json_escape, sanitise_lines
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


def export_stream(name: str) -> TextIO:
    """stdout (UTF-8 whatever the locale: the command line sets it); on a terminal, made
    unable to drive it (the text is data: a pipe or -o gets it exactly)."""
    out = sys.stdout
    if not out.isatty():
        return out
    return cast(TextIO, TerminalSafe(out, json_escape if name in JSON_FORMATS else sanitise_lines))


def write_file(fmt: Format, records: Iterable[Record], output: Path) -> list[Diagnostic]:
    """Write to a temporary file beside `output`, then rename it into place."""
    if output.is_dir():
        raise ReaderError(f"{output} is a folder; give a file name for {fmt.NAME} export")
    if not output.parent.is_dir():
        raise ReaderError(f"cannot write {output}: folder {output.parent} does not exist")
    temporary = output.with_name(f".{output.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("w", encoding="utf-8", newline="\n") as stream:
            diagnostics: list[Diagnostic] = fmt.write(records, _Named(stream, output))
        os.replace(temporary, output)
    except OSError as error:
        raise ReaderError(f"cannot write {output}: {error.strerror or error}") from None
    finally:
        temporary.unlink(missing_ok=True)
    return diagnostics


class _Named(io.TextIOBase):
    """A text stream that reports `output` as its name (for diagnostics) and writes to `stream`."""

    def __init__(self, stream: TextIO, output: Path) -> None:
        self._stream = stream
        self.name = str(output)

    def write(self, text: str) -> int:
        return self._stream.write(text)
