"""What a new user tripped over in daily use: each case failed before its fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events

from reader.store import AnnotationStore
from reader.ui.search_bar import SearchBar

from .conftest import FIXTURES, build

pytestmark = pytest.mark.anyio

SIZE = (100, 30)
FOLDER = FIXTURES / "annotate"
LIBYA = (FOLDER / "1-libya.txt").read_text(encoding="utf-8")
DOC = "1-libya.txt"


def said(app) -> str:
    return "\n".join(notification.message for notification in app._notifications)


async def ready(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.fixture
def store(tmp_path: Path):
    store = AnnotationStore.open(tmp_path / "store.json", annotator="tester")
    yield store
    store.close()


async def test_a_double_click_on_the_open_search_field_does_not_crash(store) -> None:
    app = build([FOLDER / DOC], store=store)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"ليبيا")
        await pilot.double_click(SearchBar)
        await pilot.pause()
        assert app.is_running and app.query_one(SearchBar).typed == "ليبيا"


async def test_the_status_bar_shows_the_stored_status_of_a_path_from_the_first_paint(
    tmp_path: Path,
) -> None:
    path = tmp_path / "store.json"
    with AnnotationStore.open(path) as earlier:
        earlier.add_document(LIBYA, source=str(FOLDER / DOC), doc_id=DOC)
        earlier.set_status(DOC, "done")
    store = AnnotationStore.open(path)
    try:
        app = build([FOLDER / DOC], store=store)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.pause()
            assert app.status_bar.status == "done"
    finally:
        store.close()


async def test_a_label_key_right_after_the_enter_that_ends_a_search_tags_the_hit(store) -> None:
    app = build([FOLDER / DOC], store=store)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        # One burst, as a fast typist or a slow SSH link delivers it.
        for char in "/أنقرة\rp":
            key = {"/": "slash", "\r": "enter"}.get(char, char)
            app.post_message(events.Key(key, char))
        await pilot.pause()
        await ready(pilot)
        assert [(s["label"], s["text"]) for s in store.spans(DOC)] == [("place", "أنقرة")]


async def test_n_after_escape_repeats_the_last_search(store) -> None:
    app = build([FOLDER / DOC], store=store)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"ليبيا", "escape")
        app.view.move_caret(0)
        await pilot.press("n")
        start = LIBYA.index("ليبيا")
        assert app.view.selection == (start, start + len("ليبيا"))
        assert "no search" not in said(app)


async def test_the_status_bar_says_where_the_keys_are() -> None:
    app = build([FOLDER / DOC])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        row = "".join(segment.text for segment in app.status_bar.render_line(1))
        assert "? keys" in row


async def test_growing_an_edge_over_a_space_takes_the_next_letter_too(store) -> None:
    app = build([FOLDER / DOC], store=store)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        start = LIBYA.index("أنقرة")
        app.view.select(start, start + len("أنقرة"))
        await pilot.press("p", "escape")
        app.view.move_caret(start)
        await pilot.press("right_curly_bracket")  # grow the end: a space, then سترسل's first letter
        (span,) = store.spans(DOC)
        assert span["text"] == "أنقرة س" and not span["text"].endswith(" ")


async def test_a_click_on_a_span_focuses_it_and_a_second_click_the_next_under_it(store) -> None:
    from .test_caret import screen_offset

    app = build([FOLDER / DOC], store=store)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        name = LIBYA.index("مولود جاويش أوغلو")
        app.view.select(name, name + len("مولود جاويش أوغلو"))
        await pilot.press("a")
        app.view.select(name, name + len("مولود"))
        await pilot.press("a", "escape")
        await pilot.click("ArticleView", offset=screen_offset(app.view, name + 2))
        inner = app.view.focused_span
        assert inner is not None and app.spans.get(inner)["text"] == "مولود"
        await pilot.click("ArticleView", offset=screen_offset(app.view, name + 2))
        assert app.spans.get(app.view.focused_span)["text"] == "مولود جاويش أوغلو"


async def test_undo_in_another_document_puts_the_caret_on_its_span(store) -> None:
    app = build([FOLDER], store=store)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        start = LIBYA.index("ليبيا")
        app.view.move_caret(start)
        await pilot.press("p", "x")  # tagged, then deleted
        await pilot.press("ctrl+n")
        await ready(pilot)
        app.view.move_caret(0)
        await pilot.press("ctrl+z")  # brings the span back, in the first document
        await ready(pilot)
        assert app.current == 0
        focused = app.spans.get(app.view.focused_span)
        assert focused is not None and focused["text"] == "ليبيا"
        assert focused["start"] <= app.view.caret < focused["end"]


async def test_read_only_takes_the_lock_when_the_other_writer_quits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("reader.ui.app.LOCK_WATCH", 0.1)
    path = tmp_path / "store.json"
    writer = AnnotationStore.open(path)
    reader = AnnotationStore.open_or_read_only(path)
    app = build([FOLDER / DOC], store=reader)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.status_bar.store_state == "read-only"
        writer.close()
        for _ in range(50):
            await pilot.pause(0.05)
            if app.status_bar.store_state == "saved":
                break
        assert app.status_bar.store_state == "saved"
        assert "saved again" in said(app)
        app.view.move_caret(LIBYA.index("ليبيا"))
        await pilot.press("p")
    with AnnotationStore.open(path) as after:
        assert [(s["label"], s["text"]) for s in after.spans(DOC)] == [("place", "ليبيا")]


async def test_a_message_never_covers_the_status_bar() -> None:
    from textual.widgets._toast import Toast

    app = build([FOLDER / DOC])
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        app.notify("لا شيء هنا: حدد نصًّا أولًا", timeout=5)
        await pilot.pause(0.2)
        toasts = list(app.screen.query(Toast))
        assert toasts
        status = app.status_bar.region
        for toast in toasts:
            assert toast.region.bottom <= status.y, (toast.region, status)


async def test_reopening_puts_the_caret_where_reading_stopped(tmp_path: Path) -> None:
    from reader.config import Config

    config = Config(store_path=tmp_path / "store.json", positions_path=tmp_path / "pos.json")
    where = LIBYA.index("طرابلس")
    app = build([FOLDER / DOC], config=config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.view.move_caret(where)
        await pilot.press("q")
    again = build([FOLDER / DOC], config=config)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.view.caret == where
