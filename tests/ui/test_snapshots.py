"""Pictures of the screen (pytest-textual-snapshot) at 80x24 and 120x40.

The SVGs hold exactly the cells the app sends, in screen order. A browser or SVG renderer
applies its own bidi to each run of Arabic and shows it backwards; to look at a snapshot
as a terminal shows it, run `python tests/ui/view_snapshot.py SNAPSHOT.svg OUT.png`.
"""

from __future__ import annotations

import pytest

from reader.ui.article_view import ArticleView
from tests.helpers.ui import build, fixture

SMALL, LARGE = (80, 24), (120, 40)
MIXED_TEXT = fixture("mixed.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
def test_harakat_lam_alef_digits_brackets_emoji(snap_compare, size) -> None:
    assert snap_compare(build([fixture("harakat.txt")]), terminal_size=size)


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
def test_selection_across_a_direction_change(snap_compare, size) -> None:
    async def select(pilot) -> None:
        await pilot.pause()
        view = pilot.app.query_one(ArticleView)
        # From inside "المتحدث" through "Stéphane Dujarric" into "بأن": one logical range,
        # whose cells are apart on screen where the direction changes.
        view.select(MIXED_TEXT.index("المتحدث") + 3, MIXED_TEXT.index("بأن") + 2, caret_at_end=True)

    assert snap_compare(
        build([fixture("mixed.txt"), fixture("harakat.txt")]), terminal_size=size, run_before=select
    )


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
def test_help_screen(snap_compare, size) -> None:
    assert snap_compare(build([fixture("mixed.txt")]), terminal_size=size, press=["question_mark"])


def test_search_as_you_type(snap_compare) -> None:
    assert snap_compare(
        build([fixture("harakat.txt")]), terminal_size=SMALL, press=["slash", *"السلام"]
    )


def test_hostile_article(snap_compare) -> None:
    assert snap_compare(build([fixture("escapes.txt")]), terminal_size=SMALL)
