"""The command line as the tests run it: in process, output captured."""

from __future__ import annotations

import pytest

from reader.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    """`reader ARGV...` (paths and numbers given as they are): exit code, stdout, stderr."""
    code = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out, err
