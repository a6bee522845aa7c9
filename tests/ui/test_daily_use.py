"""What a new user tripped over in daily use: each case failed before its fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from textual import events

from reader.config import Config, Label
from reader.store import AnnotationStore
from reader.ui.search_bar import SearchBar
from tests.helpers.ui import FIXTURES, build, ready, said, status_text

pytestmark = pytest.mark.anyio

SIZE = (100, 30)
FOLDER = FIXTURES / "annotate"
LIBYA = (FOLDER / "1-libya.txt").read_text(encoding="utf-8")
DOC = "1-libya.txt"


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


@pytest.mark.parametrize("width", [100, 60, 24])
async def test_status_rows_fill_the_width_whatever_their_characters_take(width: int) -> None:
    """The bar measures its own words by length, and anything else as the terminal will:
    a path with CJK and an emoji in the store's state, Arabic label names."""
    labels = (Label("شخص", "ش", "#d7875f"), Label("مكان", "p", "#5fafd7", underline=True))
    app = build([FOLDER / DOC], config=Config(store_path=Path("/x/s.json"), labels=labels))
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        app.status_bar.show_store("not saved: cannot write /tmp/数据/store.json 🙂", True)
        await pilot.pause()
        rows = [app.status_bar.render_line(y) for y in (0, 1, 2)]
        assert [row.cell_length for row in rows] == [width] * 3
        assert cell_len("".join(segment.text for segment in rows[0])) == width
        app.status_bar.show_annotations(app.status_bar.legend, "شخص ⊂ [مكان]", "in_progress")
        await pilot.pause()
        assert app.status_bar.render_line(1).cell_length == width
        if width == 100:
            assert "数据/store.json 🙂" in status_text(app)
            assert " ﺵ ﺺﺨﺷ 0 " in status_text(app)  # key, name (shaped), count
            # Under the caret, innermost first, read right to left (⊂ mirrored to ⊃).
            assert " [ﻥﺎﻜﻣ] ⊃ ﺺﺨﺷ  in progress" in status_text(app)


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


async def test_a_read_only_session_shows_the_status_the_store_holds(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    writer = AnnotationStore.open(path)  # another session, still open: this one is read-only
    writer.add_document(LIBYA, doc_id=DOC)
    writer.set_status(DOC, "in_progress")
    reader = AnnotationStore.open_or_read_only(path)
    app = build([FOLDER / DOC], store=lambda: reader)  # opened after the first paint
    try:
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            assert app.status_bar.store_state == "read-only"
            assert app.library.entries[0].status == "in_progress"  # was shown as to do
            assert "in progress" in status_text(app)
    finally:
        reader.close()
        writer.close()


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


async def test_a_span_edge_between_lam_and_alef_shows_as_two_cells(store) -> None:
    text = "وأكد المتحدث أن الاجتماع سيعقد غدًا.\n"
    path = Path(store.path).parent / "ijtima.txt"
    path.write_text(text, encoding="utf-8")
    app = build([path], store=store)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        word = text.index("الاجتماع")
        app.view.select(word, word + len("الاجتماع"))
        await pilot.press("p", "escape")
        app.view.move_caret(word + 3)
        row = app.view.text_layout.locate(word)[0]
        whole = "".join(cell.text for cell in app.view.text_layout.line(row).cells)
        assert "\ufefb" in whole  # الا: one lam-alef cell while no edge falls inside it
        app.view.move_caret(word)
        await pilot.press("tab", "right_square_bracket", "right_square_bracket")  # the span: اجتماع
        (span,) = store.spans(path.name)
        assert span["text"] == "اجتماع"
        line = app.view.text_layout.line(row)
        drawn = "".join(cell.text for cell in line.cells)
        assert "\ufefb" not in drawn  # lam and alef apart: the span's edge shows between them
        alef = next(cell for cell in line.cells if cell.start == span["start"])
        assert alef.end - alef.start == 1


async def test_a_key_shows_invisible_characters_as_markers_and_hides_them_again(tmp_path) -> None:
    text = "قال\u200f: «نعم»\u200e.\n"  # an RLM and an LRM around the punctuation, as corpora do
    path = tmp_path / "marks.txt"
    path.write_text(text, encoding="utf-8")
    app = build([path])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()

        def drawn() -> str:
            return "".join(c.text for c in app.view.text_layout.line(0).cells)

        hidden = drawn()
        assert "‹" not in hidden and "›" not in hidden  # they take no cell
        await pilot.press("f5")
        shown = drawn()
        assert len(shown) == len(hidden) + 2 and app.view.caret == 0
        await pilot.press("f5")
        assert drawn() == hidden
