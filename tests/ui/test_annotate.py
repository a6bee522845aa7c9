"""Annotating as a person does it, checked against the store afterwards.

Search and tag with every label key (and an Arabic-layout key), a claim with an actor and a
place inside, edges that leave a clitic out, delete and relabel among nested spans, undo and
redo through all of it (across documents), mark done and go on, the spans panel, quit and
reopen, a read-only store, copy.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from reader.store import AnnotationStore
from reader.ui.banner import ReadOnlyBanner
from reader.ui.spans_panel import SpansPanel
from tests.helpers.ui import FIXTURES, build, ready, said

pytestmark = pytest.mark.anyio

SIZE = (100, 30)
FOLDER = FIXTURES / "annotate"
LIBYA = (FOLDER / "1-libya.txt").read_text(encoding="utf-8")
DOC = "1-libya.txt"
SENTENCE = LIBYA.split("\n")[0]


def spans(store: AnnotationStore, doc_id: str = DOC) -> list[tuple[str, str]]:
    """(label, text) of a document's spans, in text order."""
    return [(span["label"], span["text"]) for span in store.spans(doc_id)]


async def search(pilot, query: str) -> None:
    await pilot.press("slash", *query, "enter")


@asynccontextmanager
async def annotating(store: AnnotationStore, paths: list[Path] | None = None):
    """The app on the annotate fixtures (or `paths`) with this store, started and settled."""
    app = build(paths or [FOLDER], store=store)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        yield app, pilot


@pytest.fixture
def store(tmp_path: Path):
    store = AnnotationStore.open(tmp_path / "store.json", annotator="tester")
    yield store
    store.close()


async def test_search_and_tag_with_each_label_key_and_an_arabic_key(store: AnnotationStore) -> None:
    async with annotating(store) as (app, pilot):
        await search(pilot, "مولود جاويش أوغلو")
        await pilot.press("a")
        await search(pilot, "انقرة")  # a bare alef finds أنقرة
        await pilot.press("p")
        await search(pilot, "يناير 2020")
        await pilot.press("d")
        await search(pilot, "الحوار هو الطريق الوحيد")
        await pilot.press("c")
        await search(pilot, "ليبيا")
        await pilot.press("ح")  # the p key on the Arabic layout
        await search(pilot, "المتحدث")
        await pilot.press("ش")  # a
        assert app.spans.counts == {"actor": 2, "place": 2, "date": 1, "claim": 1}
        assert "actor 2" in app.status_bar.legend.plain and "claim 1" in app.status_bar.legend.plain
    assert spans(store) == [
        ("actor", "مولود جاويش أوغلو"),
        ("place", "أنقرة"),
        ("place", "ليبيا"),
        ("date", "يناير 2020"),
        ("actor", "المتحدث"),
        ("claim", "الحوار هو الطريق الوحيد"),
    ]
    assert store.document(DOC)["status"] == "in_progress"


async def test_a_label_key_on_a_word_tags_the_word_and_tagging_again_adds_nothing(
    store: AnnotationStore,
) -> None:
    async with annotating(store) as (app, pilot):
        app.view.move_caret(LIBYA.index("أنقرة") + 2)
        await pilot.press("p")
        assert app.view.focused_span is not None  # the new span is focused ...
        app.view.move_caret(LIBYA.index("أنقرة") + 1)  # ... until the caret moves
        assert app.view.focused_span is None
        await pilot.press("p")
        app.view.move_caret(LIBYA.index(" إن"))  # a space after a word: the word before it
        await pilot.press("p")
    assert spans(store) == [("place", "أوغلو"), ("place", "أنقرة")]


async def test_a_claim_over_a_sentence_with_an_actor_and_a_place_inside(
    store: AnnotationStore,
) -> None:
    async with annotating(store) as (app, pilot):
        app.view.move_caret(LIBYA.index("سترسل"))
        await pilot.press("s", "c")  # select the sentence, tag it as a claim
        app.view.move_caret(LIBYA.index("أنقرة"))
        await pilot.press("a")
        await search(pilot, "ليبيا")
        await pilot.press("p")
        view = app.view
        view.move_caret(LIBYA.index("ليبيا") + 1)
        await pilot.pause()
        assert app.status_bar.here == "place ⊂ claim"
        row = view.text_layout.locate(LIBYA.index("ليبيا"))[0]
        strip = view.render_line(row - round(view.scroll_offset.y))
        styles = [segment.style for segment in strip if segment.text.strip()]
        assert any(
            s.underline and s.bgcolor is not None for s in styles
        )  # a place inside the claim
        assert strip.text[-1] == "┃"  # the claim's mark in the gutter
    assert spans(store) == [("claim", SENTENCE), ("actor", "أنقرة"), ("place", "ليبيا")]


