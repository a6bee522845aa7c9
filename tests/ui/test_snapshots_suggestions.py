"""Pictures of an article with suggestions at 80x24, in 256 colours, 16 colours and NO_COLOR:
suggestions underlined in their label's colour with no background (dim and underlined without
colour), the one under the caret reversed, beside a few accepted spans drawn as annotations;
then the spans panel listing them after the spans.

To look at one as a terminal shows it: `python tests/ui/view_snapshot.py SNAPSHOT.svg OUT.png`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.assist import suggest
from reader.store import AnnotationStore
from tests.helpers.ui import FIXTURES, build

SIZE = (80, 24)
ARTICLE = FIXTURES / "annotate" / "1-libya.txt"
TEXT = ARTICLE.read_text(encoding="utf-8")
DOC = ARTICLE.name


@pytest.fixture
def store(tmp_path: Path):
    """The article with every suggestion stored, the first place accepted as a span."""
    store = AnnotationStore.open(tmp_path / "store.json", annotator="tester")
    store.add_document(TEXT, source=str(ARTICLE.absolute()), doc_id=DOC)
    store.add_suggestions(DOC, suggest(TEXT))
    place = next(s for s in store.suggestions(DOC) if s["label"] == "place")
    store.accept_suggestion(DOC, place["id"])
    yield store
    store.close()


def test_article_with_suggestions(snap_compare, store, colours) -> None:
    async def on_the_second_suggestion(pilot) -> None:
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("g", "g")
        await pilot.pause()

    assert snap_compare(
        build([ARTICLE], store=store), terminal_size=SIZE, run_before=on_the_second_suggestion
    )


def test_spans_panel_with_suggestions(snap_compare, store, colours) -> None:
    """The spans panel: the accepted place as a span, then the pending suggestions, each
    marked "?" with its text dim (its label underlined in its colour, or dim without)."""

    async def with_the_panel_open(pilot) -> None:
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("f3", "down", "down")
        await pilot.pause()

    assert snap_compare(
        build([ARTICLE], store=store), terminal_size=SIZE, run_before=with_the_panel_open
    )
