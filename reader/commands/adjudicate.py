"""`reader adjudicate GOLD`: settle the conflicts of `reader merge` in the app.

Opens the gold store's documents at the first one with conflicts, the caret on its first
conflict and the conflict panel showing each annotator's version; `v` goes to the next
conflict, 1-9 take a version, b every version, 0 none (see reader.ui.adjudicating). Every
decision is saved as it is made and can be undone; quitting mid-way and running the command
again carries on where conflicts are left.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from reader.commands import open as open_command
from reader.commands._display import add_display_flags
from reader.config import Config
from reader.errors import ReaderError
from reader.text.sanitise import sanitise


def configure(parser: argparse.ArgumentParser) -> None:
    """Add `reader adjudicate`'s options."""
    parser.add_argument("gold", type=Path, metavar="GOLD", help="the gold store of reader merge")
    add_display_flags(parser)
    open_command.add_app_flags(parser)


def run(args: argparse.Namespace, config: Config) -> int:
    from reader.store import AnnotationStore

    gold: Path = args.gold.expanduser()
    if not gold.exists():
        raise ReaderError(
            f"no store at {sanitise(str(gold))}; make one with 'reader merge A B -o {sanitise(str(gold))}'"
        )
    with AnnotationStore.open(gold, read_only=True) as store:
        documents = store.document_count()
    if not documents:
        raise ReaderError(f"{sanitise(str(gold))} holds no documents: nothing to adjudicate")
    args.paths = []
    return open_command.run(args, config._replace(store_path=gold), adjudicating=True)
