"""`reader stats`: how far the annotation has got: documents by status, spans per label,
links, and claims still without a speaker.

A table for people (Arabic titles laid out right-to-left on a terminal, as `reader cat` does),
`--json` for scripts. Opens the store read-only, so it works while the app is open. The
counts per label come from the store's manifest; links are kept in each document's data, so
counting them reads the documents that can hold one (two spans or more), one at a time.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from operator import itemgetter
from typing import Any, cast

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment

from reader.config import Config
from reader.progress import Progress, ProgressReport, summarise
from reader.review.filters import REVIEW_STATES, in_review_state, made_by
from reader.store import STATUSES, AnnotationStore, Status
from reader.store.model import SAID_BY, DocumentRow, status_display
from reader.text.bidi_mode import BDSM_EXPLICIT, BDSM_IMPLICIT
from reader.text.sanitise import sanitise
from reader.text.shaping import DisplayOptions

CLAIM = "claim"  # the label whose spans a said_by link should start from
TITLE_WIDTH = 32
ID_WIDTH = 20
SHOWN = 50  # documents listed in the table without --all (a big store's table is for scripts)
BARS_UP_TO = 2000  # documents: past this, the bars (which read every document) wait for --progress
#: C1 controls and explicit bidi controls, which JSON leaves unescaped.
_TERMINAL_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def configure(parser: argparse.ArgumentParser) -> None:
    """Add `reader stats`' options."""
    parser.add_argument(
        "--json", action="store_true", help="print the numbers as JSON, for scripts"
    )
    parser.add_argument(
        "--all",
        action="store_true",
        help=f"list every document in the table (without it, the first {SHOWN} and the totals)",
    )
    parser.add_argument(
        "--annotator",
        action="append",
        metavar="NAME",
        help="count only the spans this annotator made or, in a gold store, agreed on or had "
        "taken in adjudication (repeatable; reads the documents)",
    )
    parser.add_argument(
        "--review",
        choices=REVIEW_STATES,
        help="count only documents in this review state: reviewed, settled (no conflict "
        "left), unsettled (conflicts of reader merge still pending)",
    )
    parser.add_argument(
        "--progress",
        action="store_true",
        help=f"on a terminal, the progress bars for any store (by default up to {BARS_UP_TO:,} "
        "documents: spans per day and per annotator read every document)",
    )


def gather(
    store: AnnotationStore,
    label_order: tuple[str, ...],
    annotators: Sequence[str] = (),
    review: str | None = None,
    listed: int | None = None,
) -> dict[str, Any]:
    """Every number `stats` shows, as plain data (this is also the --json output); only the
    spans of `annotators` if given (their documents are read), only the documents in the
    review state `review` if given. The totals count every document; `listed` documents
    at most are listed one by one (None: all, as --json and --all want)."""
    documents: list[dict[str, Any]] = []
    labels: dict[str, int] = {}
    links = unlinked = 0
    rows: Sequence[Mapping[str, Any]] = store.document_rows()  # the manifest: no file read
    if review:
        rows = [row for row in rows if in_review_state(row, review)]
    if annotators:
        rows = _made_by(store, rows, annotators)
    # Sums over every document in C where they can be (a big store has 10,000 of them).
    statuses = Counter(map(itemgetter("status"), rows))
    orphaned = sum(map(itemgetter("orphaned"), rows))
    conflicts = sum(doc.get("conflicts", 0) for doc in rows)
    for doc in rows:
        per_label = doc["labels"]
        for label, count in per_label.items():
            labels[label] = labels.get(label, 0) + count
        doc_links, doc_unlinked = _links(store, doc)
        links += doc_links
        unlinked += doc_unlinked
        if listed is None or len(documents) < listed:
            documents.append(
                {
                    "id": doc["id"],
                    "title": doc["title"] or "",
                    "status": doc["status"],
                    "spans": doc["span_count"],
                    "labels": dict(per_label),
                    "orphaned": doc["orphaned"],
                    "conflicts": doc.get("conflicts", 0),
                    "links": doc_links,
                    "unlinked_claims": doc_unlinked,
                }
            )
    order = list(label_order) + sorted(label for label in labels if label not in label_order)
    return {
        "store": str(store.path),
        "documents": documents,
        "labels": {label: labels.get(label, 0) for label in order},
        "status": {status: statuses[status] for status in STATUSES},
        "totals": {
            "documents": len(rows),
            "spans": sum(labels.values()),
            "orphaned": orphaned,
            "conflicts": conflicts,
            "links": links,
            "unlinked_claims": unlinked,
        },
        # finished: done, or reviewed (a gold document whose conflicts are all settled)
        "progress": {"done": statuses["done"] + statuses["reviewed"], "of": len(rows)},
    }


