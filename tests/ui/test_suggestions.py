"""Suggestions in the app, as a person uses them, checked against the store afterwards.

Computed in a worker when a document opens; g goes to the next one, Enter accepts, X rejects
(remembered after a reopen), A accepts every one of a label, t tags every other occurrence of
a span's text (clitics outside) and, pressed again, suggests it in the other documents; each
one undoable; never counted as annotations.
"""

from __future__ import annotations

import threading
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from reader.assist import Suggestion
from reader.store import AnnotationStore
from reader.ui.spans_panel import SpansPanel
from tests.helpers.ui import build, ready, said

pytestmark = pytest.mark.anyio

SIZE = (80, 24)
# Harakat, tatweel, Latin, both digit sets, guillemets, an emoji, and تركيا behind و ل ب.
TEXT = (
    "قال وزيرُ الخارجيـة (Hakan Fidan) في أنقرة يوم 15 مارس 2011 إن «تركيا» لن تنسحب.\n"
    "وأضاف أن وتركيا ولتركيا وبتركيا شريكة 🌍، وأن وفداً سيصل إلى بيروت في ٣ أبريل ٢٠١٢.\n"
)
OTHER = "وصل إلى تركيا وفد من دمشق، ثم عاد لتركيا.\n"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "turkey.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


@pytest.fixture
def store(tmp_path: Path):
    store = AnnotationStore.open(tmp_path / "store.json", annotator="tester")
    yield store
    store.close()


@pytest.fixture
def suggesting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("reader.ui.suggesting.SUGGEST_ON_OPEN", True)
    monkeypatch.setattr("reader.ui.suggesting.WARM_AFTER", 0)


def at(text: str, quote: str, occurrence: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence):
        start = text.index(quote, start + 1)
    return start, start + len(quote)


def spans(store: AnnotationStore, doc_id: str) -> list[tuple[str, str]]:
    return [(span["label"], span["text"]) for span in store.spans(doc_id)]


def pending(store: AnnotationStore, doc_id: str) -> list[tuple[str, str]]:
    return [(s["label"], s["text"]) for s in store.suggestions(doc_id)]


@asynccontextmanager
async def opened(store: AnnotationStore, paths: list[Path]):
    app = build(paths, store=store)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        yield app, pilot


def stored(store: AnnotationStore, path: Path, *found: tuple[str, str, int]) -> str:
    """Record the article with these suggestions (quote, label, occurrence) already there."""
    doc_id = path.name  # as the app names a file given alone
    store.add_document(path.read_text(encoding="utf-8"), source=str(path.absolute()), doc_id=doc_id)
    store.add_suggestions(
        doc_id, [Suggestion(*at(TEXT, q, n), label, f"{label}/1") for q, label, n in found]
    )
    return doc_id


async def test_suggestions_are_computed_on_open_drawn_and_never_counted(
    store: AnnotationStore, article: Path, suggesting: None
) -> None:
    async with opened(store, [article]) as (app, _pilot):
        doc_id = app.library.entries[0].id
        found = pending(store, doc_id)
        assert ("place", "أنقرة") in found and ("place", "بيروت") in found
        assert any(label == "date" and "مارس" in text for label, text in found)
        assert len(app.suggester.rules.suggestions) == len(found)
        assert len(app.spans) == 0 and sum(app.spans.counts.values()) == 0
        assert store.documents()[0]["span_count"] == 0
        layers = [
            layer for name, layer in app.view._layers.items() if name.startswith("suggestions-")
        ]
        assert {(h.start, h.end) for layer in layers for h in layer} == {
            (s["start"], s["end"]) for s in store.suggestions(doc_id)
        }


