"""`reader check`: not built yet."""

import argparse

from reader.config import Config
from reader.errors import ReaderError


def configure(parser: argparse.ArgumentParser) -> None:
    """Add this subcommand's options."""


def run(args: argparse.Namespace, config: Config) -> int:
    raise ReaderError("this subcommand is not built yet")
