"""Linking claims to their actors and writing notes, from the keyboard, checked in the store.

Link a claim (the nearest actor is offered first), jump along the link and back, delete a
linked span and undo (the link comes back), unlink and relink to another actor, notes on a
span and on the document typed in Arabic, then quit, reopen the store and find all of it.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual import events
from textual.keys import _character_to_key

from reader.store import AnnotationStore
from reader.ui.linking import LinkBar
from reader.ui.note_editor import NoteEditor
from tests.helpers.ui import FIXTURES, build, ready

pytestmark = pytest.mark.anyio

SIZE = (100, 30)
ARTICLE = FIXTURES / "annotate" / "1-libya.txt"
TEXT = ARTICLE.read_text(encoding="utf-8")
DOC = ARTICLE.name

MINISTER = "وزير الخارجية التركي مولود جاويش أوغلو"
SPOKESMAN = "المتحدث باسم الحكومة"
DIALOGUE = "الحوار هو الطريق الوحيد"
TROOPS = "أنقرة سترسل قوات إلى ليبيا"


def annotated(path: Path) -> tuple[AnnotationStore, dict[str, str]]:
    """A store with the article: two claims, two actors, a place; their ids by name."""
    store = AnnotationStore.open(path, annotator="tester")
    store.add_document(TEXT, source=str(ARTICLE.absolute()), doc_id=DOC)
    ids = {}
    for name, label, quote in (
        ("troops", "claim", TROOPS),
        ("minister", "actor", MINISTER),
        ("ankara", "place", "أنقرة"),
        ("dialogue", "claim", DIALOGUE),
        ("spokesman", "actor", SPOKESMAN),
    ):
        start = TEXT.index(quote)
        ids[name] = store.add_span(DOC, start, start + len(quote), label)
    return store, ids


def pairs(store: AnnotationStore) -> set[tuple[str, str, str]]:
    """(type, from text, to text) of the document's links."""
    return {
        (r["type"], store.span(r["from"])["text"], store.span(r["to"])["text"])
        for r in store.relations(DOC)
    }


async def focus(pilot, quote: str, tabs: int = 1) -> None:
    """Caret at the start of `quote`, then Tab `tabs` times (innermost span first)."""
    pilot.app.view.move_caret(TEXT.index(quote))
    await pilot.pause()
    await pilot.press(*["tab"] * tabs)


async def type_text(pilot, text: str) -> None:
    """Type as a terminal sends keys: each with its character (Pilot.press loses the
    character of harakat and of ؟)."""
    for ch in text:
        pilot.app.post_message(events.Key(ch if ch.isalnum() else _character_to_key(ch), ch))
    await pilot.pause()


@asynccontextmanager
async def running(store: AnnotationStore):
    app = build([ARTICLE], store=store)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        yield app, pilot


@pytest.fixture
def store_and_ids(tmp_path: Path):
    store, ids = annotated(tmp_path / "store.json")
    yield store, ids
    store.close()


async def test_link_offers_the_nearest_actor_and_enter_links(store_and_ids) -> None:
    store, ids = store_and_ids
    async with running(store) as (app, pilot):
        await focus(pilot, DIALOGUE)
        assert app.view.focused_span == ids["dialogue"]
        await pilot.press("r")
        bar = app.screen.query_one(LinkBar)
        assert bar.display and app.focused is bar
        # Same sentence first: the spokesman, shown (focused) in the article, the claim marked.
        assert app.view.focused_span == ids["spokesman"]
        assert app.annotator.looks.linked == {ids["dialogue"]}
        assert "1/2 claim ← actor · sentence" in str(bar.render())
        await pilot.press("down")  # the minister, in another paragraph
        assert app.view.focused_span == ids["minister"]
        await pilot.press("a")  # a label key does nothing while choosing
        await pilot.press("up", "enter")
        assert pairs(store) == {("said_by", DIALOGUE, SPOKESMAN)}
        assert not bar.display and app.focused is app.view
        # Back on the claim; its actor is marked, the status bar says the link.
        assert app.view.focused_span == ids["dialogue"]
        assert app.annotator.looks.linked == {ids["spokesman"]}
        assert app.status_bar.detail == f"claim ← actor: {SPOKESMAN}"
        assert [s["label"] for s in store.spans(DOC)].count("actor") == 2  # "a" tagged nothing


async def test_escape_cancels_and_goes_back_to_the_claim(store_and_ids) -> None:
    store, ids = store_and_ids
    async with running(store) as (app, pilot):
        await focus(pilot, DIALOGUE)
        await pilot.press("r", "tab", "escape")
        assert store.relations(DOC) == []
        assert app.view.focused_span == ids["dialogue"]


async def test_jump_delete_undo_unlink_relink(store_and_ids) -> None:
    store, ids = store_and_ids
    async with running(store) as (app, pilot):
        await focus(pilot, DIALOGUE)
        await pilot.press("r", "enter")
        await pilot.press("f")  # to the actor
        assert app.view.focused_span == ids["spokesman"]
        assert app.annotator.looks.linked == {ids["dialogue"]}
        assert app.status_bar.detail == f"claim ← actor: {DIALOGUE}"
        await pilot.press("f")  # and back
        assert app.view.focused_span == ids["dialogue"]

        # Deleting the actor deletes the link; undo brings both back.
        await focus(pilot, SPOKESMAN)
        await pilot.press("x")
        assert store.relations(DOC) == []
        assert len(app.annotator.rules.relations) == 0
        await pilot.press("ctrl+z")
        assert pairs(store) == {("said_by", DIALOGUE, SPOKESMAN)}
        assert len(app.annotator.rules.relations) == 1

        # Unlink, then relink the claim to the other actor (Tab: the next candidate).
        await focus(pilot, DIALOGUE)
        await pilot.press("R")
        assert store.relations(DOC) == []
        await pilot.press("r", "tab", "enter")
        assert pairs(store) == {("said_by", DIALOGUE, MINISTER)}
        await pilot.press("ctrl+z")
        assert store.relations(DOC) == []
        await pilot.press("ctrl+y")
        assert pairs(store) == {("said_by", DIALOGUE, MINISTER)}


