"""Adjudicating in the app, driven with keys: take A, take B, both, none, edit by hand; undo;
quit mid-way and carry on in a new session."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.config import Config
from reader.store import AnnotationStore
from reader.ui.app import ReaderApp, make_app
from tests.helpers.gold import CAIRO, HEALTH, at, make_gold
from tests.helpers.ui import ready, said

pytestmark = pytest.mark.anyio


def adjudicate(store: AnnotationStore) -> ReaderApp:
    return make_app([], Config(store_path=store.path), store=store, adjudicating=True)


def spans(store: AnnotationStore, doc_id: str = "un/cairo") -> set[tuple[str, str]]:
    return {(s["label"], s["text"]) for s in store.spans(doc_id)}


async def test_take_a_then_b_then_none_reviews_the_document(tmp_path: Path) -> None:
    store = make_gold(tmp_path / "gold.json")
    app = adjudicate(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        # opened on the first conflict, its versions listed
        assert app.view.caret == at(CAIRO, "المتحدث")[0]
        panel = app.screen.query_one("#conflicts")
        assert panel.display and "conflicts: 3 here, 5 in all" in app.status_bar.here
        await pilot.press("1")  # huda's actor; the caret moves on to the date
        await pilot.pause()
        assert ("actor", "Stéphane Dujarric") in spans(store)
        assert app.view.caret == at(CAIRO, "يوم 19")[0]
        await pilot.press("2")  # omar's date
        await pilot.press("0")  # beirut: omar's version is to mark nothing
        await pilot.pause()
        assert spans(store) == {
            ("place", "القاهرة"),
            ("actor", "Stéphane Dujarric"),
            ("date", "يوم 19 يناير 2020"),
        }
        assert store.document("un/cairo")["status"] == "reviewed"
        assert "Document reviewed" in said(app)
        assert "conflicts: 0 here, 2 in all" in app.status_bar.here
        assert app.library.entries[0].status == "reviewed"
        # on to the next document with conflicts
        await pilot.press("v")
        await pilot.pause()
        assert app.library.entries[app.current].id == "sy/health"
        assert app.view.caret == at(HEALTH, "وزارة")[0]
    store.close()


async def test_both_and_edit_by_hand_then_undo(tmp_path: Path) -> None:
    store = make_gold(tmp_path / "gold.json")
    app = adjudicate(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("b")  # both actors
        await pilot.pause()
        assert "conflicts: 2 here, 4 in all" in app.status_bar.here  # nothing was rejected
        assert {
            ("actor", "Stéphane Dujarric"),
            ("actor", CAIRO[slice(*at(CAIRO, "المتحدث باسم الخارجيـــة Stéphane Dujarric"))]),
        } <= spans(store)
        # edit by hand: select "19 يناير" (the caret is on the date conflict) and tag it
        app.view.select(*at(CAIRO, "19 يناير"))
        await pilot.press("d")
        await pilot.pause()
        assert ("date", "19 يناير") in spans(store)
        assert store.conflicts("un/cairo") == 1  # the date's versions set aside
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert ("date", "19 يناير") not in spans(store)
        assert store.conflicts("un/cairo") == 2
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert spans(store) == {("place", "القاهرة")} and store.conflicts("un/cairo") == 3
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert len(spans(store)) == 3
    store.close()


async def test_quit_mid_way_and_carry_on(tmp_path: Path) -> None:
    path = tmp_path / "gold.json"
    store = make_gold(path)
    app = adjudicate(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("1", "1", "1")  # settles un/cairo
        await pilot.pause()
        await pilot.press("v", "2")  # sy/health: omar's version of the first (nothing)
        await pilot.pause()
        await pilot.press("q")
    store.close()
    with AnnotationStore.open(path) as store:
        assert store.open_conflicts() == {"sy/health": 1}
        app = adjudicate(store)
        async with app.run_test(size=(100, 30)) as pilot:
            await ready(pilot)
            # straight to what is left: the one conflict of sy/health
            assert app.library.entries[app.current].id == "sy/health"
            assert app.view.caret == at(HEALTH, "أمس")[0]
            await pilot.press("2")
            await pilot.pause()
        assert store.open_conflicts() == {}
        assert spans(store, "sy/health") == {("place", "دمشق"), ("date", "أمس")}
        assert [d["status"] for d in store.documents()] == ["reviewed", "reviewed"]


async def test_keys_say_why_in_a_store_without_conflicts(tmp_path: Path) -> None:
    with AnnotationStore.open(tmp_path / "store.json") as store:
        store.add_document(HEALTH, doc_id="sy/health")
        app = make_app([], Config(store_path=store.path), store=store)
        async with app.run_test(size=(100, 30)) as pilot:
            await ready(pilot)
            await pilot.press("1", "v")
            await pilot.pause()
            assert "No conflict under the caret" in said(app)
            assert "No conflicts left to settle" in said(app)
            assert not app.screen.query("#conflicts")


async def test_next_conflict_from_a_document_without_any_outside_adjudicate(
    tmp_path: Path,
) -> None:
    """Opened as a plain store, at a document with no conflicts: the next-conflict key still
    finds the document that has some (the store-wide count is read for the key)."""
    with AnnotationStore.open(tmp_path / "gold.json", annotator="lina") as store:
        store.add_document(HEALTH, doc_id="sy/health")
        store.add_document(CAIRO, doc_id="un/cairo")
        store.add_conflict(
            "un/cairo",
            {"huda": [(*at(CAIRO, "بيروت"), "place")], "omar": []},
        )
        app = make_app([], Config(store_path=store.path), store=store)
        async with app.run_test(size=(100, 30)) as pilot:
            await ready(pilot)
            assert app.library.entries[app.current].id == "sy/health"
            await pilot.press("v")
            await pilot.pause()
            assert app.library.entries[app.current].id == "un/cairo"
            assert app.view.caret == at(CAIRO, "بيروت")[0]


async def test_adjudicating_a_settled_store_says_so(tmp_path: Path) -> None:
    with AnnotationStore.open(tmp_path / "gold.json") as store:
        store.add_document(HEALTH, doc_id="sy/health", status="reviewed")
        app = adjudicate(store)
        async with app.run_test(size=(100, 30)) as pilot:
            await ready(pilot)
            assert "No conflicts left to settle" in said(app)
            assert app.view.caret == 0
