"""`reader where`: plain lines saying where each file is and whether it exists."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from reader.cli import main
from reader.resources import keymaps_dir
from reader.store import AnnotationStore


def test_where_lists_every_path_and_whether_it_exists(
    store_path: Path, tmp_path: Path, capsys
) -> None:
    assert main(["where", "--store", str(store_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"store    {store_path} (missing)",
        f"docs     {store_path}.docs (missing)",
        f"journal  {store_path}.journal (missing)",
        f"backup   {store_path}.bak (missing)",
        f"lock     {store_path}.lock (missing)",
        f"config   {tmp_path / 'no-config.toml'} (missing)",
        f"keymaps  {keymaps_dir()} ({'exists' if keymaps_dir().exists() else 'missing'})",
    ]
    with AnnotationStore.open(store_path):
        pass
    assert main(["where", "--store", str(store_path)]) == 0
    out = capsys.readouterr().out
    assert (
        f"store    {store_path} (exists)" in out and f"lock     {store_path}.lock (exists)" in out
    )


def test_where_follows_reader_store_and_the_config_file(tmp_path: Path, monkeypatch) -> None:
    config = tmp_path / "config.toml"
    config.write_text('store = "~/elsewhere/store.json"\n', encoding="utf-8")
    env_store = tmp_path / "env" / "store.json"
    done = subprocess.run(
        [sys.executable, "-m", "reader", "where"],
        capture_output=True,
        text=True,
        timeout=60,
        env={
            "READER_CONFIG": str(config),
            "READER_STORE": str(env_store),
            "PATH": "/usr/bin:/bin",
            "HOME": str(tmp_path),
        },
    )
    assert done.returncode == 0 and done.stderr == ""
    assert f"store    {env_store} (missing)" in done.stdout
    assert f"config   {config} (exists)" in done.stdout