async def test_unlink_chooses_among_several_links(store_and_ids) -> None:
    store, ids = store_and_ids
    store.add_relation(DOC, ids["dialogue"], ids["spokesman"])
    store.add_relation(DOC, ids["troops"], ids["spokesman"])
    async with running(store) as (app, pilot):
        await focus(pilot, SPOKESMAN)
        assert "+1" in app.status_bar.detail
        await pilot.press("R")
        bar = app.screen.query_one(LinkBar)
        assert bar.display and len(bar.choices) == 2
        shown = app.view.focused_span  # the claim of the first link
        await pilot.press("down", "enter")
        assert shown == ids["dialogue"]
        assert pairs(store) == {("said_by", DIALOGUE, SPOKESMAN)}


async def test_refusals_say_what_to_do(store_and_ids) -> None:
    store, ids = store_and_ids
    async with running(store) as (app, pilot):
        await focus(pilot, "أنقرة")  # the place first, innermost
        assert app.view.focused_span == ids["ankara"]
        await pilot.press("r", "f")
        said = [n.message for n in app._notifications]
        assert any("A place cannot start a link" in m for m in said)
        assert any("no link" in m for m in said)
        assert not app.screen.query_one(LinkBar).display


async def test_a_note_can_hold_the_letter_on_the_search_key(tmp_path: Path) -> None:
    """ملاحظة has a ظ, the letter on the "/" key of the Arabic layout: typed in the note
    editor it is part of the note, it does not open the search field."""
    store, _ids = annotated(tmp_path / "store.json")
    note = "ملاحظة: الظروف تغيّرت / ٢٠٢٠"
    async with running(store) as (app, pilot):
        await pilot.press("e")
        await type_text(pilot, note)
        assert app.focused is app.screen.query_one(NoteEditor)
        await pilot.press("enter")
        assert store.document(DOC)["note"] == note
    store.close()


async def test_notes_on_a_span_and_the_document_then_reopen(tmp_path: Path) -> None:
    store, ids = annotated(tmp_path / "store.json")
    span_note = "هل المصدر مُوثَّق؟ (Reuters) ١٢"
    doc_note = "راجِع التاريخ 2020"
    async with running(store) as (app, pilot):
        await focus(pilot, DIALOGUE)
        await pilot.press("r", "enter")
        await pilot.press("e")
        editor = app.screen.query_one(NoteEditor)
        assert editor.display and app.focused is editor
        await type_text(pilot, span_note + "x")
        await pilot.press("backspace", "enter")
        assert store.span(ids["dialogue"])["note"] == span_note
        assert f"✎ {span_note}" in app.status_bar.detail
        await pilot.press("escape")  # no span focused: the note is the document's
        await pilot.press("e")
        await type_text(pilot, "خطأ")
        await pilot.press("escape")  # cancelled
        assert "note" not in store.document(DOC)
        await pilot.press("e")
        await type_text(pilot, doc_note)
        await pilot.press("enter")
        assert store.document(DOC)["note"] == doc_note
        assert app.status_bar.detail == f"✎ {doc_note}"
        await pilot.press("ctrl+z")
        assert "note" not in store.document(DOC)
        await pilot.press("ctrl+y", "q")
    store.close()

    again = AnnotationStore.open(tmp_path / "store.json", annotator="tester")
    try:
        assert pairs(again) == {("said_by", DIALOGUE, SPOKESMAN)}
        assert again.span(ids["dialogue"])["note"] == span_note
        assert again.document(DOC)["note"] == doc_note
        async with running(again) as (app, pilot):
            assert app.status_bar.detail == f"✎ {doc_note}"
            await focus(pilot, DIALOGUE)
            assert app.status_bar.detail == f"claim ← actor: {SPOKESMAN}  ✎ {span_note}"
            await pilot.press("e", "ctrl+u", "enter")  # empty removes the note
            assert "note" not in again.span(ids["dialogue"])
    finally:
        again.close()


async def test_the_keys_are_in_the_help_with_arabic_twins(store_and_ids) -> None:
    store, _ = store_and_ids
    async with running(store) as (app, pilot):
        keymap = app.keymap()
        for binding_id, key in (
            ("link-span", "r"),
            ("follow-link", "f"),
            ("unlink-span", "R"),
            ("edit-note", "e"),
        ):
            keys = keymap[binding_id].split(",")
            assert key in keys and len(keys) > 1, (binding_id, keys)  # and the Arabic letter
        await pilot.press("question_mark")
        await pilot.pause()
        table = app.screen.table()
        from rich.console import Console

        console = Console(width=120, record=True)
        console.print(table)
        text = console.export_text()
        for binding_id in ("link-span", "follow-link", "unlink-span", "edit-note", "link-next"):
            assert binding_id in text
