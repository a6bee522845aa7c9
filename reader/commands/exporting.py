"""`reader export`: write the store's documents and spans in an interchange format.

To stdout by default (so it pipes), or to a file with `-o` (written to a temporary file and
renamed, so a failed export never leaves half a file). brat writes a folder and needs `-o`.
Opens the store read-only: exporting works while the app has it open.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import ModuleType
from typing import TextIO, cast

from reader.commands._output import counted, print_diagnostics, progress
from reader.config import Config
from reader.errors import ReaderError
from reader.formats import EXPORT_FORMAT_NAMES, get_format
from reader.formats.diagnostics import Diagnostic
from reader.formats.records import Record
from reader.formats.store_io import records_from_store, select_documents
from reader.formats.terminal_safe import JSON_FORMATS, TerminalSafe, json_escape, sanitise_lines
from reader.store import STATUSES, AnnotationStore
from reader.text.sanitise import sanitise

HELP = "export documents and spans (jsonl, doccano, labelstudio, brat, conll)"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add `reader export`'s options."""
    parser.add_argument(
        "--format",
        "-f",
        default="jsonl",
        choices=EXPORT_FORMAT_NAMES,
        help="the format to write (default: jsonl)",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUT",
        help="a file (a folder for brat); default: stdout",
    )
    parser.add_argument(
        "--doc", action="append", metavar="ID", help="export only this document (repeatable)"
    )
    parser.add_argument(
        "--status",
        action="append",
        choices=STATUSES,
        help="export only documents with this status (repeatable)",
    )
    parser.add_argument(
        "--verbose", "-v", action="store_true", help="print every diagnostic, not just the first 20"
    )


def run(args: argparse.Namespace, config: Config) -> int:
    fmt = get_format(args.format)
    output: Path | None = None if args.output is None or str(args.output) == "-" else args.output
    if fmt.TARGET == "directory" and output is None:
        raise ReaderError(f"{args.format} export writes a folder of files; give it with -o DIR")
    with AnnotationStore.open(config.store_path, read_only=True) as store:
        documents = select_documents(store, args.doc, args.status)
        total = sum(1 + doc.get("span_count", 0) for doc in documents)
        spans = sum(doc.get("span_count", 0) for doc in documents)
        with progress(f"exporting {args.format}", total) as advance:
            records = _counted(records_from_store(store, documents), advance)
            if fmt.TARGET == "directory":
                assert output is not None
                diagnostics = fmt.write(records, output)
            elif output is None:
                diagnostics = fmt.write(records, _stdout(fmt.NAME))
                sys.stdout.flush()
            else:
                diagnostics = _write_file(fmt, records, output)
    print_diagnostics(diagnostics, args.verbose)
    if output is not None or sys.stderr.isatty():
        where = output if output is not None else "stdout"
        print(
            sanitise(
                f"exported {counted(len(documents), 'document')} and {counted(spans, 'span')} "
                f"as {args.format} to {where}"
                + (f"; {len(diagnostics)} diagnostics" if diagnostics else "")
            ),
            file=sys.stderr,
        )
    return 0


def _counted(records: Iterable[Record], advance: Callable[[int], None]) -> Iterator[Record]:
    for record in records:
        yield record
        advance(1 + len(record.spans))


def _stdout(name: str) -> TextIO:
    """stdout (UTF-8 whatever the locale: the command line sets it); on a terminal, made
    unable to drive it (the text is data: a pipe or -o gets it exactly)."""
    out = sys.stdout
    if not out.isatty():
        return out
    return cast(TextIO, TerminalSafe(out, json_escape if name in JSON_FORMATS else sanitise_lines))


def _write_file(fmt: ModuleType, records: Iterable[Record], output: Path) -> list[Diagnostic]:
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
