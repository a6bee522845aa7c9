"""`reader [PATH ...]`: open files and folders of .txt articles in the reader app.

With no PATH: the documents already in the store, or the bundled samples when it is empty.
The store is opened for writing, or read-only when another process writes it (the app
says so). The terminal is put in explicit bidi mode while the app runs and always put back.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from reader.config import Config

if TYPE_CHECKING:
    from reader.store import AnnotationStore

HELP = "open files or folders of .txt articles in the reader"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the reader's options."""
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help=".txt files or folders of them (default: the store's documents, else the samples)",
    )
    parser.add_argument(
        "--keymap",
        metavar="NAME|PATH",
        help="a keymap in keymaps/ (default, vim) or a .toml file (default: the config's)",
    )
    parser.add_argument(
        "--bidi",
        choices=("app", "terminal"),
        default="app",
        help="app: we reorder and shape (default); terminal: logical order for terminals that reorder",
    )
    parser.add_argument(
        "--direction", choices=("auto", "rtl", "ltr"), default="auto", help="paragraph direction"
    )
    parser.add_argument(
        "--harakat", choices=("show", "hide"), default="show", help="show or hide Arabic marks"
    )
    parser.add_argument(
        "--annotator",
        metavar="NAME",
        help="who new spans are by (default: the config's, else your login)",
    )
    parser.add_argument(
        "--replace-errors",
        action="store_true",
        help="read invalid UTF-8 with U+FFFD in place of bad bytes",
    )


def run(args: argparse.Namespace, config: Config) -> int:
    # Imported here so `reader --help` and errors in arguments never pay for Textual.
    from reader.commands.cat import display_options
    from reader.ui.app import make_app
    from reader.ui.terminal import ExplicitBidi

    if args.keymap:
        config = replace(config, keymap=args.keymap)
    if args.annotator:
        config = replace(config, annotator=args.annotator)
    options = display_options(args)
    opened: list[AnnotationStore] = []

    def open_store() -> AnnotationStore:
        """Called by the app after its first paint (or now, when the store lists the documents)."""
        from reader.store import AnnotationStore

        store = AnnotationStore.open_or_read_only(config.store_path, annotator=config.annotator)
        opened.append(store)
        return store

    try:
        app = make_app(args.paths, config, options, open_store, replace_errors=args.replace_errors)
        with ExplicitBidi(enabled=options.reorder):
            app.run()
    finally:
        for store in opened:
            store.close()
    return app.return_code or 0
