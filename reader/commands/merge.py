"""`reader merge A B [...] -o GOLD`: what all annotators agree on becomes the gold store.

Each document of the stores (matched by id, else by text) is merged among the annotators who
hold it (see `reader.review.merge`). GOLD gets every document, its agreed spans (with who
agreed) and its conflicts (each annotator's version, for `reader adjudicate GOLD`) in one
durable commit; a document is done there when it has no conflict and every annotator marked
it done (see `reader.review.gold`). Conflicts are also reported here (a table, or `--json`).
GOLD must be new or empty: merging into a gold store that already holds documents could mix
two merges' spans without saying which is which.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from reader.commands._output import counted, progress
from reader.commands._review import add_store_arguments, cell, check_stores, table_console
from reader.config import Config
from reader.errors import ReaderError
from reader.review.gold import MergeResult, merge_stores, write_gold
from reader.review.matching import match_documents
from reader.review.stores import open_stores
from reader.store import AnnotationStore
from reader.text.sanitise import sanitise

SHOWN_CONFLICTS = 30
QUOTE_WIDTH = 24


def configure(parser: argparse.ArgumentParser) -> None:
    """Add `reader merge`'s options."""
    add_store_arguments(parser)
    parser.add_argument(
        "-o", "--output", type=Path, required=True, metavar="GOLD", help="the gold store to create"
    )
    parser.add_argument(
        "--json", action="store_true", help="print the agreed spans and conflicts as JSON"
    )


def run(args: argparse.Namespace, config: Config) -> int:
    check_stores(args.stores)
    gold_path: Path = args.output
    if any(gold_path.resolve() == path.resolve() for path in args.stores):
        raise ReaderError(f"{gold_path} is one of the stores to merge; give a new path for GOLD")
    with AnnotationStore.open(gold_path) as gold:
        held = gold.document_count()
        if held:
            raise ReaderError(
                f"{gold_path} already holds {counted(held, 'document')}; give a new path for GOLD "
                "(merge never adds to an existing gold store)"
            )
        with open_stores(args.stores) as stores:
            matching = match_documents([store.documents for store in stores])
            with progress("merging", len(matching.usable())) as advance:
                result = merge_stores(stores, matching, advance)
        with progress("writing the gold store", len(result.documents)) as advance:
            write_gold(result, gold, advance)
    if args.json:
        json.dump(result.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    _print(result, gold_path)
    return 0


def _print(result: MergeResult, gold_path: Path) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    conflicted = sum(1 for doc in result.documents if doc.merge.conflicts)
    with table_console() as console:
        terminal = console.is_terminal
        console.print(
            f"merged {counted(len(result.documents), 'document')} from "
            f"{', '.join(sanitise(name) for name in result.names)} into {sanitise(str(gold_path))}: "
            f"{counted(result.agreed, 'agreed span')}, {counted(result.conflicts, 'conflict')}"
            + (f", {counted(result.links, 'agreed link')}" if result.links else "")
            + (
                f" ({counted(result.links_left, 'link')} not agreed, not carried)"
                if result.links_left
                else ""
            )
            + "; "
            f"{result.count('done'):,} done, {conflicted:,} with conflicts to adjudicate"
            + (f" (reader adjudicate {sanitise(str(gold_path))})" if conflicted else ""),
            markup=False,
            soft_wrap=True,
        )
        rows = [(doc, conflict) for doc in result.documents for conflict in doc.merge.conflicts]
        if rows:
            table = Table(
                title="conflicts", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False
            )
            table.add_column("document", no_wrap=True, max_width=24)
            table.add_column("range", justify="right", no_wrap=True)
            table.add_column("text", no_wrap=True, max_width=QUOTE_WIDTH)
            for name in result.names:
                table.add_column(cell(name, 16, terminal))
            for doc, conflict in rows[:SHOWN_CONFLICTS]:
                versions = [
                    Text(
                        ", ".join(
                            f"{sanitise(s.label)} {s.start}:{s.end}"
                            for s in conflict.versions[name]
                        )
                        or "—"
                    )
                    if name in conflict.versions
                    else Text("")
                    for name in result.names
                ]
                table.add_row(
                    cell(doc.doc_id, 24, terminal),
                    f"{conflict.start}:{conflict.end}",
                    cell(doc.text[conflict.start : conflict.end], QUOTE_WIDTH, terminal),
                    *versions,
                )
            console.print(table)
            if len(rows) > SHOWN_CONFLICTS:
                console.print(f"… and {len(rows) - SHOWN_CONFLICTS:,} more (--json lists them all)")
        for mismatch in result.mismatches:
            console.print(
                f"not merged: {sanitise(mismatch.doc_id)} in {sanitise(result.names[mismatch.store])} "
                f"has a different text from {sanitise(result.names[mismatch.other])}'s; "
                "neither is in GOLD (give the document one text, or different ids)",
                markup=False,
                soft_wrap=True,
            )
