"""`reader serve`: the reader in a browser, for people without a terminal habit.

Binds to 127.0.0.1 by default and prints a URL with a random token (every request without it
is refused); reach it from another machine with `ssh -L PORT:127.0.0.1:PORT host`. Each browser
tab runs its own reader process on the same store: the first one writes, later ones open it
read-only and say so. `?annotator=NAME` in the URL sets who that tab's spans are by.
"""

from __future__ import annotations

import argparse
import sys

from reader.commands._display import add_paths_argument
from reader.config import Config
from reader.errors import ReaderError

DEFAULT_PORT = 8765


def configure(parser: argparse.ArgumentParser) -> None:
    """Add `reader serve`'s options."""
    add_paths_argument(parser)
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="the address to listen on (default 127.0.0.1: this machine only)",
    )
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"the port (default {DEFAULT_PORT})"
    )
    parser.add_argument("--keymap", metavar="NAME|PATH", help="the keymap every connection uses")


def run(args: argparse.Namespace, config: Config) -> int:
    try:
        from reader.serve.access import is_local_host, new_token
        from reader.serve.server import ReaderServer, app_argv
    except ImportError as error:
        raise ReaderError(
            f"reader serve needs textual-serve ({error.name} is missing): "
            "pip install 'reader[serve]'"
        ) from None
    if not 1 <= args.port <= 65535:
        raise ReaderError(f"--port {args.port} is not a port (1-65535)")
    for path in args.paths:
        if not path.exists():
            raise ReaderError(f"{path}: no such file or folder")
    if not is_local_host(args.host):
        print(
            f"reader: WARNING: listening on {args.host}, not only this machine: anyone who can "
            "reach it and has the URL's token can read and annotate the store "
            "(plain HTTP, unencrypted); prefer the default and `ssh -L`",
            file=sys.stderr,
        )
    extra = ["--keymap", args.keymap] if args.keymap else []
    server = ReaderServer(
        app_argv(config.store_path, args.paths, extra),
        host=args.host,
        port=args.port,
        token=new_token(),
    )
    try:
        server.serve()
    except OSError as error:
        raise ReaderError(
            f"cannot listen on {args.host}:{args.port} ({error.strerror or error}); "
            "choose another with --port"
        ) from None
    return 0
