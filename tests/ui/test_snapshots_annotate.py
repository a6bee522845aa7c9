"""Pictures of annotated articles at 80x24: nested spans in every label's look, a focused span,
the spans panel, the read-only banner; in full colour, 256 and 16 colours, and NO_COLOR.

To look at one as a terminal shows it: `python tests/ui/view_snapshot.py SNAPSHOT.svg OUT.png`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.store import AnnotationStore
from tests.helpers.ui import FIXTURES, build, ready, use_colours

SIZE = (80, 24)
ARTICLE = FIXTURES / "annotate" / "1-libya.txt"
TEXT = ARTICLE.read_text(encoding="utf-8")
DOC = ARTICLE.name

#: (label, quote): a claim over the first sentence holding an actor with a place inside it,
#: places with a clitic left out, a date; a second claim next to an actor.
SPANS = [
    ("claim", TEXT.split("\n")[0]),
    ("actor", "وزير الخارجية التركي مولود جاويش أوغلو"),
    ("place", "التركي"),
    ("place", "أنقرة"),
    ("place", "ليبيا"),
    ("place", "طرابلس"),
    ("date", "يناير 2020"),
    ("actor", "المتحدث باسم الحكومة"),
    ("claim", "الحوار هو الطريق الوحيد"),
]


def annotated(path: Path) -> AnnotationStore:
    """A store holding the article and its spans."""
    store = AnnotationStore.open(path, annotator="tester")
    store.add_document(TEXT, source=str(ARTICLE.absolute()), doc_id=DOC)
    for label, quote in SPANS:
        start = TEXT.index(quote)
        store.add_span(DOC, start, start + len(quote), label)
    return store


@pytest.fixture
def store(tmp_path: Path):
    store = annotated(tmp_path / "store.json")
    yield store
    store.close()


@pytest.fixture(params=["color", "256-colours", "16-colours", "no-color"])
def colours(request, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the app in full colour, with 256 or 16 colours, or with NO_COLOR."""
    use_colours(request.param, monkeypatch)
    return request.param


def test_nested_spans(snap_compare, store, colours) -> None:
    async def caret_on_a_date(pilot) -> None:
        await ready(pilot)
        pilot.app.view.move_caret(TEXT.index("يناير") + 1)
        await pilot.pause()

    assert snap_compare(
        build([ARTICLE], store=store), terminal_size=SIZE, run_before=caret_on_a_date
    )


def test_focused_span(snap_compare, store, colours) -> None:
    async def focus_the_actor(pilot) -> None:
        await ready(pilot)
        pilot.app.view.move_caret(TEXT.index("التركي") + 2)
        await pilot.press("tab", "tab")  # the place inside, then the actor around it

    assert snap_compare(
        build([ARTICLE], store=store), terminal_size=SIZE, run_before=focus_the_actor
    )


def test_spans_panel(snap_compare, store) -> None:
    async def open_the_panel(pilot) -> None:
        await ready(pilot)
        await pilot.press("f3", "down", "down")

    assert snap_compare(
        build([ARTICLE], store=store), terminal_size=SIZE, run_before=open_the_panel
    )


def test_read_only_banner(snap_compare, tmp_path: Path) -> None:
    writer = annotated(tmp_path / "store.json")
    reader = AnnotationStore.open_or_read_only(tmp_path / "store.json")
    reader.lock_holder = "pid 4242 on host annotation-box"  # the same picture on every machine

    async def try_to_tag(pilot) -> None:
        await ready(pilot)
        pilot.app.view.move_caret(TEXT.index("قوات"))
        await pilot.press("a")

    try:
        assert snap_compare(
            build([ARTICLE], store=reader), terminal_size=SIZE, run_before=try_to_tag
        )
    finally:
        reader.close()
        writer.close()
