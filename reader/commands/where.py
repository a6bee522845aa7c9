"""`reader where`: where the store, its journal, backup and lock, the config and the keymaps are."""

from __future__ import annotations

import argparse
from pathlib import Path

from reader.config import Config, config_file
from reader.resources import keymaps_dir
from reader.store.files import StorePaths
from reader.text.sanitise import sanitise


def configure(parser: argparse.ArgumentParser) -> None:
    """Add this subcommand's options."""


def run(args: argparse.Namespace, config: Config) -> int:
    store = StorePaths.of(config.store_path)
    rows = [
        ("store", store.base),
        ("docs", store.documents),
        ("journal", store.journal),
        ("backup", store.backup),
        ("lock", store.lock),
        ("config", config.config_path or config_file()),
        ("keymaps", keymaps_dir()),
    ]
    for name, path in rows:
        print(sanitise(f"{name:<8} {path} ({_state(path)})"))
    return 0


def _state(path: Path) -> str:
    return "exists" if path.exists() else "missing"