async def test_next_then_enter_accepts_and_undo_takes_it_back(
    store: AnnotationStore, article: Path
) -> None:
    doc_id = stored(store, article, ("أنقرة", "place", 1), ("بيروت", "place", 1))
    async with opened(store, [article]) as (app, pilot):
        await pilot.press("g")
        assert app.view.caret == at(TEXT, "أنقرة")[0]
        await pilot.press("enter")
        [span] = store.spans(doc_id)
        assert (span["label"], span["text"], span["origin"]) == (
            "place",
            "أنقرة",
            "suggestion:place/1",
        )
        assert pending(store, doc_id) == [("place", "بيروت")]
        assert app.spans.counts["place"] == 1
        assert len(app.suggester.rules.suggestions) == 1
        await pilot.press("ctrl+z")
        assert spans(store, doc_id) == []
        assert pending(store, doc_id) == [("place", "أنقرة"), ("place", "بيروت")]
        assert len(app.suggester.rules.suggestions) == 2 and len(app.spans) == 0


async def test_reject_is_remembered_after_a_reopen_and_undone(
    store: AnnotationStore, article: Path, suggesting: None
) -> None:
    doc_id = stored(store, article, ("أنقرة", "place", 1), ("بيروت", "place", 1))
    async with opened(store, [article]) as (app, pilot):
        await pilot.press("ل", "X")  # g on the Arabic layout, then reject
        assert pending(store, doc_id) == [("place", "بيروت")]
        await pilot.press("ctrl+z")
        assert pending(store, doc_id) == [("place", "أنقرة"), ("place", "بيروت")]
        await pilot.press("ctrl+y")
    path = store.path
    store.close()
    with AnnotationStore.open(path) as again:
        assert [s["text"] for s in again.suggestions(doc_id, "rejected")] == ["أنقرة"]
        async with opened(again, [article]) as (app, pilot):  # the worker suggests it again
            texts = {s["text"] for s in app.suggester.rules.suggestions}
            assert "أنقرة" not in texts and "بيروت" in texts
            assert spans(again, doc_id) == []


async def test_accept_all_takes_every_suggestion_of_the_label_in_one_undo(
    store: AnnotationStore, article: Path
) -> None:
    doc_id = stored(
        store,
        article,
        ("أنقرة", "place", 1),
        ("15 مارس 2011", "date", 1),
        ("بيروت", "place", 1),
        ("٣ أبريل ٢٠١٢", "date", 1),
    )
    async with opened(store, [article]) as (_app, pilot):
        await pilot.press("g", "g", "A")
        assert spans(store, doc_id) == [("date", "15 مارس 2011"), ("date", "٣ أبريل ٢٠١٢")]
        assert pending(store, doc_id) == [("place", "أنقرة"), ("place", "بيروت")]
        await pilot.press("ctrl+z")
        assert spans(store, doc_id) == [] and len(pending(store, doc_id)) == 4


