"""`reader agree A B [C ...]`: how far annotators agree, over the documents their stores share.

Stores are opened read-only (annotators may have them open meanwhile). Two stores: overall and
per-label figures, the documents worst first, and which labels were swapped for the same range.
Three or more: a matrix per figure, and each pair's overall line. `--json` for scripts. The
figures are defined in `reader.review.agreement` and `reader.review.kappa`.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from reader.commands._output import counted, progress
from reader.commands._review import add_store_arguments, cell, check_stores, score, table_console
from reader.config import Config
from reader.review.report import AgreementReport, PairReport, agree
from reader.review.stores import open_stores
from reader.store import STATUSES
from reader.text.sanitise import sanitise

if TYPE_CHECKING:
    from rich.console import Console

SHOWN_DOCUMENTS = 20
NAME_WIDTH = 20
FIGURES = (("exact_f1", "exact F1"), ("overlap_f1", "overlap F1"), ("kappa", "kappa"))


def configure(parser: argparse.ArgumentParser) -> None:
    """Add `reader agree`'s options."""
    add_store_arguments(parser)
    parser.add_argument(
        "--json", action="store_true", help="print the figures as JSON, for scripts"
    )
    parser.add_argument(
        "--status",
        choices=STATUSES,
        help="compare only documents that both annotators gave this status (e.g. done)",
    )


def run(args: argparse.Namespace, config: Config) -> int:
    check_stores(args.stores)
    pairs = len(args.stores) * (len(args.stores) - 1) // 2
    with open_stores(args.stores) as stores, progress("comparing", pairs) as advance:
        report = agree(stores, status=args.status, advance=advance)
    if args.json:
        json.dump(report.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    with table_console() as console:
        if len(report.pairs) == 1:
            _print_pair(console, report.pairs[0])
        else:
            _print_matrices(console, report)
        for mismatch in report.mismatches:
            console.print(
                f"not compared: {sanitise(mismatch.doc_id)} in {sanitise(report.names[mismatch.store])} "
                f"has a different text from {sanitise(report.names[mismatch.other])}'s",
                markup=False,
                soft_wrap=True,
            )
    return 0


def _shared_line(pair: PairReport) -> str:
    a, b = sanitise(pair.a), sanitise(pair.b)
    line = f"{a} and {b}: {counted(len(pair.documents), 'document')} compared"
    for name, ids in ((a, pair.only_a), (b, pair.only_b)):
        if ids:
            listed = ", ".join(sanitise(i) for i in ids[:5]) + (", …" if len(ids) > 5 else "")
            line += f"; {len(ids)} only in {name} ({listed})"
    if pair.unfinished:
        line += f"; {pair.unfinished:,} not done by both (--status done leaves them out)"
    return line


def _print_pair(console: Console, pair: PairReport) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    terminal = console.is_terminal
    console.print(_shared_line(pair), markup=False, soft_wrap=True)
    if not pair.documents:
        return  # no figures: agreement over nothing would print as perfect
    scores = pair.total.scores()
    overall = pair.total.overall
    console.print(
        " · ".join(f"{title} {score(scores[key])}" for key, title in FIGURES)
        + f" · {counted(overall.a, 'span')} by {sanitise(pair.a)}, {overall.b:,} by {sanitise(pair.b)}",
        markup=False,
        soft_wrap=True,
    )
    if pair.total.labels:
        labels = Table(title="per label", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
        for header in ("label", pair.a, pair.b, "exact F1", "overlap F1"):
            labels.add_column(
                cell(header, NAME_WIDTH, terminal), justify="left" if header == "label" else "right"
            )
        for label, counts in pair.total.labels.items():
            labels.add_row(
                cell(label, NAME_WIDTH, terminal),
                f"{counts.a:,}",
                f"{counts.b:,}",
                score(counts.exact_f1),
                score(counts.overlap_f1),
            )
        console.print(labels)

    documents = Table(
        title="documents, worst first", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False
    )
    documents.add_column("document", no_wrap=True, max_width=32)
    for _, title in FIGURES:
        documents.add_column(title, justify="right")
    documents.add_column(cell(pair.a, NAME_WIDTH, terminal), justify="right")
    documents.add_column(cell(pair.b, NAME_WIDTH, terminal), justify="right")
    for row in pair.documents[:SHOWN_DOCUMENTS]:
        scores = row.comparison.scores()
        overall = row.comparison.overall
        documents.add_row(
            cell(row.doc_id, 32, terminal),
            *(score(scores[key]) for key, _ in FIGURES),
            f"{overall.a:,}",
            f"{overall.b:,}",
        )
    console.print(documents)
    if len(pair.documents) > SHOWN_DOCUMENTS:
        console.print(
            f"… and {len(pair.documents) - SHOWN_DOCUMENTS:,} more (--json lists them all)"
        )

    confusion = pair.total.confusion
    if confusion:
        names = sorted({x for x, _ in confusion} | {y for _, y in confusion})
        table = Table(
            title=Text(
                f"same range: {sanitise(pair.a)}'s label (rows), {sanitise(pair.b)}'s (columns)"
            ),
            title_justify="left",
            box=box.SIMPLE_HEAD,
            pad_edge=False,
        )
        table.add_column("")
        for name in names:
            table.add_column(cell(name, NAME_WIDTH, terminal), justify="right")
        for x in names:
            table.add_row(
                cell(x, NAME_WIDTH, terminal),
                *(f"{confusion[x, y]:,}" if confusion[x, y] else "" for y in names),
            )
        console.print(table)


def _print_matrices(console: Console, report: AgreementReport) -> None:
    from rich import box
    from rich.table import Table

    terminal = console.is_terminal
    # a pair sharing no document has no figures ("—"), not perfect ones
    by_pair = {(pair.a, pair.b): pair.total.scores() for pair in report.pairs if pair.documents}
    for key, title in FIGURES:
        table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
        table.add_column("")
        for name in report.names:
            table.add_column(cell(name, NAME_WIDTH, terminal), justify="right")
        for a in report.names:
            row = []
            for b in report.names:
                scores = by_pair.get((a, b)) or by_pair.get((b, a))
                row.append("—" if scores is None else score(scores[key]))
            table.add_row(cell(a, NAME_WIDTH, terminal), *row)
        console.print(table)
    for pair in report.pairs:
        console.print(_shared_line(pair), markup=False, soft_wrap=True)
