"""Opening documents (files, folders, store, samples), the store's state, hostile text, the terminal."""

from __future__ import annotations

import io
import re
import shutil
import threading
from pathlib import Path

import pytest

from reader.cli import main
from reader.config import Config
from reader.store import AnnotationStore
from reader.store.glance import LIMIT
from reader.text.bidi_mode import BDSM_EXPLICIT, BDSM_IMPLICIT, ExplicitBidi
from reader.text.shaping import DisplayOptions
from reader.ui.article_view import ArticleView
from reader.ui.status_bar import TERMINAL_BIDI_NOTE
from tests.helpers.ui import FIXTURES, build, fixture, said
from tests.store.test_glance import TEXTS, make_store

pytestmark = pytest.mark.anyio

SIZE = (80, 24)


async def settled(pilot, done=lambda app: not app.workers, timeout: float = 5.0) -> None:
    """Pause until `done(app)` (by default: no worker left running), or fail after `timeout`."""
    import time

    began = time.monotonic()
    while True:
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        if done(pilot.app):
            return
        assert time.monotonic() - began < timeout, "the app never settled"


def recorded(app) -> bool:
    return all(entry.recorded or entry.error for entry in app.library.entries)


def screen_text(app) -> str:
    """Every character the article view would send to the terminal, row by row."""
    view = app.query_one(ArticleView)
    return "\n".join(
        "".join(segment.text for segment in view.render_line(y)) for y in range(view.size.height)
    )


async def test_a_folder_is_recorded_in_the_store(tmp_path: Path) -> None:
    store = AnnotationStore.open(tmp_path / "store.json")
    app = build([FIXTURES], store=store)
    async with app.run_test(size=(120, 30)) as pilot:
        await settled(pilot, recorded)
        assert app.query_one("#status").store_state == "saved"
        assert app.query_one("#documents").display  # several documents, wide enough
    ids = [doc["id"] for doc in store.documents()]
    assert ids == sorted(p.name for p in FIXTURES.glob("*.txt"))
    doc = store.document("crlf_bom.txt")
    assert doc["text"] == "مرحبا بالعالم\nHello world\nسطر ثالث\n"  # BOM dropped, CRLF -> LF
    assert doc["source"] == str(fixture("crlf_bom.txt").absolute())
    store.close()


async def test_read_only_store_still_shows_documents(tmp_path: Path) -> None:
    writer = AnnotationStore.open(tmp_path / "store.json")
    reader = AnnotationStore.open_or_read_only(tmp_path / "store.json")
    app = build([fixture("mixed.txt")], store=reader)
    async with app.run_test(size=SIZE) as pilot:
        await settled(
            pilot, lambda app: app.query_one("#status").store_state.startswith("read-only")
        )
        assert app.query_one("#status").store_state == "read-only"
        banner = app.query_one("#banner").message
        assert re.search(r"locked by pid \d+ on host \S+;", banner), banner
        assert "Guterres" in app.query_one(ArticleView).text
    assert writer.documents() == []
    reader.close()
    writer.close()


