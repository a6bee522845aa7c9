"""`reader check [--repair]`: say whether the store is sound, and rebuild it if it is not.

Without --repair nothing is written. Exit 0 when the store is sound (orphaned spans are a normal
state, reported but not an error), 1 when it is damaged or a span's text does not match its
document. --repair exits 0 when the store is sound afterwards.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from reader.commands._output import progress
from reader.config import Config
from reader.errors import ReaderError
from reader.store.check import Diagnosis, diagnose, document_total, repair
from reader.text.sanitise import sanitise


def say(text: str) -> None:
    """One line to stdout, through the sanitiser: ids, labels and file names come from data."""
    print(sanitise(text))


def configure(parser: argparse.ArgumentParser) -> None:
    """Add this subcommand's options."""
    parser.add_argument(
        "--repair",
        action="store_true",
        help="rebuild a damaged store from its journal and backup, keeping a copy of each file it replaces",
    )


def run(args: argparse.Namespace, config: Config) -> int:
    try:
        return _run(args, config.store_path)
    except OSError as error:
        raise ReaderError(
            f"cannot {'repair' if args.repair else 'check'} store {config.store_path}: "
            f"{error.strerror or error}{f' ({error.filename})' if error.filename else ''}"
        ) from None


def _run(args: argparse.Namespace, path: Path) -> int:
    total = document_total(path) if sys.stderr.isatty() else None  # only a bar needs it
    if args.repair:
        with progress("repairing", total) as advance:
            report = repair(path, advance)
        say(f"store    {report.after.paths.base if report.after else path}")
        for action in report.actions:
            say(f"repair   {action}")
        if report.after is not None:
            _print(report.after, heading=False)
            return 0 if report.after.ok else 1
        return 1
    with progress("checking", total) as advance:
        diagnosis = diagnose(path, advance)
    if not diagnosis.exists and diagnosis.damage is None:
        raise ReaderError(
            f"there is no store at {diagnosis.paths.base}; it is created when you first open or import"
        )
    _print(diagnosis)
    return 0 if diagnosis.ok else 1


def _print(diagnosis: Diagnosis, heading: bool = True) -> None:
    paths = diagnosis.paths
    if heading:
        say(f"store    {paths.base}")
    say(f"backup   {paths.backup}: {diagnosis.backup}")
    if diagnosis.damage is not None:
        say(f"damaged  {diagnosis.damage.path}: {diagnosis.damage.problem}")
        recovery = diagnosis.recovery
        if recovery is not None:
            say(
                f"recover  from {recovery.source} and {recovery.replayed} journal commits: {diagnosis.counts}"
            )
            for note in recovery.notes:
                say(f"recover  {note}")
        say(f"to repair, run: reader check --repair --store {shlex.quote(str(paths.base))}")
        return
    if diagnosis.torn_bytes:
        say(
            f"journal  {paths.journal}: an unfinished last line ({diagnosis.torn_bytes} bytes) from a crash is ignored"
        )
    counts = diagnosis.counts
    state = "ok" if diagnosis.ok else "problem"
    say(
        f"{state}: {counts.documents} documents, {counts.spans} spans, {diagnosis.pending} journal entries pending, "
        f"{counts.orphaned} orphaned spans, {len(counts.mismatched)} spans whose text no longer equals the document's"
    )
    if diagnosis.stale_rows:
        shown = ", ".join(diagnosis.stale_rows[:5]) + (
            " ..." if len(diagnosis.stale_rows) > 5 else ""
        )
        say(f"problem  the manifest's counts are out of date for documents: {shown}")
        say(f"to repair, run: reader check --repair --store {shlex.quote(str(paths.base))}")
    if counts.mismatched:
        shown = ", ".join(counts.mismatched[:5]) + (" ..." if len(counts.mismatched) > 5 else "")
        say(f"problem  spans whose text is not at their offsets: {shown}")
        say(f"to repair, run: reader check --repair --store {shlex.quote(str(paths.base))}")
