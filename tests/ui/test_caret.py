"""The caret by keyboard and mouse, through the real app (Pilot), on a mixed-direction article.

Expected positions come from the text engine's maps (TextLayout.locate / index_at), never
from hand-counted columns; the assertions are on the caret's logical index.
"""

from __future__ import annotations

import pytest

from reader.ui.app import ReaderApp
from reader.ui.article_view import MARGIN, ArticleView
from tests.helpers.ui import build, fixture

pytestmark = pytest.mark.anyio

SIZE = (60, 20)  # the article wraps: layout width 57 (scrollbar 1, margin 1, gutter 1)
MIXED = fixture("mixed.txt")
TEXT = MIXED.read_text(encoding="utf-8")
ARABIC_END = TEXT.index("\n")  # end of the first (Arabic) paragraph
ENGLISH = TEXT.index("The Secretary")
STEPHANE = TEXT.index("Stéphane")
DUJARRIC_END = TEXT.index("Dujarric") + len("Dujarric")


async def caret_after(pilot, start: int, *keys: str) -> int:
    view = pilot.app.query_one(ArticleView)
    view.move_caret(start)
    for key in keys:
        await pilot.press(key)
    return view.caret


def screen_offset(view: ArticleView, index: int) -> tuple[int, int]:
    """Where the character at `index` is drawn, relative to the view (via the engine's map)."""
    row, column = view.text_layout.locate(index)
    return column + MARGIN, row - round(view.scroll_offset.y)


async def test_left_in_arabic_moves_to_the_logically_next_letter() -> None:
    app = build([MIXED])
    async with app.run_test(size=SIZE) as pilot:
        assert await caret_after(pilot, 0, "left") == 1
        assert await caret_after(pilot, 1, "right") == 0
        assert await caret_after(pilot, 0, "left", "left", "left", "left") == 4  # قال + space
        assert await caret_after(pilot, 0, "right") == 0  # the paragraph's right edge, first row


async def test_lam_alef_is_one_stop() -> None:
    app = build([MIXED])
    async with app.run_test(size=SIZE) as pilot:
        lam = TEXT.index("الأمين") + 1  # ل of لأ, drawn as one ligature cell with the alef
        assert await caret_after(pilot, lam, "left") == lam + 2


async def test_latin_name_inside_arabic_moves_visually() -> None:
    app = build([MIXED])
    async with app.run_test(size=SIZE) as pilot:
        # Inside the Latin run, right is the next letter, as in English.
        assert await caret_after(pilot, STEPHANE, "right") == STEPHANE + 1
        # Left of "S" on screen is the space after "Dujarric" (the run sits in RTL order).
        assert await caret_after(pilot, STEPHANE, "left") == DUJARRIC_END
        # Right of the last "c" is the space before "Stéphane".
        assert await caret_after(pilot, DUJARRIC_END - 1, "right") == STEPHANE - 1
        # Each cell of the run is visited once, left to right = logical order.
        view = app.query_one(ArticleView)
        view.move_caret(STEPHANE)
        seen = [STEPHANE]
        for _ in range(DUJARRIC_END - STEPHANE - 1):
            await pilot.press("right")
            seen.append(view.caret)
        assert seen == list(range(STEPHANE, DUJARRIC_END))


async def test_across_wrapped_rows_and_paragraphs_of_both_directions() -> None:
    app = build([MIXED])
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        layout = view.text_layout
        second_row = layout.line(1).start
        # Left off the left end of a wrapped RTL row lands on the next row's start.
        row0_last = max(i for i in range(second_row) if layout.locate(i)[0] == 0 and TEXT[i] != " ")
        assert await caret_after(pilot, row0_last, "left", "left") == second_row
        assert layout.locate(second_row)[0] == 1
        # ... and right from there goes back up to the end of the first row.
        assert await caret_after(pilot, second_row, "right") == row0_last + 1
        # From the end of the Arabic paragraph: the empty paragraph, then the English one.
        assert await caret_after(pilot, ARABIC_END, "left") == ARABIC_END + 1
        assert await caret_after(pilot, ARABIC_END + 1, "left") == ENGLISH
        # In the English paragraph right is forward; its right edge wraps to the next row.
        assert await caret_after(pilot, ENGLISH, "right", "right", "right") == ENGLISH + 3
        english_row2 = layout.line(layout.locate(ENGLISH)[0] + 1).start
        assert await caret_after(pilot, english_row2 - 1, "right") == english_row2
        # Left from the English paragraph's start goes up to the empty paragraph.
        assert await caret_after(pilot, ENGLISH, "left") == ENGLISH - 1


async def test_word_motion_is_visual() -> None:
    app = build([MIXED])
    async with app.run_test(size=SIZE) as pilot:
        # In Arabic, ctrl+left goes to the start of the next word in reading order.
        assert await caret_after(pilot, 0, "ctrl+left") == TEXT.index("الأمين")
        assert await caret_after(pilot, TEXT.index("الأمين"), "ctrl+right") == 0
        # In the Latin name, ctrl+right goes to "Dujarric"; ctrl+left back to "Stéphane".
        assert await caret_after(pilot, STEPHANE, "ctrl+right") == TEXT.index("Dujarric")
        assert await caret_after(pilot, TEXT.index("Dujarric"), "ctrl+left") == STEPHANE


