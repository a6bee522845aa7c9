"""`reader suggest FILE... [--only LABELS] [-o OUT]`: proposed spans for raw text files.

Writes native JSONL, one record per file, the suggestions as its spans (each with its
suggester as annotator), to OUT or stdout. No store is opened: this is also how the
suggesters are scored. Without FILE the store's documents would get suggestions; that mode
is not wired yet and says so.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.assist import SUGGESTERS, suggest
from reader.commands._output import counted, export_stream, write_file
from reader.config import Config
from reader.errors import ReaderError
from reader.formats import get_format
from reader.formats.records import Record, SpanRecord
from reader.text.sanitise import sanitise
from reader.text.source import SourceError, read_document

HELP = "propose date, place, actor and claim spans for text files (native JSONL out)"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add `reader suggest`'s options."""
    parser.add_argument("paths", nargs="*", metavar="FILE", help="UTF-8 text files")
    parser.add_argument(
        "--only",
        metavar="LABELS",
        help=f"comma-separated labels to suggest (default: all of {','.join(SUGGESTERS)})",
    )
    parser.add_argument(
        "-o", "--output", type=Path, metavar="OUT", help="the JSONL file to write (default: stdout)"
    )
    parser.add_argument(
        "--replace-errors",
        action="store_true",
        help="read invalid UTF-8 with U+FFFD in place of bad bytes",
    )


def run(args: argparse.Namespace, config: Config) -> int:
    if not args.paths:
        raise ReaderError(
            "reader suggest without FILE (suggestions into the store) is not available yet; "
            "give text files: reader suggest FILE... -o OUT"
        )
    only = _labels(args.only)
    records: list[Record] = []
    failed = 0
    for path in args.paths:
        try:
            text = read_document(path, replace_errors=args.replace_errors)
        except SourceError as error:
            print(f"reader: {sanitise(str(error))}", file=sys.stderr)
            failed += 1
            continue
        spans = [
            SpanRecord(s.start, s.end, s.label, text[s.start : s.end], annotator=s.suggester)
            for s in suggest(text, only)
        ]
        records.append(
            Record(text, spans, id=_unique(Path(path).stem, records), meta={"source": str(path)})
        )
    fmt = get_format("jsonl")
    output = None if args.output is None or str(args.output) == "-" else args.output
    if output is None:
        fmt.write(records, export_stream("jsonl"))
        sys.stdout.flush()
    else:
        write_file(fmt, records, output)
    total = sum(len(record.spans) for record in records)
    print(
        f"suggested {counted(total, 'span')} in {counted(len(records), 'file')}"
        + (f" to {sanitise(str(output))}" if output is not None else ""),
        file=sys.stderr,
    )
    return 1 if failed else 0


def _unique(stem: str, records: list[Record]) -> str:
    """The file's name without suffix as its id; a/x.txt and b/x.txt become x and x-2."""
    taken = {record.id for record in records}
    candidate, number = stem, 1
    while candidate in taken:
        number += 1
        candidate = f"{stem}-{number}"
    return candidate


def _labels(value: str | None) -> list[str] | None:
    if value is None:
        return None
    labels = [label.strip() for label in value.split(",") if label.strip()]
    unknown = [label for label in labels if label not in SUGGESTERS]
    if not labels or unknown:
        raise ReaderError(
            f"--only {sanitise(value)!r}: no suggester for {', '.join(map(sanitise, unknown)) or 'nothing'}; "
            f"choose among {','.join(SUGGESTERS)}"
        )
    return labels