def _links(store: AnnotationStore, doc: Mapping[str, Any]) -> tuple[int, int]:
    """A document's links, and its claims without a speaker (a claim span no said_by link
    starts from), from the manifest; a store written before the manifest counted links has
    its documents of two spans or more read."""
    claims = doc["labels"].get(CLAIM, 0)
    counted = doc.get("links")
    if counted is not None:  # the manifest counts them (stores written since links came)
        return counted, claims - doc.get("spoken", {}).get(CLAIM, 0)
    if doc["span_count"] < 2:
        return 0, claims
    relations = store.relations(doc["id"])  # reads the file; span() then finds it
    spoken = {r["from"] for r in relations if r["type"] == SAID_BY}
    return len(relations), claims - sum(store.span(s)["label"] == CLAIM for s in spoken)


def _made_by(
    store: AnnotationStore, rows: Sequence[Mapping[str, Any]], annotators: Sequence[str]
) -> list[DocumentRow]:
    """The rows with their counts (spans, labels, orphaned, links and claims spoken) of these
    annotators' spans only, and the links between them: each document is read."""
    counted = []
    ids = (row["id"] for row in rows)
    read = store.read_documents_with_relations(ids)
    for row, (_, spans, relations) in zip(rows, read, strict=True):
        mine = {
            s["id"]: s for s in spans if made_by(s["annotator"], s.get("annotators"), annotators)
        }
        links = [r for r in relations if r["from"] in mine and r["to"] in mine]
        spoken = Counter(
            mine[source]["label"] for source in {r["from"] for r in links if r["type"] == SAID_BY}
        )
        counted.append(
            cast(
                DocumentRow,
                {
                    **row,
                    "span_count": len(mine),
                    "labels": dict(Counter(s["label"] for s in mine.values())),
                    "orphaned": sum(1 for s in mine.values() if s["orphaned"]),
                    "links": len(links),
                    "spoken": dict(spoken),
                },
            )
        )
    return counted


def run(args: argparse.Namespace, config: Config) -> int:
    bars = None
    with AnnotationStore.open(config.store_path, read_only=True) as store:
        listed = None if args.json or args.all else SHOWN
        data = gather(store, config.label_names, args.annotator or (), args.review, listed)
        if not args.json and sys.stdout.isatty():
            if args.progress or data["totals"]["documents"] <= BARS_UP_TO:
                bars = summarise(store, config.label_names)
    if args.json:
        text = json.dumps(data, ensure_ascii=False, indent=2)
        if sys.stdout.isatty():  # data, not commands for the terminal: escape what could drive it
            text = _TERMINAL_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
        sys.stdout.write(text + "\n")
        return 0
    _print_table(data, config)
    if sys.stdout.isatty():
        _print_bars(bars, config)
    return 0


def _print_bars(bars: Progress | None, config: Config) -> None:
    """The progress view's bars (F4 in the app), or how to ask for them on a big store."""
    console = Console(highlight=False)
    if bars is None:
        console.print("progress bars: reader stats --progress (reads every document)", style="dim")
        return
    colours = {label.name: label.colour for label in config.labels}
    console.print()
    console.print(ProgressReport(bars, colours, DisplayOptions()))


def progress_line(data: dict[str, Any]) -> str:
    """'3/8 done (38%) · 1 in progress · 0 skipped · 4 to do' (and '· 2 reviewed' if any)."""
    done, total = data["progress"]["done"], data["progress"]["of"]
    percent = f" ({round(100 * done / total)}%)" if total else ""
    status = data["status"]
    shown = [Status.IN_PROGRESS, Status.SKIPPED, Status.TODO]
    if status[Status.REVIEWED]:
        shown.insert(0, Status.REVIEWED)
    return f"{done}/{total} done{percent} · " + " · ".join(
        f"{status[name]} {name.display}" for name in shown
    )


