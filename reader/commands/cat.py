"""`reader cat`: print documents laid out right-to-left for a terminal, like cat.

It draws the same cells as the app, one output line per screen line: a right-to-left
paragraph right-aligned with leading spaces, a left-to-right one left-aligned, no trailing
spaces, an empty paragraph as an empty line. Nothing but text reaches a pipe; on a
terminal, the output is wrapped in BDSM (CSI 8 l ... CSI 8 h) so a terminal that does
bidi itself shows our visual order instead of reordering it again.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Iterator

from reader.commands._display import add_display_flags, display_options
from reader.config import Config
from reader.errors import ReaderError
from reader.text.bidi_mode import BDSM_EXPLICIT, BDSM_IMPLICIT
from reader.text.layout import TextLayout
from reader.text.sanitise import sanitise
from reader.text.shaping import DisplayOptions, ShapeCache
from reader.text.source import SourceError, check_encoding, read_document


def configure(parser: argparse.ArgumentParser) -> None:
    """Add `reader cat`'s options."""
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="text files to print ('-': standard input)"
    )
    parser.add_argument(
        "--width", type=int, help="columns (default: the terminal's, or 80 when piped)"
    )
    add_display_flags(parser)


def render_lines(
    text: str, width: int, options: DisplayOptions, shapes: ShapeCache | None = None
) -> Iterator[str]:
    """The document as output lines: aligned by paragraph direction, no trailing spaces."""
    layout = TextLayout(text, width, options, shapes)
    last = len(layout.paragraphs) - 1
    for line in layout.lines():
        if line.paragraph == last and line.start == len(text) and last > 0:
            return  # the file's final newline ends the last line, like cat
        yield (" " * line.offset + line.text).rstrip()


def run(args: argparse.Namespace, config: Config) -> int:
    if args.width is not None and args.width < 1:
        raise ReaderError(f"--width must be at least 1, got {args.width}")
    encoding = _encoding(args.encoding)
    tty = sys.stdout.isatty()
    width = args.width or (shutil.get_terminal_size((80, 24)).columns if tty else 80)
    options = display_options(args)
    shapes = ShapeCache(options)
    out = sys.stdout
    if hasattr(out, "reconfigure"):
        out.reconfigure(encoding="utf-8")
    failed = 0
    if tty:
        out.write(BDSM_EXPLICIT)
    try:
        for path in args.paths:
            try:
                text = read_document(path, args.replace_errors, encoding)
            except SourceError as error:
                out.flush()
                print(f"reader: {sanitise(str(error))}", file=sys.stderr)
                failed += 1
                continue
            if text:
                out.write("\n".join(render_lines(text, width, options, shapes)))
                out.write("\n")
    finally:
        if tty:
            out.write(BDSM_IMPLICIT)
        out.flush()
    return 1 if failed else 0


def _encoding(name: str | None) -> str | None:
    """`--encoding` checked before anything is read: an unknown codec is one line."""
    if name is None:
        return None
    try:
        return check_encoding(name)
    except SourceError as error:
        raise ReaderError(str(error)) from None
