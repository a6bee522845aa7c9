"""`reader [PATH ...]`: open files and folders of .txt articles in the reader app.

With no PATH: the documents already in the store, or the bundled samples when it is empty.
The store is opened for writing, or read-only when another process writes it (the app
says so). The terminal is put in explicit bidi mode while the app runs and always put back.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import locale
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reader.commands._display import add_display_flags, add_paths_argument, display_options
from reader.config import Config
from reader.errors import ReaderError
from reader.text.sanitise import sanitise
from reader.text.source import SourceError, check_encoding, is_valid_unicode

if TYPE_CHECKING:
    from reader.store import AnnotationStore


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the reader's options."""
    add_display_flags(parser)
    add_paths_argument(parser)
    add_app_flags(parser)


def add_app_flags(parser: argparse.ArgumentParser) -> None:
    """--keymap and --annotator, for every command that runs the app."""
    parser.add_argument(
        "--keymap",
        metavar="NAME|PATH",
        help="a keymap in keymaps/ (default, vim) or a .toml file (default: the config's)",
    )
    parser.add_argument(
        "--annotator",
        metavar="NAME",
        help="who new spans are by (default: the config's, else your login)",
    )


def run(args: argparse.Namespace, config: Config, adjudicating: bool = False) -> int:
    """Run the app on args.paths (or the store's documents); `adjudicating`: start at the
    first conflict of `reader merge` to settle (`reader adjudicate`)."""
    # What start-up imports and makes lives as long as the app: no collection meanwhile
    # (about 4% of the work to the first paint); the app runs with the collector on.
    gc.disable()
    try:
        return _run(args, config, adjudicating)
    finally:
        gc.enable()


def _run(args: argparse.Namespace, config: Config, adjudicating: bool) -> int:
    # Imported here so `reader --help` and errors in arguments never pay for Textual.
    from reader.text.bidi_mode import ExplicitBidi
    from reader.ui.app import make_app

    if args.keymap:
        config = config._replace(keymap=args.keymap)
    if args.annotator:
        if not is_valid_unicode(args.annotator):
            raise ReaderError(
                f"--annotator {sanitise(args.annotator)!r} is not valid text (undecodable bytes); "
                "give a name in UTF-8"
            )
        config = config._replace(annotator=args.annotator)
    if args.encoding:
        try:
            check_encoding(args.encoding)
        except SourceError as error:
            raise ReaderError(str(error)) from None
    options = display_options(args)
    opened: list[AnnotationStore] = []
    before: set[str] = set()

    def open_store() -> AnnotationStore:
        """Called by the app after its first paint (or now, when the store lists the documents)."""
        from reader.store import AnnotationStore

        store = AnnotationStore.open_or_read_only(config.store_path, annotator=config.annotator)
        opened.append(store)
        before.update(store.document_ids())
        return store

    notes = [skipped_note(folder, subfolders) for folder, subfolders in unopened(args.paths)]
    # What is imported lives while the app runs: the collector need not walk it again and
    # again while the first screen's objects are made (about half the work between the
    # imports and the first paint). Given back to it when the app is done.
    gc.freeze()
    try:
        app = make_app(
            args.paths,
            config,
            options,
            open_store,
            replace_errors=args.replace_errors,
            encoding=args.encoding,
            adjudicating=adjudicating,
        )
        refuse_unusable_terminal()
        gc.enable()  # (off since `run` began; the app runs for hours)
        with ExplicitBidi(enabled=options.reorder):
            app.run()
        if app.failed is not None:
            raise app.failed
        for store in opened:
            added = [doc_id for doc_id in store.document_ids() if doc_id not in before]
            notes.append(added_note(added, store.path))
    finally:
        gc.unfreeze()
        for store in opened:
            store.close()
    for note in notes:
        if note:
            with contextlib.suppress(OSError):  # the terminal is gone (an SSH session dropped)
                print(f"reader: {note}", file=sys.stderr)
    return app.return_code or 0


def unopened(paths: Sequence[Path]) -> list[tuple[Path, list[Path]]]:
    """For each folder among `paths`: its subfolders holding .txt files, which the app does not
    open (it shows a folder's own articles)."""
    found = []
    for path in paths:
        if path.is_dir():
            subfolders = sorted(
                {
                    path / file.relative_to(path).parts[0]
                    for file in path.rglob("*.txt")
                    if file.parent != path and not file.relative_to(path).parts[0].startswith(".")
                }
            )
            if subfolders:
                found.append((path, subfolders))
    return found


def skipped_note(folder: Path, subfolders: Sequence[Path]) -> str:
    """What the app left out of a folder, and how to get it."""
    names = ", ".join(f"{sub.name}/" for sub in subfolders[:5])
    more = f" and {len(subfolders) - 5} more" if len(subfolders) > 5 else ""
    return sanitise(
        f"{folder}: subfolders with .txt files not opened: {names}{more}; give them as PATHs, "
        f"or 'reader import {folder} -f text' adds the whole tree"
    )


def added_note(added: Sequence[str], store: Path) -> str:
    """Which documents this session put in the store for good ('' if none)."""
    if not added:
        return ""
    names = ", ".join(added[:5]) + (f" and {len(added) - 5} more" if len(added) > 5 else "")
    plural = "s" * (len(added) != 1)
    return sanitise(f"added {len(added)} document{plural} to the store {store}: {names}")


def refuse_unusable_terminal() -> None:
    """The app needs an interactive UTF-8 terminal: say so in one line rather than start
    blind (`ssh host reader` without -t) or draw every Arabic letter as an escape."""
    if os.environ.get("TEXTUAL_DRIVER"):  # not a terminal's: `reader serve`'s web driver
        return
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise ReaderError(
            "the reader needs an interactive terminal (stdin and stdout are not one); "
            "over ssh use 'ssh -t host reader ...'; to print a file use 'reader cat FILE'"
        )
    if os.environ.get("TERM") == "dumb":
        raise ReaderError(
            "TERM=dumb cannot show the reader (no cursor movement, no colours); set TERM to "
            "your terminal's (e.g. TERM=xterm-256color), or print a file with 'reader cat FILE'"
        )
    encoding = (sys.stdout.encoding or "").lower().replace("-", "").replace("_", "")
    if encoding != "utf8":
        name = locale.setlocale(locale.LC_CTYPE)
        raise ReaderError(
            f"the locale {name} is not UTF-8 ({sys.stdout.encoding}), so Arabic cannot be drawn; "
            "run with a UTF-8 locale, e.g. LC_ALL=C.UTF-8 reader ..."
        )
