"""`reader import`: read documents and spans from another format into the store.

Everything is read and checked first; nothing is written if anything is wrong (an unmapped
label, a span that does not fit its text, a document id already used for another text),
unless `--skip-errors` asks to import the rest. Then one batch, one durable commit.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from reader.commands._output import counted, diagnostics_summary, print_diagnostics, progress
from reader.config import Config
from reader.errors import ReaderError
from reader.formats import FORMAT_NAMES, get_format
from reader.formats.labels import apply_label_map, check_targets, parse_label_map
from reader.formats.store_io import ImportReport, conflicts, import_records
from reader.store import AnnotationStore

HELP = "import documents and spans from another format"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add `reader import`'s options."""
    parser.add_argument(
        "path",
        type=Path,
        metavar="PATH",
        help="a file, or a folder of them (brat: a folder of .txt + .ann)",
    )
    parser.add_argument(
        "--format", "-f", required=True, choices=FORMAT_NAMES, help="the format of PATH"
    )
    parser.add_argument(
        "--label-map",
        action="append",
        metavar="A=b,...",
        help="map source labels to yours, e.g. PERS=actor,GPE=place,DATE=date (X= drops X); repeatable. "
        "Without it, labels must already be configured labels",
    )
    parser.add_argument(
        "--drop-unmapped",
        action="store_true",
        help="drop spans whose label has no mapping (reported per label)",
    )
    parser.add_argument(
        "--skip-errors",
        action="store_true",
        help="import what is sound even if some spans or documents are not",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="read and check everything, write nothing"
    )
    parser.add_argument(
        "--verbose", "-v", action="store_true", help="print every diagnostic, not just the first 20"
    )


def run(args: argparse.Namespace, config: Config) -> int:
    fmt = get_format(args.format)
    mapping = parse_label_map(args.label_map)
    check_targets(mapping, config.label_names)
    if not args.path.exists():
        raise ReaderError(f"{args.path} does not exist; give a file or a folder to import")
    with progress(f"reading {args.path}", None):
        result = fmt.read(args.path)
    records = result.records
    diagnostics = list(result.diagnostics)
    diagnostics += apply_label_map(
        records, mapping, config.label_names, args.drop_unmapped, str(args.path)
    )
    if args.dry_run:
        return _dry_run(args, records, diagnostics)
    with AnnotationStore.open(config.store_path, annotator=config.annotator) as store:
        clashes, skip = conflicts(store, records, str(args.path))
        diagnostics += clashes
        _stop_on_errors(diagnostics, args)
        total = sum(1 + len(r.spans) for r in records)
        with progress(f"importing into {store.path.name}", total) as advance:
            report = import_records(store, records, skip, progress=advance)
    print_diagnostics(diagnostics, args.verbose)
    print(_summary(report, args.path, config, diagnostics))
    return 0


def _stop_on_errors(diagnostics: list, args: argparse.Namespace) -> None:
    errors = [d for d in diagnostics if d.severity == "error"]
    if errors and not args.skip_errors:
        print_diagnostics(diagnostics, args.verbose)
        raise ReaderError(
            f"{len(errors)} error{'s' * (len(errors) != 1)} in {args.path} (listed above): nothing was imported; "
            "fix them, or pass --skip-errors to import the rest"
        )


def _dry_run(args: argparse.Namespace, records: list, diagnostics: list) -> int:
    print_diagnostics(diagnostics, args.verbose)
    spans = sum(len(r.spans) for r in records)
    print(
        f"dry run: would import {counted(len(records), 'document')} and {counted(spans, 'span')} from {args.path}; "
        f"{diagnostics_summary(diagnostics)}"
    )
    return 1 if any(d.severity == "error" for d in diagnostics) else 0


def _summary(report: ImportReport, path: Path, config: Config, diagnostics: list) -> str:
    labels = ", ".join(f"{label} {count:,}" for label, count in report.labels.most_common())
    docs = counted(report.documents, "document")
    if report.documents_existing:
        docs += f" (+{report.documents_existing:,} already in the store)"
    spans = counted(report.spans, "span")
    if report.spans_existing:
        spans += f" (+{report.spans_existing:,} already there)"
    if labels:
        spans += f" ({labels})"
    return f"imported {docs} and {spans} from {path} into {config.store_path}; {diagnostics_summary(diagnostics)}"
