"""Pictures of links and notes at 80x24, in 256 colours, 16 colours and NO_COLOR: a focused
claim with its actor marked (and a note's gutter mark), and the spans panel with its link
and note marks.

To look at one as a terminal shows it: `python tests/ui/view_snapshot.py SNAPSHOT.svg OUT.png`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.store import AnnotationStore
from tests.helpers.ui import build, ready

from .test_snapshots_annotate import DOC, TEXT, annotated

SIZE = (80, 24)


def linked(path: Path) -> AnnotationStore:
    """The annotated article, each claim linked to its speaker; a note on the first claim,
    on the spokesman and on the document."""
    store = annotated(path)
    by_text = {(s["label"], s["text"]): s["id"] for s in store.spans(DOC)}
    first_claim = by_text[("claim", TEXT.split("\n")[0])]
    spokesman = by_text[("actor", "المتحدث باسم الحكومة")]
    store.add_relation(
        DOC, first_claim, by_text[("actor", "وزير الخارجية التركي مولود جاويش أوغلو")]
    )
    store.add_relation(DOC, by_text[("claim", "الحوار هو الطريق الوحيد")], spokesman)
    store.set_note(DOC, "هل التاريخ مؤكَّد؟", first_claim)
    store.set_note(DOC, "المصدر: Reuters", spokesman)
    store.set_note(DOC, "راجِع الأسماء 🙂")
    return store


@pytest.fixture
def store(tmp_path: Path):
    store = linked(tmp_path / "store.json")
    yield store
    store.close()


def test_focused_claim_with_its_actor_marked(snap_compare, store, colours) -> None:
    async def focus_the_claim(pilot) -> None:
        await ready(pilot)
        pilot.app.view.move_caret(TEXT.index("الحوار"))
        await pilot.press("tab")
        assert pilot.app.annotator.looks.linked  # the spokesman is marked

    assert snap_compare(
        build([Path(store.document(DOC)["source"])], store=store),
        terminal_size=SIZE,
        run_before=focus_the_claim,
    )


def test_spans_panel_with_links_and_notes(snap_compare, store, colours) -> None:
    async def open_the_panel(pilot) -> None:
        await ready(pilot)
        pilot.app.view.move_caret(TEXT.index("الحوار"))
        await pilot.press("tab", "f3")  # the claim's row, its actor's marks as in the article

    assert snap_compare(
        build([Path(store.document(DOC)["source"])], store=store),
        terminal_size=SIZE,
        run_before=open_the_panel,
    )