async def test_up_down_keep_the_screen_column_and_home_end_are_logical() -> None:
    app = build([MIXED])
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        layout = view.text_layout
        start = TEXT.index("Secretary")
        row, column = layout.locate(start)
        below = await caret_after(pilot, start, "down")
        assert layout.locate(below) == (row + 1, column)
        assert await caret_after(pilot, below, "up") == start
        # End: the last stop of the row in logical order, the space where the row wraps.
        assert await caret_after(pilot, 5, "end") == layout.line(0).end - 1
        assert TEXT[layout.line(0).end - 1] == " "
        assert await caret_after(pilot, 5, "home") == 0
        assert await caret_after(pilot, 5, "ctrl+end") == len(TEXT)
        assert await caret_after(pilot, len(TEXT), "ctrl+home") == 0


async def test_shift_extends_a_logical_selection() -> None:
    app = build([MIXED])
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        await caret_after(pilot, 0, "shift+left", "shift+left", "shift+left")
        assert view.selection == (0, 3)
        await pilot.press("ctrl+shift+left")
        assert view.selection == (0, TEXT.index("الأمين"))
        await pilot.press("escape")
        assert view.selection is None


async def test_click_puts_the_caret_on_the_character_under_the_pointer() -> None:
    app = build([MIXED])
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        for index in (
            TEXT.index("الأمم") + 3,
            TEXT.index("الأمم") + 1,
            TEXT.index("برلين") + 1,
            STEPHANE + 3,
            TEXT.index("Dujarric") + 5,
            TEXT.index("12"),
            TEXT.index("Libyan") + 2,
        ):
            await pilot.click(ArticleView, offset=screen_offset(view, index))
            assert view.caret == index, TEXT[index]
            assert view.selection is None


async def test_drag_selects_and_double_click_selects_a_word() -> None:
    app = build([MIXED])
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        start, end = TEXT.index("الأمين"), TEXT.index("الأمين") + len("الأمين")
        await pilot.mouse_down(ArticleView, offset=screen_offset(view, start))
        await pilot.hover(ArticleView, offset=screen_offset(view, end - 1))
        await pilot.mouse_up(ArticleView, offset=screen_offset(view, end - 1))
        assert view.selection == (start, end)
        await pilot.double_click(ArticleView, offset=screen_offset(view, STEPHANE + 2))
        assert view.selection == (STEPHANE, STEPHANE + len("Stéphane"))


async def test_status_bar_shows_paragraph_and_character() -> None:
    app = build([MIXED])
    async with app.run_test(size=SIZE) as pilot:
        await caret_after(pilot, ENGLISH + 4)
        await pilot.pause()
        assert app.query_one("#status").position == f"¶3 ch {ENGLISH + 4}/{len(TEXT)}"


def test_app_is_built_by_the_factory() -> None:
    assert isinstance(build([MIXED]), ReaderApp)


async def test_resize_lays_out_again_and_keeps_the_caret() -> None:
    app = build([MIXED])
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        await caret_after(pilot, STEPHANE)
        narrow = view.text_layout.width
        await pilot.resize_terminal(100, 20)
        await pilot.pause()
        assert view.text_layout.width > narrow and view.caret == STEPHANE
        _row, _column = view.text_layout.locate(STEPHANE)
        await pilot.click(ArticleView, offset=screen_offset(view, TEXT.index("Dujarric")))
        assert view.caret == TEXT.index("Dujarric")


async def test_empty_and_whitespace_documents(tmp_path) -> None:
    empty, blank = tmp_path / "empty.txt", tmp_path / "blank.txt"
    empty.write_text("", encoding="utf-8")
    blank.write_text("\n\n  \n", encoding="utf-8")
    app = build([empty, blank])
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        await pilot.press("left", "right", "down", "ctrl+end", "ctrl+left", "shift+home", "w", "s")
        assert view.caret == 0
        await pilot.press("ctrl+n", "ctrl+end", "up", "left", "ctrl+right", "pageup", "pagedown")
        assert 0 <= view.caret <= len(view.text)


async def test_page_down_and_up_move_a_page_and_scroll(tmp_path) -> None:
    article = tmp_path / "long.txt"
    article.write_text("\n".join([TEXT] * 20), encoding="utf-8")
    app = build([article])
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        page = view.scrollable_content_region.height - 1
        await pilot.press("pagedown")
        row = view.text_layout.locate(view.caret)[0]
        assert row == page and round(view.scroll_offset.y) > 0
        assert round(view.scroll_offset.y) <= row < round(view.scroll_offset.y) + view.size.height
        await pilot.press("shift+pageup")
        assert view.caret == 0 and view.selection is not None and round(view.scroll_offset.y) == 0