async def test_edges_leave_a_clitic_outside_a_name(store: AnnotationStore) -> None:
    async with annotating(store) as (_app, pilot):
        await search(pilot, "وطرابلس")
        await pilot.press("p")
        assert spans(store) == [("place", "وطرابلس")]
        await pilot.press("right_square_bracket")  # the start edge one letter later
        assert spans(store) == [("place", "طرابلس")]
        await pilot.press(
            "left_square_bracket", "right_curly_bracket"
        )  # grow the start back, the end by one
        assert spans(store) == [("place", "وطرابلس ف")]  # never ending on the space
        await pilot.press("left_curly_bracket", "د")  # shrink the end; د is ] on the Arabic layout
        assert spans(store) == [("place", "طرابلس")]
        await pilot.press("greater_than_sign")  # Shift+] on the Arabic layout: }
        assert spans(store) == [("place", "طرابلس ف")]
        await pilot.press("less_than_sign")  # Shift+[ on the Arabic layout: {
        assert spans(store) == [("place", "طرابلس")]
        # On a selection the same keys move the selection, before anything is tagged.
        await search(pilot, "وأكد")
        await pilot.press("right_square_bracket", "left_curly_bracket", "a")
    assert spans(store) == [("place", "طرابلس"), ("actor", "أك")]


async def test_delete_and_relabel_the_focused_span_among_nested_ones(
    store: AnnotationStore,
) -> None:
    async with annotating(store) as (app, pilot):
        view = app.view
        view.move_caret(LIBYA.index("سترسل"))
        await pilot.press("s", "c")
        await search(pilot, "أنقرة سترسل")
        await pilot.press("a")
        await search(pilot, "أنقرة")
        await pilot.press("p")
        view.move_caret(LIBYA.index("أنقرة") + 1)
        assert view.focused_span is None
        await pilot.press("tab")  # the innermost first
        assert app.spans.get(view.focused_span)["text"] == "أنقرة"
        await pilot.press("tab")
        assert app.spans.get(view.focused_span)["text"] == "أنقرة سترسل"
        assert app.status_bar.here == "place ⊂ [actor] ⊂ claim"
        await pilot.press("d")  # a label key on a focused span relabels it (and it stays focused)
        assert app.spans.get(view.focused_span)["label"] == "date"
        await pilot.press("tab")  # the next one out: the claim
        assert app.spans.get(view.focused_span)["label"] == "claim"
        await pilot.press("x")
        assert spans(store) == [("date", "أنقرة سترسل"), ("place", "أنقرة")]
        await pilot.press("tab", "delete")  # the place
        assert spans(store) == [("date", "أنقرة سترسل")]
        await pilot.press("x")  # the only span left under the caret: no need to focus it
        assert spans(store) == []
        await pilot.press("x")
        assert "No span under the caret to delete" in said(app)


async def test_undo_and_redo_through_everything_across_documents(store: AnnotationStore) -> None:
    async with annotating(store) as (app, pilot):
        app.view.move_caret(LIBYA.index("سترسل"))
        await pilot.press("s", "c")
        await search(pilot, "وطرابلس")
        await pilot.press("p", "right_square_bracket")
        await search(pilot, "أنقرة")
        await pilot.press("a", "p")  # tagged as actor, relabelled as place
        await pilot.press(
            "tab", "x"
        )  # from the focused place, Tab goes out to the claim: delete it
        done = spans(store)
        assert done == [("place", "أنقرة"), ("place", "طرابلس")]
        await pilot.press("ctrl+d")  # mark done: the next document opens
        assert app.current == 1 and store.document(DOC)["status"] == "done"
        await search(pilot, "برلين")
        await pilot.press("p")
        assert spans(store, "2-berlin.txt") == [("place", "برلين")]

        for _ in range(8):  # every change, newest first, back into the first document
            await pilot.press("ctrl+z")
        assert app.current == 0
        assert spans(store) == [] and spans(store, "2-berlin.txt") == []
        assert {doc["id"]: doc["status"] for doc in store.documents()} == {
            "1-libya.txt": "todo",
            "2-berlin.txt": "todo",
            "3-cairo.txt": "todo",
        }
        await pilot.press("ctrl+z")  # nothing left
        for _ in range(8):
            await pilot.press("ctrl+y")
        assert app.current == 1
        assert spans(store) == done and spans(store, "2-berlin.txt") == [("place", "برلين")]
        assert store.document(DOC)["status"] == "done"
        assert len(app.spans) == 1 and app.spans[0]["text"] == "برلين"


async def test_mark_done_and_skip_go_to_the_next_document_to_do(store: AnnotationStore) -> None:
    async with annotating(store) as (app, pilot):
        await pilot.press("ctrl+k")  # skip the first
        assert app.current == 1
        await pilot.press("ctrl+d")
        assert app.current == 2
        await pilot.press("ctrl+d")  # the last one: nothing left to do, it stays
        assert app.current == 2
    assert [doc["status"] for doc in store.documents()] == ["skipped", "done", "done"]