async def test_no_paths_opens_the_store_then_the_samples(tmp_path: Path) -> None:
    store = AnnotationStore.open(tmp_path / "store.json")
    app = build([], store=store)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, recorded)
        assert app.library.note and "samples" in app.library.note
    sample_ids = [doc["id"] for doc in store.documents()]
    assert sample_ids and all(i.endswith(".txt") for i in sample_ids)
    app = build([], store=store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.library.note is None
        assert [entry.id for entry in app.library.entries] == sample_ids
        await pilot.press("ctrl+n")
        assert app.current == 1 % len(sample_ids)
    store.close()


async def test_no_paths_paints_the_stores_first_documents_then_opens_it(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    rows = make_store(path, LIMIT + 2)
    when_opened = []
    release = threading.Event()

    def open_store() -> AnnotationStore:  # (as `reader --store S` does, after the first paint)
        when_opened.append((len(app.library), app.status_bar.store_state))
        release.wait(10)  # a big store, slow to open
        return AnnotationStore.open(path)

    app = build([], config=Config(store_path=path), store=open_store)
    async with app.run_test(size=(120, 30)) as pilot:
        for _ in range(500):  # (not `settled`: it waits for the worker opening the store)
            if when_opened:
                break
            await pilot.pause(0.01)
        assert app.view.text == TEXTS[0] + "رقم 0"
        assert when_opened == [(LIMIT, "opening the store…")]
        await pilot.press("ctrl+n")  # meanwhile, the next document: read from its file
        assert app.status_bar.doc_id == "news/001.txt" and app.view.text == TEXTS[1] + "رقم 1"
        app.view.move_caret(5)  # (in «الأمـــم», after the file's BOM)
        await pilot.press("a")  # refused, saying why: nothing is taken that cannot be saved
        await pilot.pause()
        assert "still opening" in said(app)
        await pilot.press("ctrl+p", "ctrl+p")  # back to the first, and not round to the last
        assert app.current == 0 and "its other documents follow" in said(app)
        await pilot.press("ctrl+n")
        release.set()
        await settled(pilot, lambda app: app.library.store is not None)
        assert [entry.id for entry in app.library.entries] == [row["id"] for row in rows]
        assert app.status_bar.store_state == "saved"
        assert len(app.annotator.spans) == 1  # the open document's span, from the store
        assert app.query_one("#documents").item_count == LIMIT + 2
        await pilot.press("ctrl+n")
        assert app.status_bar.doc_id == "news/002.txt" and app.view.text == TEXTS[2] + "رقم 2"
    app.library.store.close()


async def test_a_store_replaced_while_it_opens_keeps_the_open_document(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    make_store(path, 3)

    def open_store() -> AnnotationStore:  # another store there by now: the same documents,
        shutil.rmtree(tmp_path)  # in another order, the open one with another text
        with AnnotationStore.open(path) as store:
            for i in (2, 1, 0):
                text = TEXTS[i] + f"رقم {i}" + ("، مُعدَّل" if i == 0 else "")
                store.add_document(text, doc_id=f"news/{i:03}.txt")
        return AnnotationStore.open(path)

    app = build([], config=Config(store_path=path), store=open_store)
    async with app.run_test(size=(120, 30)) as pilot:
        await settled(pilot, lambda app: app.library.store is not None)
        assert [entry.id for entry in app.library.entries] == [
            f"news/{i:03}.txt" for i in (2, 1, 0)
        ]
        assert app.current == 2 and app.status_bar.doc_id == "news/000.txt"
        assert app.view.text == TEXTS[0] + "رقم 0، مُعدَّل"  # the store's text, not the glanced one
        await pilot.press("ctrl+p")
        assert app.status_bar.doc_id == "news/001.txt"
    app.library.store.close()


async def test_next_and_previous_document_keep_each_caret() -> None:
    app = build([fixture("mixed.txt"), fixture("harakat.txt")])
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        await pilot.press("left", "left")
        first_caret = view.caret
        await pilot.press("ctrl+n")
        assert view.text.startswith("بِسْمِ")
        await pilot.press("ctrl+n")  # wraps to the first
        assert view.text.startswith("قال") and view.caret == first_caret
        await pilot.press("ctrl+p")
        assert view.text.startswith("بِسْمِ")


async def test_escape_sequences_in_an_article_never_reach_the_terminal() -> None:
    app = build([fixture("escapes.txt")])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        assert not re.search(r"[\x00-\x1f\x7f-\x9f]", shown.replace("\n", ""))
        assert "␛" in shown and "␇" in shown and "␡" in shown
        status = "".join(segment.text for segment in app.query_one("#status").render_line(0))
        assert "\x1b" not in status and "\x07" not in status


async def test_terminal_bidi_mode_says_so_and_keeps_logical_order() -> None:
    app = build([fixture("mixed.txt")], options=DisplayOptions(reorder=False, shaping=False))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert TERMINAL_BIDI_NOTE in app.query_one("#status").notes
        first_row = "".join(
            segment.text for segment in app.query_one(ArticleView).render_line(0)
        ).strip()
        assert first_row.startswith("قال الأمين")  # logical order, unshaped: the terminal reorders


async def test_hidden_harakat_change_nothing_but_the_drawing() -> None:
    app = build([fixture("harakat.txt")], options=DisplayOptions(harakat=False))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        assert "\u064e" not in shown and "\u0651" not in shown
        assert app.query_one(ArticleView).text == fixture("harakat.txt").read_text(encoding="utf-8")


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_explicit_bidi_mode_is_set_and_always_restored() -> None:
    terminal = FakeTerminal()
    with pytest.raises(RuntimeError):
        with ExplicitBidi(terminal):
            assert terminal.getvalue() == BDSM_EXPLICIT
            raise RuntimeError("crash")
    assert terminal.getvalue() == BDSM_EXPLICIT + BDSM_IMPLICIT
    piped = io.StringIO()
    with ExplicitBidi(piped):
        pass
    assert piped.getvalue() == ""  # not a terminal: nothing written


def test_command_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--store", str(tmp_path / "s.json"), str(tmp_path / "missing.txt")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "missing.txt" in err
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02")
    assert main(["--store", str(tmp_path / "s.json"), str(binary)]) == 1
    assert "binary" in capsys.readouterr().err
    assert (
        main(["--store", str(tmp_path / "s.json"), "--keymap", "nope", str(fixture("mixed.txt"))])
        == 1
    )
    assert "keymap" in capsys.readouterr().err


async def test_documents_panel_on_demand_and_enter_opens() -> None:
    app = build([fixture("mixed.txt")])
    async with app.run_test(size=SIZE) as pilot:
        assert app.documents_panel is None  # one document: no panel until asked for
        await pilot.press("f2")
        await pilot.pause()
        assert app.documents_panel is not None and app.documents_panel.display
        assert app.focused is app.documents_panel
        await pilot.press("f2")
        assert not app.documents_panel.display and app.focused is app.query_one(ArticleView)
    app = build([fixture("mixed.txt"), fixture("harakat.txt")])
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("tab")  # the list
        assert app.focused is app.documents_panel
        await pilot.press("down", "enter")
        assert app.current == 1 and app.focused is app.query_one(ArticleView)


async def test_a_long_article_paints_from_its_start_then_is_laid_out_whole(tmp_path: Path) -> None:
    sample = fixture("mixed.txt").read_text(encoding="utf-8")
    text = "\n".join([sample] * 400)  # ~180,000 characters
    article = tmp_path / "long.txt"
    article.write_text(text, encoding="utf-8")
    app = build([article])
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        assert "ﻝﺎﻗ" in screen_text(app)  # painted (قال, shaped)
        await settled(pilot, lambda app: view.rows_exact)
        assert not view._partial
        from reader.text.layout import TextLayout

        assert view.row_count == TextLayout(text, view.text_layout.width).row_count
        await pilot.press("ctrl+end")
        assert view.caret == len(text)
        row = view.text_layout.locate(len(text))[0]
        assert round(view.scroll_offset.y) <= row < round(view.scroll_offset.y) + view.size.height
        await pilot.press("ctrl+home", "left")
        assert view.caret == 1


async def test_no_color_keeps_caret_and_selection_visible(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = build([fixture("mixed.txt")])
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        assert view.has_class("-no-color")
        await pilot.press("shift+left", "shift+left")
        segments = [s for s in view.render_line(0) if s.text.strip()]
        assert any(s.style and s.style.reverse for s in segments)  # the caret
        assert any(s.style and s.style.underline for s in segments)  # the selection, without colour


async def test_an_unreadable_file_in_a_folder_is_listed_with_a_safe_message(tmp_path: Path) -> None:
    (tmp_path / "a-good.txt").write_text("نص سليم", encoding="utf-8")
    (tmp_path / "b-bad\x1b[31m.txt").write_bytes("نص".encode() + b"\xff\xfe")
    app = build([tmp_path])
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        shown = screen_text(app)
        assert "not valid UTF-8" in " ".join(shown.split()) and "\x1b" not in shown and "␛" in shown
        panel = "".join(
            s.text
            for y in range(app.documents_panel.size.height)
            for s in app.documents_panel.render_line(y)
        )
        assert "cannot be read" in panel and "\x1b" not in panel


async def test_panels_and_bars_take_their_sides_of_the_screen(tmp_path: Path) -> None:
    """With everything open at once, each widget has its side: the status bar the bottom two
    rows across, the spans panel the far right, the documents panel left of it, the bars under
    the article (not under the panels), the banner the top row; the article the rest."""
    with AnnotationStore.open(tmp_path / "store.json") as store:
        app = build([FIXTURES], store=store)
        async with app.run_test(size=(140, 30)) as pilot:
            await settled(pilot, recorded)
            await pilot.press("f3", "slash")
            app.banner.show_holder(True, "someone@host")
            await pilot.pause()
            region = {w.id: w.region for w in app.reader_screen.children if w.display}
            article, status, spans, documents = (
                region["article"],
                region["status"],
                region["spans"],
                region["documents"],
            )
            assert status.y + status.height == 30 and status.width == 140 and status.height == 2
            banner = region["banner"]
            assert banner.y == 0 and banner.width == 140 and banner.height >= 1
            assert spans.right == 140 and documents.right == spans.x
            assert article.x == 0 and article.right == documents.x and article.y == banner.bottom
            search = region["search"]
            assert (search.x, search.width) == (0, article.width) and search.y == article.bottom
            assert search.bottom == status.y  # the link bar and note editor are hidden
            assert spans.y == documents.y == banner.bottom
            assert spans.bottom == documents.bottom == status.y
