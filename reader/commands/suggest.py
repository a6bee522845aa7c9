"""`reader suggest`: proposed spans, for raw text files or for the store's documents.

`reader suggest FILE... [--only LABELS] [-o OUT]` writes native JSONL, one record per file,
the suggestions as its spans (each with its suggester as annotator), to OUT or stdout. No
store is opened: this is also how the suggesters are scored.

`reader suggest [--only LABELS] [--doc ID]` adds suggestions to the store's documents still
to do (to do or in progress; with --doc, those named, whatever their status), apart from the
annotations, with a progress bar on a terminal. Running it again adds nothing twice, never
touches a person's span, and never brings back a rejected suggestion.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.assist import SUGGESTERS, suggest
from reader.commands._output import counted, export_stream, progress, write_file
from reader.config import Config
from reader.errors import ReaderError
from reader.formats import get_format
from reader.formats.records import Record, SpanRecord
from reader.text.sanitise import sanitise
from reader.text.source import SourceError, read_document


def configure(parser: argparse.ArgumentParser) -> None:
    """Add `reader suggest`'s options."""
    parser.add_argument("paths", nargs="*", metavar="FILE", help="UTF-8 text files")
    parser.add_argument(
        "--only",
        metavar="LABELS",
        help=f"comma-separated labels to suggest (default: all of {','.join(SUGGESTERS)})",
    )
    parser.add_argument(
        "--doc",
        action="append",
        metavar="ID",
        help="without FILE: suggest for this store document only (repeatable)",
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
    only = _labels(args.only)
    if not args.paths:
        return _into_store(config, only, args.doc)
    if args.doc:
        raise ReaderError("--doc names store documents; give either FILEs or --doc, not both")
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


def _into_store(config: Config, only: list[str] | None, doc_ids: list[str] | None) -> int:
    """Add suggestions to the store's documents still to do (or those of --doc)."""
    from reader.formats.store_io import select_documents
    from reader.store import AnnotationStore, Status

    with AnnotationStore.open(config.store_path) as store:
        if doc_ids:
            documents = select_documents(store, doc_ids)
        else:
            documents = select_documents(store, None, [Status.TODO, Status.IN_PROGRESS])
        added: dict[str, int] = {}
        with progress("suggesting", len(documents)) as advance:
            for row in documents:
                text = store.document(row["id"])["text"]
                for suggestion_id in store.add_suggestions(row["id"], suggest(text, only)):
                    label = store.suggestion(row["id"], suggestion_id)["label"]
                    added[label] = added.get(label, 0) + 1
                advance(1)
    total = sum(added.values())
    by_label = ", ".join(f"{count} {label}" for label, count in sorted(added.items()))
    print(
        sanitise(
            f"added {counted(total, 'suggestion')} to {counted(len(documents), 'document')}"
            + (f" ({by_label})" if by_label else "")
            + f" in {config.store_path}"
        )
    )
    return 0


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
