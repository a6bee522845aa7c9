"""The flags `reader cat`, the app and `reader serve` share: the articles, how text is drawn,
how files are read.

Not a subcommand (the leading underscore keeps it out of the command table). One place
declares them, so `reader cat` and `reader PATH` can never drift apart.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from reader.text.shaping import DisplayOptions


def add_paths_argument(parser: argparse.ArgumentParser) -> None:
    """PATH ...: the articles the app opens (`reader` and `reader serve`)."""
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help=".txt files or folders of them (default: the store's documents, else the samples)",
    )


def add_display_flags(parser: argparse.ArgumentParser) -> None:
    """--bidi, --direction, --harakat, --marks, --replace-errors, --encoding."""
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
        "--harakat",
        choices=("show", "hide"),
        default="show",
        help="show or hide Arabic vowel marks",
    )
    parser.add_argument(
        "--marks",
        choices=("hide", "show"),
        default="hide",
        help="show every invisible character (LRM, RLM, ZWJ, soft hyphen...) as a marker",
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


def display_options(args: argparse.Namespace) -> DisplayOptions:
    """The display options the shared flags ask for."""
    return DisplayOptions(
        harakat=args.harakat == "show",
        shaping=args.bidi == "app",
        reorder=args.bidi == "app",
        direction=args.direction,
        marks=args.marks == "show",
    )