def _print_table(data: dict[str, Any], config: Config) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    console = Console(highlight=False)
    terminal = console.is_terminal
    colours = {label.name: label.colour for label in config.labels}
    table = Table(
        title=Text(sanitise(data["store"])),
        title_justify="left",
        show_footer=bool(data["documents"]),
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=True,  # 80 columns hold the labels, spans, links and "no speaker"
    )
    done = f"{data['progress']['done']}/{data['progress']['of']} done"
    listed = data["documents"]
    ids = [_display(doc["id"], ID_WIDTH, terminal) for doc in listed]
    id_width = min(ID_WIDTH, max([len("document")] + [cell_len(shown) for shown in ids]))
    numbers = [(label, f"{count:,}") for label, count in data["labels"].items()]
    numbers.append(("spans", f"{data['totals']['spans']:,}"))
    show_orphans = data["totals"]["orphaned"] > 0
    if show_orphans:
        numbers.append(("orphaned", f"{data['totals']['orphaned']:,}"))
    numbers.append(("links", f"{data['totals']['links']:,}"))
    numbers.append(("no\nspeaker", f"{data['totals']['unlinked_claims']:,}"))
    status_width = max(11, len(done))
    # each column costs its width plus padding and a separator: 2 cells
    fixed = (
        id_width
        + status_width
        + sum(_width(name, total) for name, total in numbers)
        + 2 * (len(numbers) + 3)
    )
    # Piped, every column is printed, however wide; on a terminal, one too wide is squeezed.
    table_width = console.width if terminal else max(console.width, fixed)
    title_width = min(TITLE_WIDTH, table_width - fixed)
    # A table that fits has every column as wide as its widest cell, known here: given, Rich
    # need not measure every cell of every row (a quarter of the command on a big store).
    exact = fixed <= table_width
    table.add_column(
        "document",
        footer="total",
        no_wrap=True,
        width=id_width if exact else None,
        min_width=None if exact else id_width,
        max_width=ID_WIDTH,
    )
    if title_width >= 10:
        table.add_column("title", no_wrap=True, width=title_width)
    table.add_column(
        "status",
        footer=done,
        no_wrap=True,
        width=status_width if exact else None,
        min_width=None if exact else status_width,
    )
    for name, total in numbers:
        colour = colours.get(name)
        table.add_column(
            Text("\n".join(sanitise(line) for line in name.split("\n"))),
            justify="right",
            header_style=f"bold {colour}" if colour else "bold",
            footer=total,
            no_wrap=True,
            width=_width(name, total) if exact else None,  # (no count is wider than its total)
            min_width=None if exact else _width(name, total),
        )
    for doc, shown_id in zip(listed, ids, strict=True):
        row = [shown_id]
        if title_width >= 10:
            row.append(_display(doc["title"], title_width, terminal))
        row.append(status_display(doc["status"]))
        row += [f"{doc['labels'].get(label, 0):,}" for label in data["labels"]]
        row.append(f"{doc['spans']:,}")
        if show_orphans:
            row.append(f"{doc['orphaned']:,}")
        row += [f"{doc['links']:,}", f"{doc['unlinked_claims']:,}"]
        table.add_row(*(_Cell(sanitise(cell)) if exact else Text(sanitise(cell)) for cell in row))
    if terminal:
        console.file.write(BDSM_EXPLICIT)
    try:
        if listed:
            width, console.width = console.width, table_width
            console.print(table)
            console.width = width
        else:
            console.print(
                Text(
                    f"{sanitise(data['store'])}: no documents yet ('reader import' or 'reader PATH' adds some)"
                )
            )
        hidden = data["totals"]["documents"] - len(listed)
        if hidden:
            console.print(
                Text(f"… and {hidden:,} more documents (--all lists them, --json for scripts)")
            )
        totals = data["totals"]
        console.print(
            Text(
                progress_line(data)
                + f" · {totals['spans']:,} spans · {totals['links']:,} links"
                + f" · {totals['unlinked_claims']:,} claims without a speaker"
                + (
                    f" · {totals['conflicts']:,} conflicts to adjudicate"
                    if totals["conflicts"]
                    else ""
                )
            )
        )
    finally:
        if terminal:
            console.file.write(BDSM_IMPLICIT)
            console.file.flush()


class _Cell:
    """A table cell that fits its column: one run of text, which Rich need neither measure
    nor wrap (as a Text, each cell of a 50-row table took it a third longer to draw)."""

    __slots__ = ("text", "width")

    def __init__(self, text: str) -> None:
        self.text, self.width = text, cell_len(text)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        room = options.max_width - self.width
        if room > 0 and options.justify == "right":
            yield Segment(" " * room)
        yield Segment(self.text)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(self.width, self.width)


def _width(name: str, total: str) -> int:
    """A number column's width: its header's longest line, or its total."""
    return max(*(len(line) for line in name.split("\n")), len(total))


def _display(text: str, width: int, terminal: bool) -> str:
    """A cell's text: on a terminal, the first screen line laid out right-to-left and shaped
    (terminals do no bidi); piped, the logical text cut to `width`."""
    text = text.split("\n", 1)[0]
    if not terminal:
        return text if len(text) <= width else text[: width - 1] + "…"
    from reader.text.layout import TextLayout

    lines = list(TextLayout(text, width - 1).lines()) if text else []
    if not lines:
        return ""
    first = lines[0]
    shown = first.text.strip()
    if len(lines) == 1:
        return shown
    return "…" + shown if first.rtl else shown + "…"  # the ellipsis where the text goes on