async def test_the_spans_panel_lists_jumps_and_deletes(store: AnnotationStore) -> None:
    async with annotating(store) as (app, pilot):
        for query, key in (("أنقرة", "p"), ("ليبيا", "p"), ("مولود", "a")):
            await search(pilot, query)
            await pilot.press(key)
        app.view.move_caret(0)
        await pilot.press("f3")
        panel = app.query_one(SpansPanel)
        assert panel.display and app.focused is panel
        assert [panel.index[i]["text"] for i in range(len(panel.index))] == [
            "مولود",
            "أنقرة",
            "ليبيا",
        ]
        await pilot.press("down", "enter")
        assert app.focused is app.view and app.view.caret == LIBYA.index("أنقرة")
        assert app.spans.get(app.view.focused_span)["text"] == "أنقرة"
        await pilot.press("f3")
        assert not panel.display
        await pilot.press("f3", "end", "x")
        assert [panel.index[i]["text"] for i in range(len(panel.index))] == ["مولود", "أنقرة"]
        rows = [panel.render_line(y).text for y in range(2)]
        assert "actor" in rows[0] and "ودلوم" not in rows[0]  # laid out, never raw logical order
    assert spans(store) == [("actor", "مولود"), ("place", "أنقرة")]


async def test_quit_and_reopen_finds_everything(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    store = AnnotationStore.open(path)
    async with annotating(store) as (app, pilot):
        await search(pilot, "أنقرة")
        await pilot.press("p")
        app.view.move_caret(LIBYA.index("سترسل"))
        await pilot.press("s", "c", "q")  # quitting never asks
    assert not app.is_running
    store.close()
    store = AnnotationStore.open(path)
    async with annotating(store) as (app, pilot):
        assert [(s["label"], s["text"]) for s in app.spans] == [
            ("claim", SENTENCE),
            ("place", "أنقرة"),
        ]
        assert "place 1" in app.status_bar.legend.plain
        await pilot.press("ctrl+z")  # a new session: nothing of the last one to undo
        assert len(app.spans) == 2
    store.close()


async def test_a_read_only_store_shows_a_banner_and_refuses_edits(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    writer = AnnotationStore.open(path)
    writer.add_document(LIBYA, doc_id=DOC)
    span_id = writer.add_span(DOC, LIBYA.index("أنقرة"), LIBYA.index("أنقرة") + 5, "place")
    reader = AnnotationStore.open_or_read_only(path)
    async with annotating(reader, [FOLDER / DOC]) as (app, pilot):
        banner = app.query_one(ReadOnlyBanner)
        assert banner.display and "locked by pid" in banner.message
        assert [s["id"] for s in app.spans] == [span_id]  # the spans are shown all the same
        await search(pilot, "ليبيا")
        await pilot.press("p")
        app.view.move_caret(LIBYA.index("أنقرة"))
        await pilot.press("x", "ctrl+z", "ctrl+d")
        assert "Read-only: the store is locked by pid" in said(app)
        assert len(app.spans) == 1
    assert writer.spans(DOC)[0]["id"] == span_id and len(writer.spans(DOC)) == 1
    reader.close()
    writer.close()


async def test_y_copies_the_selection_or_the_focused_span(store: AnnotationStore) -> None:
    async with annotating(store) as (app, pilot):
        await search(pilot, "جاويش")
        await pilot.press("y")
        assert app.clipboard == "جاويش"
        await pilot.press("a", "escape")
        app.view.move_caret(LIBYA.index("جاويش"))
        await pilot.press("tab", "y")
        assert app.clipboard == "جاويش"


async def test_the_cached_binding_chain_follows_keymap_changes(store: AnnotationStore) -> None:
    async with annotating(store) as (app, pilot):
        app.view.move_caret(LIBYA.index("أنقرة"))
        app.set_keymap({**app._keymap, "tag-actor": "k"})
        await pilot.press("a")  # no longer bound
        assert len(app.spans) == 0
        await pilot.press("k")
        assert [s["label"] for s in app.spans] == ["actor"]


async def test_escape_ends_the_focus_and_tab_without_spans_moves_between_panes(
    store: AnnotationStore,
) -> None:
    async with annotating(store) as (app, pilot):
        app.view.move_caret(LIBYA.index("أنقرة"))
        await pilot.press("p")
        assert app.view.focused_span is not None
        await pilot.press("escape")
        assert app.view.focused_span is None and len(app.spans) == 1
        await search(pilot, "أنقرة")  # a selection, then Tab: the span is what keys act on now
        await pilot.press("tab", "a")
        assert app.view.selection is None and spans(store) == [("actor", "أنقرة")]
        app.view.move_caret(0)
        await pilot.press("tab")  # no span under the caret: the next pane
        assert app.focused is app.documents_panel


async def test_keys_typed_into_a_search_never_change_annotations(store: AnnotationStore) -> None:
    async with annotating(store) as (app, pilot):
        await search(pilot, "أنقرة")
        await pilot.press("p", "slash", "x", "a", "delete", "ctrl+z", "ctrl+d", "ctrl+k", "escape")
        assert app.current == 0 and spans(store) == [("place", "أنقرة")]
        assert store.document(DOC)["status"] == "in_progress"
