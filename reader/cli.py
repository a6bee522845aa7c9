"""The `reader` command: parses arguments and hands each subcommand to its module.

Subcommand modules live in `reader/commands/`; each has `configure(parser)` and
`run(args, config) -> int`. They are imported lazily so `reader cat` never loads Textual.
Every `ReaderError` becomes one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import io
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from reader import __version__
from reader.config import load_config
from reader.errors import ReaderError
from reader.text.sanitise import sanitise

# name -> (module, one-line help); None is the default command (open the app).
COMMANDS: dict[str | None, tuple[str, str]] = {
    None: ("reader.commands.open", "open files or folders of .txt articles in the reader"),
    "cat": ("reader.commands.cat", "print articles laid out right-to-left, like cat"),
    "import": ("reader.commands.importing", "import documents and spans from another format"),
    "export": (
        "reader.commands.exporting",
        "export documents and spans (jsonl, doccano, labelstudio, brat, conll)",
    ),
    "stats": ("reader.commands.stats", "per-document and per-label counts, and progress"),
    "check": (
        "reader.commands.check",
        "validate the store, and repair it from the journal or backups",
    ),
    "where": ("reader.commands.where", "print where the store, config and keymaps are"),
    "assign": (
        "reader.commands.assign",
        "split documents among annotators, one store each, some shared for agreement",
    ),
    "agree": ("reader.commands.agree", "agreement between annotators' stores (F1, kappa)"),
    "merge": ("reader.commands.merge", "agreed spans into a gold store, the rest as conflicts"),
    "adjudicate": (
        "reader.commands.adjudicate",
        "settle a gold store's conflicts in the app, annotator by annotator",
    ),
    "suggest": (
        "reader.commands.suggest",
        "propose date, place, actor and claim spans for text files",
    ),
    "serve": ("reader.commands.serve", "serve the reader to a browser (localhost, with a token)"),
}
GLOBAL_WITH_VALUE = ("--store",)  # options every subcommand takes, with the value that follows


def _parser(name: str | None) -> argparse.ArgumentParser:
    module_name, help_text = COMMANDS[name]
    prog = "reader" if name is None else f"reader {name}"
    epilog = None
    if name is None:
        epilog = (
            "subcommands:\n"
            + "\n".join(
                f"  {sub:<8} {text}" for sub, (_, text) in COMMANDS.items() if sub is not None
            )
            + "\n\nrun 'reader SUBCOMMAND --help' for each one's options"
        )
    parser = argparse.ArgumentParser(
        prog=prog,
        description=help_text,
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    parser.add_argument(
        "--store",
        type=Path,
        metavar="PATH",
        help="the annotation store (default: READER_STORE, the config file, or the XDG data directory)",
    )
    importlib.import_module(module_name).configure(parser)
    return parser


def split_command(argv: Sequence[str]) -> tuple[str | None, list[str]]:
    """The subcommand named in `argv` and the other arguments, global flags wherever they were.

    `reader --store S stats` and `reader stats --store S` are the same command: the subcommand
    is the first argument that is neither an option nor the value of a global option.
    """
    index = 0
    while index < len(argv):
        arg = argv[index]
        if arg in GLOBAL_WITH_VALUE:
            index += 2
            continue
        if arg in COMMANDS:
            return arg, [*argv[:index], *argv[index + 1 :]]
        if not arg.startswith("-") or arg == "-" or arg == "--":
            break
        index += 1
    return None, list(argv)


def utf8_output() -> None:
    """Send UTF-8 to stdout whatever the locale says: the data is Arabic, and a pipe or a file
    wants it whole (a Latin-1 locale would make `print` raise on the first Arabic letter)."""
    for stream in (sys.stdout, sys.stderr):
        if (
            isinstance(stream, io.TextIOWrapper)
            and stream.encoding.lower().replace("-", "") != "utf8"
        ):
            stream.reconfigure(encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `reader` command; returns the exit code."""
    name, rest = split_command(list(sys.argv[1:] if argv is None else argv))
    # What start-up imports lives as long as the process: no collection meanwhile; the
    # command's own work runs with the collector on (the app's turns it off again until the
    # app runs: see commands.open).
    gc.disable()
    try:
        if name is not None:
            utf8_output()
        parser = _parser(name)
        args = parser.parse_args(rest)
        config = load_config()
        if args.store is not None:
            config = config._replace(store_path=args.store.expanduser())
        module = importlib.import_module(COMMANDS[name][0])
        gc.enable()
        return int(module.run(args, config) or 0)
    except ReaderError as error:
        print(f"reader: {sanitise(str(error))}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our stdout went away (`reader cat x | head`): not an error worth a line.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    finally:
        gc.enable()


if __name__ == "__main__":
    raise SystemExit(main())
