"""`reader import`: read documents and spans from another format into the store.

All or nothing: everything is read and checked first (an unmapped label, a span that does not
fit its text, a string that is not valid Unicode, a document id already used for another text)
and nothing is written if anything is wrong, unless `--skip-errors` asks to import the rest.
Then one batch, one durable commit. JSON lines (jsonl, doccano) are read twice, a record at a
time, checked on the first pass and written on the second, so memory holds one record of the
file, not the file. `--dry-run` runs the same checks, against the store too, and writes nothing.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from reader.commands._output import counted, diagnostics_summary, print_diagnostics, progress
from reader.config import Config
from reader.errors import ReaderError
from reader.formats import FORMAT_NAMES, ImportFormat, StreamingFormat, get_format
from reader.formats.diagnostics import Diagnostic
from reader.formats.files import DEFAULT_MAX_DOCUMENT_SIZE, MB, ReadOptions
from reader.formats.labels import (
    LabelMap,
    check_label_counts,
    check_targets,
    merged_note,
    parse_label_map,
    relabel,
)
from reader.formats.records import Record
from reader.formats.store_io import ImportReport, conflicts, import_records
from reader.formats.validate import unicode_problem
from reader.store import AnnotationStore
from reader.text.sanitise import sanitise

NOTHING = "nothing was imported"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add `reader import`'s options."""
    parser.add_argument(
        "path",
        type=Path,
        metavar="PATH",
        help="a file, or a folder of them (brat: a folder of .txt + .ann; text: .txt files)",
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
        help="import what is sound: skip spans, records and JSON lines that are not",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="read and check everything (against the store too), write nothing",
    )
    parser.add_argument(
        "--encoding",
        default="utf-8",
        metavar="CODEC",
        help="the files' encoding, e.g. cp1256 for Windows Arabic (default: utf-8)",
    )
    parser.add_argument(
        "--max-document-size",
        type=float,
        default=DEFAULT_MAX_DOCUMENT_SIZE / MB,
        metavar="MB",
        help="refuse a document, JSON line or file read whole over this size "
        f"(default: {DEFAULT_MAX_DOCUMENT_SIZE // MB})",
    )
    parser.add_argument(
        "--verbose", "-v", action="store_true", help="print every diagnostic, not just the first 20"
    )


def run(args: argparse.Namespace, config: Config) -> int:
    try:
        return _run(args, config)
    except ReaderError as error:
        if NOTHING in str(error):
            raise
        raise ReaderError(f"{error}; {NOTHING}", error.exit_code) from None


def _run(args: argparse.Namespace, config: Config) -> int:
    fmt = get_format(args.format)
    mapping = parse_label_map(args.label_map)
    check_targets(mapping, config.label_names)
    if args.max_document_size <= 0:
        raise ReaderError(f"--max-document-size must be above 0, got {args.max_document_size}")
    if not args.path.exists():
        raise ReaderError(f"{args.path} does not exist; give a file or a folder to import")
    options = ReadOptions(
        max_document_size=int(args.max_document_size * MB),
        encoding=args.encoding,
        skip_errors=args.skip_errors,
    )
    source = _Source(fmt, args.path, options)
    if args.dry_run:
        return _dry_run(args, config, source, mapping)
    checked = None
    if not config.store_path.exists():  # check first: a failed import creates no store
        checked = _check(_NoStore(), source, mapping, config.label_names, args)
    with AnnotationStore.open(config.store_path, annotator=config.annotator) as store:
        if checked is None:
            checked = _check(store, source, mapping, config.label_names, args)
        with progress(
            f"importing into {store.path.name}", checked.documents + checked.spans
        ) as advance:
            records = _relabelled(source, checked, mapping, config.label_names)
            report = import_records(store, records, progress=advance)
    checked.diagnostics += report.diagnostics
    print_diagnostics(checked.diagnostics, args.verbose)
    print(_summary(report, args.path, config, checked.diagnostics))
    return 0


class _Source:
    """The records of PATH, as often as they are asked for: read again from the file for a
    format that streams (jsonl, doccano), else read once and kept."""

    def __init__(self, fmt: ImportFormat, path: Path, options: ReadOptions) -> None:
        self.fmt, self.path, self.options = fmt, path, options
        self._kept: list[Record] | None = None

    def records(self, diagnostics: list[Diagnostic]) -> Iterator[Record]:
        if isinstance(self.fmt, StreamingFormat):
            return self.fmt.records(self.path, diagnostics, self.options)
        if self._kept is None:
            with progress(f"reading {self.path}", None):
                result = self.fmt.read(self.path, self.options)
            diagnostics.extend(result.diagnostics)
            self._kept = result.records
        return iter(self._kept)


def _key(record: Record) -> tuple[str | None, int | None, str | None]:
    """What tells a record apart between the two passes (objects differ when re-read)."""
    return record.file, record.line, record.id


