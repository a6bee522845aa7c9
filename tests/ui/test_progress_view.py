"""The progress view (f4, `show-progress`): pictures at 80x24 in 256 colours, 16 colours and
NO_COLOR, and the key that opens and closes it.

To look at a snapshot as a terminal shows it: `python tests/ui/view_snapshot.py SNAPSHOT.svg OUT.png`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.store import AnnotationStore
from reader.ui.progress_view import ProgressScreen
from tests.helpers.ui import FIXTURES, build

SIZE = (80, 24)
ARTICLE = FIXTURES / "annotate" / "1-libya.txt"
TEXT = ARTICLE.read_text(encoding="utf-8")

#: (label, quote, annotator, created): two annotators over four days, an unconfigured Arabic label.
SPANS = [
    ("actor", "وزير الخارجية التركي مولود جاويش أوغلو", "ليلى", "2026-11-27T09:00:00Z"),
    ("place", "أنقرة", "ليلى", "2026-11-27T09:01:00Z"),
    ("place", "ليبيا", "Omar", "2026-11-29T14:00:00Z"),
    ("place", "طرابلس", "Omar", "2026-11-29T14:02:00Z"),
    ("date", "يناير 2020", "ليلى", "2026-12-01T10:00:00Z"),
    ("actor", "المتحدث باسم الحكومة", "Omar", "2026-12-02T16:30:00Z"),
    ("claim", "الحوار هو الطريق الوحيد", "Omar", "2026-12-02T16:31:00Z"),
    ("مؤسسة", "الحكومة", "ليلى", "2026-12-02T17:00:00Z"),
]


@pytest.fixture
def store(tmp_path: Path):
    store = AnnotationStore.open(tmp_path / "store.json", annotator="tester")
    doc = store.add_document(TEXT, source=str(ARTICLE.absolute()), doc_id=ARTICLE.name)
    for number, (label, quote, annotator, created) in enumerate(SPANS):
        start = TEXT.index(quote)
        store.put_span(
            {"id": f"s{number}", "doc_id": doc, "start": start, "end": start + len(quote)}
            | {"label": label, "annotator": annotator, "created": created}
        )
    store.add_document("نصٌّ ثانٍ، لم يُوسَم بعد.", source="second.txt", doc_id="second.txt")
    store.add_document("Third: نص ثالث.", source="third.txt", doc_id="third.txt")
    store.set_status(doc, "done")
    store.set_status("third.txt", "skipped")
    yield store
    store.close()


async def open_progress(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.press("f4")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_progress_view(snap_compare, store, colours) -> None:
    assert snap_compare(build([ARTICLE], store=store), terminal_size=SIZE, run_before=open_progress)


@pytest.mark.anyio
async def test_f4_opens_the_counts_of_the_store_and_escape_closes(store) -> None:
    app = build([ARTICLE], store=store)
    async with app.run_test(size=SIZE) as pilot:
        await open_progress(pilot)
        assert isinstance(app.screen, ProgressScreen)
        report = app.screen.report()
        assert report.progress.labels["place"] == 3
        assert report.progress.annotators == {"Omar": 4, "ليلى": 4}
        assert report.progress.statuses == {"todo": 1, "in_progress": 0, "done": 1, "skipped": 1}
        await pilot.press("escape")
        assert not isinstance(app.screen, ProgressScreen)
        await pilot.press("f4", "f4")
        assert not isinstance(app.screen, ProgressScreen)


@pytest.mark.anyio
async def test_without_a_store_it_says_so() -> None:
    app = build([ARTICLE])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        assert isinstance(app.screen, ProgressScreen)
        assert "No store is open" in str(app.screen.report())
