"""The token, the host warning and the annotator in the URL, against a real `reader serve`."""

from __future__ import annotations

import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from reader.serve.access import is_local_host
from reader.serve.server import annotator_argument

from .conftest import Served


def status(url: str, **headers: str) -> int:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as error:
        return error.code


def test_every_path_is_refused_without_the_token(served: Served) -> None:
    for path in ("/", "/ws", "/ws/ليلى", "/static/js/textual.js", "/static/css/xterm.css", "/nope"):
        assert status(served.base + urllib.request.quote(path)) == 403, path
    assert status(f"{served.base}/?token={'0' * 32}") == 403
    assert status(f"{served.base}/?token={served.token[:-1]}") == 403
    assert status(f"{served.base}/static/js/textual.js?token=wrong") == 403


def test_the_token_opens_the_page_and_its_cookie_the_rest(served: Served) -> None:
    with urllib.request.urlopen(served.url) as answer:
        page = answer.read().decode()
        cookie = answer.headers["Set-Cookie"].split(";", 1)[0]
    assert "HttpOnly" in answer.headers["Set-Cookie"]
    assert "SameSite=Strict" in answer.headers["Set-Cookie"]
    assert cookie == f"reader-token-{served.port}={served.token}"
    # the page asks for nothing outside this server
    assert "googleapis" not in page and "https://" not in page
    assert status(served.base + "/static/js/textual.js", Cookie=cookie) == 200
    assert (
        status(served.base + "/static/fonts/RobotoMono-VariableFont_wght.ttf", Cookie=cookie) == 200
    )
    # a page on another site cannot use the browser's cookie
    assert (
        status(served.base + "/static/js/textual.js", Cookie=cookie, Origin="http://evil.example")
        == 403
    )


def test_annotator_in_the_url(served: Served) -> None:
    with urllib.request.urlopen(
        served.url + "&annotator=" + urllib.request.quote("ليلى")
    ) as answer:
        assert "/ws/%D9%84%D9%8A%D9%84%D9%89" in answer.read().decode()
    assert status(served.url + "&annotator=" + urllib.request.quote("a\x1b[31m")) == 400


def test_annotator_names() -> None:
    assert annotator_argument("") == []
    assert annotator_argument("ليلى حسن") == ["--annotator", "ليلى حسن"]
    for bad in ("\x1b[2J", " lead", "a\nb", "\u202eevil", "x" * 65):
        with pytest.raises(ValueError):
            annotator_argument(bad)


def test_local_hosts() -> None:
    assert all(map(is_local_host, ["127.0.0.1", "localhost", "::1", "127.0.0.2"]))
    assert not any(map(is_local_host, ["0.0.0.0", "::", "192.168.1.4", "example.org"]))


def run_serve(tmp_path: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", "serve", "--store", str(tmp_path / "s.json"), *arguments],
        capture_output=True,
        text=True,
        timeout=30,
        env={"READER_CONFIG": str(tmp_path / "none.toml"), "PATH": "/usr/bin:/bin"},
    )


def test_bad_arguments_get_one_line(tmp_path: Path) -> None:
    for arguments, words in [
        (["--port", "70000"], "not a port"),
        ([str(tmp_path / "missing.txt")], "no such file"),
    ]:
        result = run_serve(tmp_path, *arguments)
        assert result.returncode == 1
        assert words in result.stderr and result.stderr.count("\n") == 1, result.stderr
        assert "Traceback" not in result.stderr


def test_a_busy_port_gets_one_line(served: Served, tmp_path: Path) -> None:
    result = run_serve(tmp_path, "--port", str(served.port))
    assert result.returncode == 1
    assert "cannot listen on 127.0.0.1" in result.stderr and "--port" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_a_host_beyond_this_machine_is_warned_about(tmp_path: Path) -> None:
    # 192.0.2.1 (TEST-NET-1) is no address of this machine: the warning, then one error line
    result = run_serve(tmp_path, "--host", "192.0.2.1", "--port", "8765")
    first, second = result.stderr.splitlines()
    assert first.startswith("reader: WARNING: listening on 192.0.2.1, not only this machine")
    assert second.startswith("reader: cannot listen on 192.0.2.1:8765")
    assert result.returncode == 1