@dataclass
class _Checked:
    """What the checking pass found: counts, diagnostics, and the records to leave out."""

    documents: int = 0
    spans: int = 0
    existing: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)
    skip: set[tuple[str | None, int | None, str | None]] = field(default_factory=set)


def _check(
    store: Any,
    source: _Source,
    mapping: LabelMap | None,
    allowed: Sequence[str],
    args: argparse.Namespace,
) -> _Checked:
    """The first pass: every record read and checked, nothing written. Raises (listing the
    errors) when anything is wrong and --skip-errors was not given."""
    checked = _Checked()
    labels: Counter[str] = Counter()
    merged = 0
    known = set(store.document_ids())

    def each() -> Iterator[Record]:
        nonlocal merged
        for record in source.records(checked.diagnostics):
            problem = unicode_problem(record)
            if problem is not None:
                checked.diagnostics.append(
                    Diagnostic(
                        record.file or str(args.path),
                        record.line,
                        f"document {record.id!r} not imported: {problem}",
                        "error",
                    )
                )
                checked.skip.add(_key(record))
                continue
            labels.update(span.label for span in record.spans)
            counts = relabel(record, mapping, allowed, apply=False)
            merged += counts.merged
            checked.documents += 1
            checked.spans += counts.kept
            checked.existing += record.id in known
            yield record

    # conflicts() reads its records once, in order: a stream keeps one record in memory
    clashes, clashing = conflicts(store, cast(Sequence[Record], each()), str(args.path))
    checked.diagnostics += clashes
    for record in clashing:
        checked.skip.add(_key(record))
        checked.documents -= 1
        checked.spans -= relabel(record, mapping, allowed, apply=False).kept
        checked.existing -= record.id in known
    try:
        checked.diagnostics += check_label_counts(
            labels, mapping, allowed, args.drop_unmapped, str(args.path)
        )
    except ReaderError:
        print_diagnostics(checked.diagnostics, args.verbose)  # what else was found, then why not
        raise
    checked.diagnostics += merged_note(merged, str(args.path))
    errors = [d for d in checked.diagnostics if d.severity == "error"]
    if errors and not args.skip_errors:
        print_diagnostics(checked.diagnostics, args.verbose)
        raise ReaderError(
            f"{counted(len(errors), 'error')} in {args.path} (listed above): {NOTHING}; "
            "fix them, or pass --skip-errors to import the rest"
        )
    if checked.documents == 0:
        print_diagnostics(checked.diagnostics, args.verbose)
        raise ReaderError(f"{args.path} holds no document that can be imported: {NOTHING}")
    return checked


def _relabelled(
    source: _Source, checked: _Checked, mapping: LabelMap | None, allowed: Sequence[str]
) -> Iterator[Record]:
    """The second pass: the records that passed, their labels mapped."""
    again: list[Diagnostic] = []  # the first pass reported these already
    for record in source.records(again):
        if _key(record) in checked.skip:
            continue
        relabel(record, mapping, allowed)
        yield record


class _NoStore:
    """An empty store, for a dry run when there is none yet."""

    def documents(self) -> list[dict[str, Any]]:
        return []

    def document_ids(self) -> list[str]:
        return []


def _dry_run(
    args: argparse.Namespace, config: Config, source: _Source, mapping: LabelMap | None
) -> int:
    if config.store_path.exists():
        with AnnotationStore.open(config.store_path, read_only=True) as store:
            checked = _check(store, source, mapping, config.label_names, args)
    else:
        checked = _check(_NoStore(), source, mapping, config.label_names, args)
    print_diagnostics(checked.diagnostics, args.verbose)
    documents = counted(checked.documents - checked.existing, "document")
    if checked.existing:
        documents += f" (+{checked.existing:,} already in the store)"
    print(
        sanitise(
            f"dry run: would import {documents} and {counted(checked.spans, 'span')} from {args.path}; "
            f"{diagnostics_summary(checked.diagnostics)}; nothing was written"
        )
    )
    return 0


def _summary(
    report: ImportReport, path: Path, config: Config, diagnostics: list[Diagnostic]
) -> str:
    labels = ", ".join(f"{label} {count:,}" for label, count in report.labels.most_common())
    docs = counted(report.documents, "document")
    if report.documents_existing:
        docs += f" (+{report.documents_existing:,} already in the store)"
    spans = counted(report.spans, "span")
    if report.spans_existing:
        spans += f" (+{report.spans_existing:,} already there)"
    if labels:
        spans += f" ({labels})"
    if report.relations:
        spans += f", {counted(report.relations, 'link')}"
    if report.notes:
        spans += f", {counted(report.notes, 'note')}"
    return sanitise(
        f"imported {docs} and {spans} from {path} into {config.store_path}; "
        f"{diagnostics_summary(diagnostics)}"
    )