async def test_tag_all_tags_the_word_behind_clitics_then_suggests_it_elsewhere(
    store: AnnotationStore, article: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.txt"
    other.write_text(OTHER, encoding="utf-8")
    async with opened(store, [article, other]) as (app, pilot):
        doc_id, other_id = (entry.id for entry in app.library.entries)
        await pilot.press("slash", *"تركيا", "enter", "p")
        assert spans(store, doc_id) == [("place", "تركيا")]
        await pilot.press("t")
        assert spans(store, doc_id) == [("place", "تركيا")] * 4
        for span in store.spans(doc_id):
            assert TEXT[span["start"] - 1] in "«وبل"  # the clitic left outside
        assert app.spans.counts["place"] == 4
        await pilot.press("ctrl+z")
        assert spans(store, doc_id) == [("place", "تركيا")]
        await pilot.press("t", "t")
        await ready(pilot)  # the other documents are searched in a worker
        assert len(store.spans(doc_id)) == 4
        assert pending(store, other_id) == [("place", "تركيا"), ("place", "تركيا")]
        assert spans(store, other_id) == []
        assert "Suggested 2 in 1 document" in said(app)
        await pilot.press("ctrl+z")
        assert pending(store, other_id) == []


async def test_tag_all_across_the_corpus_leaves_the_keys_live(
    store: AnnotationStore, article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second t returns at once: while the worker is held searching, a key moves the
    caret; released, its result arrives as one step that undo takes back."""
    from reader.ui import suggesting

    release, searching = threading.Event(), threading.Event()
    real = suggesting._find

    def held(text: str, patterns: list[tuple[str, str]], existing: list[tuple[int, int]]):
        if threading.current_thread() is not threading.main_thread():  # the worker only
            searching.set()
            assert release.wait(10), "the test never released the search"
        return real(text, patterns, existing)

    monkeypatch.setattr(suggesting, "_find", held)
    paths = [article]
    for name in ("other.txt", "third.txt"):
        paths.append(tmp_path / name)
        paths[-1].write_text(OTHER, encoding="utf-8")
    async with opened(store, paths) as (app, pilot):
        doc_id, *others = (entry.id for entry in app.library.entries)
        await pilot.press("slash", *"تركيا", "enter", "p", "t", "t")
        assert searching.wait(5)
        caret = app.view.caret
        await pilot.press("right")  # handled while the search is held
        assert app.view.caret != caret
        await pilot.press("left")
        assert app.view.caret == caret
        assert all(pending(store, other) == [] for other in others)
        await pilot.press("t", "t")  # a second search is refused while one runs
        assert "Still suggesting the last one" in said(app)
        release.set()
        await ready(pilot)
        assert [len(pending(store, other)) for other in others] == [2, 2]
        assert pending(store, doc_id) == []  # never the document it was pressed in
        assert "Suggested 4 in 2 documents" in said(app)
        await pilot.press("ctrl+z")
        assert all(pending(store, other) == [] for other in others)
        assert len(store.spans(doc_id)) == 4  # the tagging here is its own step


async def test_next_from_the_top_takes_a_suggestion_on_the_first_word(
    store: AnnotationStore, article: Path
) -> None:
    doc_id = stored(store, article, ("قال", "claim", 1), ("أنقرة", "place", 1))
    async with opened(store, [article]) as (app, pilot):
        assert app.view.caret == 0
        await pilot.press("g")
        assert app.view.caret == 0 and app.suggester.rules.focused is not None
        await pilot.press("g")
        assert app.view.caret == at(TEXT, "أنقرة")[0]
        await pilot.press("g", "enter")  # wrapped around to the first word
        assert spans(store, doc_id) == [("claim", "قال")]


async def test_keys_without_a_suggestion_say_why(store: AnnotationStore, article: Path) -> None:
    stored(store, article)
    async with opened(store, [article]) as (app, pilot):
        await pilot.press("g", "enter", "X")
        messages = "\n".join(n.message for n in app._notifications)
        assert "No suggestions in this document" in messages
        assert "No suggestion under the caret to accept" in messages


def listed(app) -> list[tuple[str, str, bool]]:
    """The spans panel's items: (label, text, whether a suggestion), as it lists them."""
    panel = app.query_one(SpansPanel)
    return [
        (item["label"], item["text"], suggested)
        for item, suggested in (panel._item(i) for i in range(panel.item_count))
    ]


async def test_spans_panel_lists_suggestions_after_the_spans_and_follows_the_keys(
    store: AnnotationStore, article: Path
) -> None:
    doc_id = stored(store, article, ("أنقرة", "place", 1), ("بيروت", "place", 1))
    async with opened(store, [article]) as (app, pilot):
        await pilot.press("slash", *"تركيا", "enter", "p", "escape", "f3")
        panel = app.query_one(SpansPanel)
        assert listed(app) == [
            ("place", "تركيا", False),
            ("place", "أنقرة", True),
            ("place", "بيروت", True),
        ]
        lines = [panel.render_line(y) for y in range(4)]
        marks = [line.text.split()[1] for line in lines[:3]]
        assert marks[0] != "?" and marks[1:] == ["?", "?"] and lines[3].text.strip() == ""
        texts = [
            [seg for seg in line if seg.text.strip() and "?" not in seg.text] for line in lines
        ]
        assert not any(seg.style and seg.style.dim for seg in texts[0])  # a span: not dim
        assert all(seg.style and seg.style.dim for seg in texts[1][1:])  # a suggestion's text: dim
        assert app.spans.counts["place"] == 1  # suggestions are never counted
        await pilot.press("down", "enter")  # Enter on a suggestion goes to it in the article
        assert app.focused is app.view and app.view.caret == at(TEXT, "أنقرة")[0]
        await pilot.press("enter")  # accepted: a span now, listed first, in text order
        assert listed(app) == [
            ("place", "أنقرة", False),
            ("place", "تركيا", False),
            ("place", "بيروت", True),
        ]
        await pilot.press("g", "X")  # rejected: gone from the list
        assert listed(app) == [("place", "أنقرة", False), ("place", "تركيا", False)]
        await pilot.press("ctrl+z", "ctrl+z")  # both undone: listed as suggestions again
        assert listed(app)[1:] == [("place", "أنقرة", True), ("place", "بيروت", True)]
        assert pending(store, doc_id) == [("place", "أنقرة"), ("place", "بيروت")]


async def test_x_on_a_suggestion_in_the_spans_panel_rejects_it(
    store: AnnotationStore, article: Path
) -> None:
    """x deletes the span under the panel's cursor; on a suggestion's row it rejects the
    suggestion (it did nothing there), undoably, and the focus stays in the panel."""
    doc_id = stored(store, article, ("أنقرة", "place", 1), ("بيروت", "place", 1))
    async with opened(store, [article]) as (app, pilot):
        await pilot.press("slash", *"تركيا", "enter", "p", "escape", "f3")
        panel = app.query_one(SpansPanel)
        await pilot.press("down", "down", "x")  # the row of بيروت, a suggestion
        assert listed(app) == [("place", "تركيا", False), ("place", "أنقرة", True)]
        assert pending(store, doc_id) == [("place", "أنقرة")]
        assert app.focused is panel
        await pilot.press("up", "up", "x")  # a span's row: deleted, as before
        assert listed(app) == [("place", "أنقرة", True)]
        await pilot.press("ctrl+z", "ctrl+z")
        assert listed(app) == [
            ("place", "تركيا", False),
            ("place", "أنقرة", True),
            ("place", "بيروت", True),
        ]
        assert pending(store, doc_id) == [("place", "أنقرة"), ("place", "بيروت")]


async def test_moving_the_focus_redraws_only_the_rows_of_the_two_suggestions(
    store: AnnotationStore, article: Path
) -> None:
    """Focus, accept, reject and undo redraw the rows of the suggestions they touch, not the view;
    every row on screen is then as a fresh drawing of it (none left stale)."""
    stored(store, article, ("أنقرة", "place", 1), ("بيروت", "place", 1))
    async with opened(store, [article]) as (app, pilot):
        view = app.view
        height = view.scrollable_content_region.height

        def row_of(quote: str) -> int:
            return view._layout.locate(at(TEXT, quote)[0])[0] - round(view.scroll_offset.y)

        def reversed_on(quote: str) -> bool:
            return any(seg.style and seg.style.reverse for seg in view.render_line(row_of(quote)))

        def none_stale() -> bool:
            cached = [list(view.render_line(y)) for y in range(height)]
            view._cache.clear()
            return cached == [list(view.render_line(y)) for y in range(height)]

        await pilot.press("g")
        assert reversed_on("أنقرة") and not reversed_on("بيروت")
        generation = view._generation
        await pilot.press("g")
        assert reversed_on("بيروت") and not reversed_on("أنقرة") and none_stale()
        await pilot.press("enter")  # accept بيروت: a span now
        assert none_stale()
        await pilot.press("ctrl+z", "X")  # back, then rejected: no span drawn there either
        assert none_stale()
        await pilot.press("ctrl+z")
        assert none_stale()
        assert view._generation == generation  # no redraw of every row
        await pilot.press("ctrl+end")  # off any suggestion: the focus is drawn nowhere
        assert app.suggester.rules.under(view.caret) is None
        assert not reversed_on("بيروت") and not reversed_on("أنقرة") and none_stale()
