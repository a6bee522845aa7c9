"""A real browser (Debian's chromium, driven by Playwright) against `reader serve`.

The page loads with no request leaving 127.0.0.1; keys typed in the page (a Latin key and an
Arabic-layout key) tag spans that are then in the store; a second page opens read-only and
says so; a wrong token is refused. The terminal is drawn on a canvas, so what the app sent is
read from the websocket (recorded by a script added to the page before its own).
"""

from __future__ import annotations

import base64
import re
import shutil
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from reader.store import AnnotationStore

from .conftest import KHABAR, Served, children, lock_holder, wait_for

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Every byte the app sends, as text, in window.screenText (xterm.js draws it on a canvas).
RECORD_SCREEN = """
(() => {
  window.screenText = "";
  const decoder = new TextDecoder();
  const Native = window.WebSocket;
  window.WebSocket = function (url, protocols) {
    const socket = new Native(url, protocols);
    socket.addEventListener("message", (event) => {
      if (typeof event.data !== "string") {
        window.screenText += decoder.decode(event.data, { stream: true });
      }
    });
    return socket;
  };
  window.WebSocket.prototype = Native.prototype;
})();
"""


@pytest.fixture
def browser_context(tmp_path: Path):
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="the browser test needs playwright: pip install playwright"
    )
    if not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None:
        pytest.skip(
            f"the browser test needs Debian's chromium at {CHROMIUM}: apt-get install chromium"
        )
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            viewport={"width": 1100, "height": 650},
        )
        context.add_init_script(RECORD_SCREEN)
        context.grant_permissions(["clipboard-read", "clipboard-write"])
        try:
            yield context
        finally:
            context.close()


def spans(store: Path) -> list[tuple[str, str]]:
    """(label, text) of every span in the store, read while the app may hold it."""
    with AnnotationStore.open(store, read_only=True) as opened:
        text = {doc["id"]: opened.document(doc["id"])["text"] for doc in opened.documents()}
        return sorted(
            (span["label"], text[span["doc_id"]][span["start"] : span["end"]])
            for doc_id in text
            for span in opened.spans(doc_id)
        )


def screen(page) -> str:
    return str(page.evaluate("window.screenText"))


def letters(page) -> str:
    """The screen text with Arabic presentation forms folded back to letters."""
    return unicodedata.normalize("NFKC", screen(page))


def open_page(context, url: str):
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector("body.-first-byte", timeout=30_000)
    page.focus(".xterm-helper-textarea")
    return page


def answered(page, send) -> None:
    """`send()` keys, then wait for the app's answer: new output, then 0.3 s of quiet.

    Keys typed faster than the app redraws can reach a widget before the one they open has
    focus (the search bar after "/"), in a browser as in a terminal."""
    before = len(screen(page))
    send()
    wait_for(lambda: len(screen(page)) > before, what="the app to answer a key")
    seen = -1
    while seen != len(screen(page)):
        seen = len(screen(page))
        page.wait_for_timeout(300)


def search_and_tag(page, word: str, key: str) -> None:
    answered(page, lambda: page.keyboard.press("/"))
    answered(page, lambda: page.keyboard.type(word))
    answered(page, lambda: page.keyboard.press("Enter"))
    page.keyboard.type(key)


def test_annotate_in_a_browser(served: Served, browser_context) -> None:
    requests: list[str] = []
    browser_context.on("request", lambda request: requests.append(request.url))
    browser_context.on(
        "page", lambda page: page.on("websocket", lambda socket: requests.append(socket.url))
    )

    first = open_page(browser_context, served.url)
    wait_for(lambda: lock_holder(served.store), what="the first page's app to open the store")
    # the article arrives laid out: shaped, and in visual order (xterm.js does no bidi)
    wait_for(lambda: "طرابلس"[::-1] in letters(first), what="the article on the page")
    # the mouse: a click on the third line (rows are about 21 px) moves the caret there, a
    # double click selects a word
    third_line = KHABAR.read_text(encoding="utf-8-sig").index("وعادت")
    answered(first, lambda: first.mouse.click(1000, 54))
    assert int(re.findall(r"ch (\d+)/", screen(first))[-1]) >= third_line - 2
    answered(first, lambda: first.mouse.dblclick(900, 12))
    assert re.findall(r"sel \d+", screen(first))[-1] != "sel 0"

    search_and_tag(first, "طرابلس", "p")  # p: place
    wait_for(lambda: ("place", "طرابلس") in spans(served.store), what="a span from the p key")
    search_and_tag(first, "أنقرة", "ح")  # ح is p's key on the Arabic layout
    wait_for(lambda: ("place", "أنقرة") in spans(served.store), what="a span from the ح key")
    # y copies the focused span: OSC 52, which xterm.js hands to the browser's clipboard
    answered(first, lambda: first.keyboard.press("y"))
    assert "\x1b]52;c;" + base64.b64encode("أنقرة".encode()).decode() in screen(first)
    assert first.evaluate("navigator.clipboard.readText()") == "أنقرة"

    # textual.js would fetch a ?ping= URL; the page drops it
    second = open_page(browser_context, served.url + "&annotator=ليلى&ping=http://192.0.2.1/")
    wait_for(lambda: "READ-ONLY" in screen(second), what="the read-only banner")
    assert "READ-ONLY" not in screen(first)
    assert len(children(served.process.pid)) == 2
    search_and_tag(second, "الطائرة", "p")
    second.keyboard.press("?")  # the help screen opens in the browser too
    wait_for(lambda: "Show these keys" in screen(second), what="the help screen")

    refused = browser_context.new_page().goto(f"{served.base}/?token={'f' * 32}")
    assert refused is not None and refused.status == 403

    assert requests, "no request recorded"
    outside = [url for url in requests if urlsplit(url).netloc != f"127.0.0.1:{served.port}"]
    assert outside == []
    assert {urlsplit(url).scheme for url in requests} == {"http", "ws"}

    browser_context.close()
    assert served.interrupt() == 0
    # the read-only page tagged nothing
    assert spans(served.store) == [("place", "أنقرة"), ("place", "طرابلس")]
