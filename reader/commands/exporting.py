"""`reader export`: write the store's documents and spans in an interchange format.

To stdout by default (so it pipes), or to a file with `-o` (written to a temporary file and
renamed, so a failed export never leaves half a file). brat writes a folder and needs `-o`.
A format that needs a project configuration to be read (Label Studio's labeling config) gets
it written beside the output, `OUT.config.xml`. Opens the store read-only: exporting works
while the app has it open.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from reader.commands._output import counted, export_stream, print_diagnostics, progress, write_file
from reader.config import Config
from reader.errors import ReaderError
from reader.formats import EXPORT_FORMAT_NAMES, ConfiguredFormat, Format, get_format
from reader.formats.records import Record
from reader.formats.store_io import records_from_store, select_documents
from reader.review.filters import REVIEW_STATES, in_review_state, spans_by
from reader.store import STATUSES, AnnotationStore
from reader.text.sanitise import sanitise


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
        "--annotator",
        action="append",
        metavar="NAME",
        help="export only the spans this annotator made or, in a gold store, agreed on or had "
        "taken in adjudication (repeatable)",
    )
    parser.add_argument(
        "--review",
        choices=REVIEW_STATES,
        help="export only documents in this review state: reviewed (conflicts settled in "
        "reader adjudicate), settled (no conflict left), unsettled (conflicts still pending)",
    )
    parser.add_argument(
        "--include-suggestions",
        action="store_true",
        help='add the pending suggestions, each marked "suggestion": true (default: annotations only)',
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
        if args.review:
            documents = [doc for doc in documents if in_review_state(doc, args.review)]
        unsettled = sum(1 for doc in documents if doc.get("conflicts"))
        total = sum(1 + doc.get("span_count", 0) for doc in documents)
        used = _Used(labels=isinstance(fmt, ConfiguredFormat))
        with progress(f"exporting {args.format}", total) as advance:
            records: Iterable[Record] = records_from_store(
                store, documents, args.include_suggestions
            )
            if args.annotator:
                records = (spans_by(record, args.annotator) for record in records)
            records = used.watch(_counted(records, advance))
            if fmt.TARGET == "directory":
                assert output is not None
                diagnostics = fmt.write(records, output)
            elif output is None:
                diagnostics = fmt.write(records, export_stream(fmt.NAME))
                sys.stdout.flush()
            else:
                diagnostics = write_file(fmt, records, output)
    config_note = _write_config(fmt, output, config, used)
    print_diagnostics(diagnostics, args.verbose)
    if config_note:
        print(sanitise(config_note), file=sys.stderr)
    if unsettled:
        print(
            f"{counted(unsettled, 'document')} still {'has' if unsettled == 1 else 'have'} "
            "conflicts to settle (exported without them): reader adjudicate STORE, "
            "or --review settled to leave such documents out",
            file=sys.stderr,
        )
    if output is not None or sys.stderr.isatty():
        where = output if output is not None else "stdout"
        print(
            sanitise(
                f"exported {counted(len(documents), 'document')}, {counted(used.spans, 'span')} "
                f"and {counted(used.links, 'link')} as {args.format} to {where}"
                + (f"; {len(diagnostics)} diagnostics" if diagnostics else "")
            ),
            file=sys.stderr,
        )
    return 0


class _Used:
    """The labels (if asked: only a format's configuration needs them) and link types an
    export wrote, noted as the records go by."""

    def __init__(self, labels: bool) -> None:
        self.watch_labels = labels
        self.labels: dict[str, None] = {}
        self.relation_types: dict[str, None] = {}
        self.links = 0
        self.spans = 0

    def watch(self, records: Iterable[Record]) -> Iterator[Record]:
        for record in records:
            if self.watch_labels:
                for span in record.spans:
                    self.labels.setdefault(span.label, None)
            for relation in record.relations:
                self.relation_types.setdefault(relation.type, None)
            self.links += len(record.relations)
            self.spans += len(record.spans)
            yield record


def _write_config(fmt: Format, output: Path | None, config: Config, used: _Used) -> str:
    """Write the format's project configuration beside the output, if it has one; what to
    tell the user about it ("" if the format has none)."""
    if not isinstance(fmt, ConfiguredFormat):
        return ""
    if output is None:
        return (
            f"{fmt.NAME}: the labeling config (with <Relations>) is written only with -o OUT, "
            f"as OUT{fmt.CONFIG_SUFFIX}"
        )
    labels = [*config.label_names, *used.labels]
    target = output.with_name(output.name + fmt.CONFIG_SUFFIX)
    try:
        target.write_text(fmt.labeling_config(labels, used.relation_types), encoding="utf-8")
    except OSError as error:
        raise ReaderError(f"cannot write {target}: {error.strerror or error}") from None
    return f"labeling config for {fmt.NAME} (labels, <Relations>, notes) written to {target}"


def _counted(records: Iterable[Record], advance: Callable[[int], None]) -> Iterator[Record]:
    for record in records:
        yield record
        advance(1 + len(record.spans))
