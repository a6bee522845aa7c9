"""Search with Arabic normalisation, keymaps (vim, single overrides), Arabic-layout keys, help."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events

from reader.config import Config
from reader.store import AnnotationStore
from reader.ui.arabic_layout import with_arabic_keys
from reader.ui.article_view import ArticleView
from reader.ui.help_screen import HelpScreen
from reader.ui.keymap import keymap_path, read_keymap
from reader.ui.search_bar import SearchBar
from tests.helpers.ui import build, fixture, ready

pytestmark = pytest.mark.anyio

SIZE = (80, 24)
HARAKAT = fixture("harakat.txt")
TEXT = HARAKAT.read_text(encoding="utf-8")
NO_STORE = Path("/nonexistent/store.json")


async def search(pilot, query: str) -> tuple[int, int] | None:
    await pilot.press("slash")
    for char in query:
        await pilot.press(char)
    await pilot.press("enter")
    return pilot.app.query_one(ArticleView).selection


async def test_search_ignores_harakat_in_the_text() -> None:
    app = build([HARAKAT])
    async with app.run_test(size=SIZE) as pilot:
        # "قال الرئيس" without marks finds "قَالَ الرَّئِيسُ" with them, marks included.
        hit = await search(pilot, "قال الرئيس")
        start = TEXT.index("قَالَ")
        assert hit == (start, TEXT.index("الرَّئِيسُ") + len("الرَّئِيسُ"))
        assert app.focused is app.query_one(ArticleView)
        assert not app.query_one(SearchBar).display


async def test_search_with_harakat_and_tatweel_in_the_query() -> None:
    app = build([HARAKAT])
    async with app.run_test(size=SIZE) as pilot:
        hit = await search(pilot, "سـلَام")  # tatweel and a fatha in the query
        assert hit is not None
        assert TEXT[hit[0] : hit[1]] == "سَّـلامَ"


async def test_alef_forms_match_alike_and_n_goes_to_the_next_hit() -> None:
    app = build([HARAKAT])
    async with app.run_test(size=SIZE) as pilot:
        # "السلام" (bare alef) matches "الـــسَّـلامَ" (tatweel, marks) and "[السلام".
        first = await search(pilot, "السلام")
        assert TEXT[first[0] : first[1]] == "الـــسَّـلامَ"
        assert app.query_one(SearchBar).count == "1/2"
        await pilot.press("n")
        second = app.query_one(ArticleView).selection
        assert TEXT[second[0] : second[1]] == "السلام" and second[0] > first[0]
        await pilot.press("n")  # wraps around
        assert app.query_one(ArticleView).selection == first
        await pilot.press("N")
        assert app.query_one(ArticleView).selection == second
        # "اولا" with a bare alef finds "أولاً" (hamza on alef, tanween on alef).
        hit = await search(pilot, "اولا")
        assert TEXT[hit[0] : hit[1]].startswith("أولا")
        # "الي" (bare alef, yeh) finds "إلى" (hamza below, alef maksura); "الان" finds "الآنَ".
        hit = await search(pilot, "الي ال")
        assert TEXT[hit[0] : hit[1]] == "إلى ال"
        hit = await search(pilot, "الان")
        assert TEXT[hit[0] : hit[1]] == "الآنَ"


async def test_escape_cancels_and_restores_the_caret() -> None:
    app = build([HARAKAT])
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        view.move_caret(7)
        await pilot.press("slash", "ل", "ي", "ب")
        assert view.selection is not None  # search as you type
        await pilot.press("escape")
        assert view.caret == 7 and view.selection is None
        assert not app.query_one(SearchBar).display


async def test_typing_into_search_never_triggers_bindings() -> None:
    app = build([HARAKAT])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", "q", "n", "question_mark", "a")
        assert app.query_one(SearchBar).typed == "qn?a"
        assert app.is_running and not isinstance(app.screen, HelpScreen)


async def test_the_search_keys_letter_types_into_the_search_field() -> None:
    """ظ is on the "/" key of the Arabic layout, so it opens search from the article; typed
    into the search field it is a letter like any other (it was swallowed), and so is /."""
    app = build([HARAKAT])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ظ")
        for char in "الظل/ظ":
            await pilot.press(char)
        assert app.query_one(SearchBar).typed == "الظل/ظ"


async def test_two_searches_typed_in_one_burst_never_run_the_letters_as_keys(
    tmp_path: Path,
) -> None:
    """Keys typed faster than search-as-you-type keeps up (a long article, a slow link) all
    go to the search field while it is open; those after its Enter come back in order. The
    second `/` in the burst opens a second search: its letters are a query, not keys (the t,
    p, a, e of "Stéphane" once tagged every occurrence, tagged and opened the note editor)."""
    line = "قالَ المتحدثُ Stéphane Dujarric إنّ الدول وافقت في الظهران يوم ١٩ يناير 2020.\n"
    path = tmp_path / "burst.txt"
    path.write_text(line * 40, encoding="utf-8")
    with AnnotationStore.open(tmp_path / "store.json", annotator="tester") as store:
        app = build([path], store=store)
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            burst = ["slash", *"الظهران", "enter", "slash", *"Stéphane", "enter", "a"]
            for key in burst:  # all routed before any is handled, as a terminal burst is
                character = {"slash": "/", "enter": None}.get(key, key)
                app.post_message(events.Key(key, character))
            for _ in range(30):
                await pilot.pause()
            name = len(line) + line.index("Stéphane")  # the first hit after الظهران
            assert app.focused is app.view and not app.search_bar.display
            assert [(s["label"], s["start"]) for s in store.spans(path.name)] == [("actor", name)]
            assert app.view.caret == name and "note" not in store.document(path.name)


async def test_arabic_layout_keys_open_search_and_step_hits() -> None:
    app = build([HARAKAT])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ظ")  # the "/" key on the Arabic layout
        assert app.query_one(SearchBar).display
        for char in "السلام":
            await pilot.press(char)
        await pilot.press("enter")
        view = app.query_one(ArticleView)
        first = view.selection
        await pilot.press("ى")  # the "n" key
        assert view.selection[0] > first[0]
        await pilot.press("آ")  # shift+n
        assert view.selection == first
        await pilot.press("؟")  # shift+/ : help
        assert isinstance(app.screen, HelpScreen)


async def test_vim_keymap_and_a_single_override() -> None:
    config = Config(
        store_path=NO_STORE, keymap="vim", bindings={"cursor-right": "x", "search": "f"}
    )
    app = build([HARAKAT], config)
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one(ArticleView)
        view.move_caret(0)
        await pilot.press("h")  # vim: h is left on screen, forward in Arabic
        assert view.caret == 2  # past "بِ": the letter and its kasra are one cell
        await pilot.press("x")  # the override
        assert view.caret == 0
        await pilot.press("right")  # overridden away: right no longer moves
        assert view.caret == 0
        await pilot.press("ء")  # the Arabic twin of the override
        assert view.caret == 0
        await pilot.press("h", "ء")
        assert view.caret == 0
        await pilot.press("f")
        assert app.query_one(SearchBar).display


async def test_help_is_generated_from_live_bindings() -> None:
    config = Config(store_path=NO_STORE, bindings={"cursor-right": "x"})
    app = build([HARAKAT], config)
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("question_mark")
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        text = "\n".join(
            str(cell)
            for table in screen.table().renderables
            for column in table.columns
            for cell in column._cells
        )
        assert "cursor-right" in text and "tag-claim" in text and "search-next" in text
        rows = {
            str(table.columns[2]._cells[i]): str(table.columns[0]._cells[i])
            for table in screen.table().renderables
            for i in range(table.row_count)
        }
        assert rows["cursor-right"].split() == ["x", "ء"]  # override and its Arabic twin
        assert rows["search"].split() == ["/", "ظ"]
        assert rows["tag-actor"].split() == ["a", "ش"]
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


def test_default_keymap_lists_every_binding_with_its_declared_keys() -> None:
    app = build([HARAKAT])

    async def declared() -> dict[str, str]:
        async with app.run_test(size=SIZE):
            return app.declared_keys()

    import asyncio

    keys = asyncio.run(declared())
    assert read_keymap(keymap_path("default")) == keys
    assert set(read_keymap(keymap_path("vim"))) <= set(keys)
    for required, key in {
        "tag-actor": "a",
        "tag-place": "p",
        "tag-date": "d",
        "tag-claim": "c",
        "search": "slash",
        "search-next": "n",
        "search-previous": "N",
        "undo": "ctrl+z",
        "redo": "ctrl+y",
        "quit": "q,ctrl+q",
        "help": "question_mark",
    }.items():
        assert keys[required] == key
    assert all(binding_id == binding_id.lower() and " " not in binding_id for binding_id in keys)


def test_arabic_twins_of_single_keys() -> None:
    assert with_arabic_keys("a") == "a,ش"
    assert with_arabic_keys("slash") == "slash,ظ"
    assert with_arabic_keys("N") == "N,آ"
    assert with_arabic_keys("n,ctrl+n,left") == "n,ctrl+n,left,ى"
    assert with_arabic_keys("question_mark") == "question_mark,arabic_question_mark"
    for latin, arabic in {"p": "ح", "d": "ي", "c": "ؤ", "x": "ء", "q": "ض", "s": "س"}.items():
        assert with_arabic_keys(latin).split(",")[1] == arabic


async def test_every_live_binding_has_an_id() -> None:
    app = build([fixture("mixed.txt"), HARAKAT])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        nodes = [
            app,
            *app.screen_stack[0].walk_children(with_self=True),
            *app.screen.walk_children(with_self=True),
        ]
        missing = [
            (type(node).__name__, binding.key)
            for node in nodes
            for _, binding in node._bindings
            if not binding.id
        ]
        assert missing == []


def test_the_arabic_layout_shifted_brackets_stand_in_for_curly_ones_unless_taken() -> None:
    from reader.ui.keymap import effective_keymap

    assert with_arabic_keys("left_curly_bracket") == "left_curly_bracket,less_than_sign"
    assert with_arabic_keys("right_curly_bracket") == "right_curly_bracket,greater_than_sign"
    keymap = effective_keymap(
        {"shrink-end": "left_curly_bracket", "zoom": "less_than_sign", "tag-x": "x"}
    )
    assert keymap == {"shrink-end": "left_curly_bracket", "zoom": "less_than_sign", "tag-x": "x,ء"}


async def test_a_query_typed_in_one_burst_after_slash_goes_into_the_field() -> None:
    """Keys that arrive together with `/` (a fast typist, a slow SSH link) are the query,
    never bindings of the view: `د` (the `d` key) must not tag a date, `ش` not an actor."""
    from textual import events

    app = build([HARAKAT])
    async with app.run_test(size=SIZE) as pilot:
        for char in "/السلام شد":  # queued all at once, with no wait between them
            key = "slash" if char == "/" else "space" if char == " " else char
            app.post_message(events.Key(key, char))
        await pilot.pause()
        bar = app.query_one(SearchBar)
        assert bar.display and app.focused is bar
        assert bar.typed == "السلام شد"
        assert len(app.spans) == 0  # no span was tagged by a stray key
