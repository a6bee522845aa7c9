"""`reader [PATH ...]`: open files and folders of .txt articles in the reader app.

With no PATH: the documents already in the store, or the bundled samples when it is empty.
The store is opened for writing, or read-only when another process writes it (the app
says so). The terminal is put in explicit bidi mode while the app runs and always put back.
"""

from __future__ import annotations

import argparse
import locale
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from reader.config import Config
from reader.errors import ReaderError
from reader.text.sanitise import sanitise
from reader.text.source import SourceError, is_valid_unicode, set_default_encoding

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
    parser.add_argument(
        "--encoding",
        metavar="CODEC",
        help="read files in this encoding, e.g. cp1256 for Windows Arabic (default: utf-8)",
    )


def run(args: argparse.Namespace, config: Config) -> int:
    # Imported here so `reader --help` and errors in arguments never pay for Textual.
    from reader.commands.cat import display_options
    from reader.ui.app import make_app
    from reader.ui.terminal import ExplicitBidi

    if args.keymap:
        config = replace(config, keymap=args.keymap)
    if args.annotator:
        if not is_valid_unicode(args.annotator):
            raise ReaderError(
                f"--annotator {sanitise(args.annotator)!r} is not valid text (undecodable bytes); "
                "give a name in UTF-8"
            )
        config = replace(config, annotator=args.annotator)
    if args.encoding:
        try:
            set_default_encoding(args.encoding)
        except SourceError as error:
            raise ReaderError(str(error)) from None
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
        refuse_unusable_terminal()
        with ExplicitBidi(enabled=options.reorder):
            app.run()
    finally:
        for store in opened:
            store.close()
    return app.return_code or 0


def refuse_unusable_terminal() -> None:
    """The app needs an interactive UTF-8 terminal: say so in one line rather than start
    blind (`ssh host reader` without -t) or draw every Arabic letter as an escape."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise ReaderError(
            "the reader needs an interactive terminal (stdin and stdout are not one); "
            "over ssh use 'ssh -t host reader ...'; to print a file use 'reader cat FILE'"
        )
    encoding = (sys.stdout.encoding or "").lower().replace("-", "").replace("_", "")
    if encoding != "utf8":
        name = locale.setlocale(locale.LC_CTYPE)
        raise ReaderError(
            f"the locale {name} is not UTF-8 ({sys.stdout.encoding}), so Arabic cannot be drawn; "
            "run with a UTF-8 locale, e.g. LC_ALL=C.UTF-8 reader ..."
        )
