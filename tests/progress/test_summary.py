"""The progress numbers over a real store, and the bars drawn from them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rich.console import Console

from reader.progress import Progress, ProgressReport, summarise
from reader.store import AnnotationStore
from reader.text.shaping import DisplayOptions

LABELS = ("actor", "place", "date", "claim")
TEXT = "\ufeffقالَ المتحدث «Stéphane Dujarric» إنّ طرابلس وأنقرة اتفقتا يوم ١٢ يناير 2020 🙂\r\n"
SECOND = "وعادت الطـــائرة إلى طرابلس (مساءً) لا غير."


def add(store: AnnotationStore, doc: str, text: str, quote: str, label: str, **extra: Any) -> None:
    start = text.index(quote)
    store.put_span(
        {"id": f"{label}-{start}-{doc}", "doc_id": doc, "start": start, "end": start + len(quote)}
        | {"label": label, **extra}
    )


def filled(path: Path) -> AnnotationStore:
    store = AnnotationStore.open(path, annotator="ليلى")
    one = store.add_document(TEXT, source="one.txt")
    two = store.add_document(SECOND, source="two.txt")
    store.add_document("نص ثالث بلا وسوم.", source="three.txt")
    store.set_status(one, "done")
    store.set_status(two, "in_progress")
    add(store, one, TEXT, "طرابلس", "place", created="2026-11-28T09:30:12Z")
    add(store, one, TEXT, "أنقرة", "place", created="2026-11-28T23:59:59Z", annotator="Omar")
    add(store, one, TEXT, "Stéphane Dujarric", "actor", created="2026-12-01T08:00:00Z")
    add(store, one, TEXT, "١٢ يناير 2020", "date", created="2026-12-01T08:00:01Z", annotator="Omar")
    add(store, two, SECOND, "طرابلس", "مكان", created="2026-12-02T10:00:00Z", annotator="Omar")
    add(store, two, SECOND, "الطـــائرة", "شيء", created="yesterday")
    return store


def test_counts_over_a_store(tmp_path: Path) -> None:
    with filled(tmp_path / "store.json") as store:
        progress = summarise(store, LABELS)
    # configured labels first, zeros kept; then the others by name
    assert list(progress.labels.items()) == [
        ("actor", 1),
        ("place", 2),
        ("date", 1),
        ("claim", 0),
        ("شيء", 1),
        ("مكان", 1),
    ]
    assert progress.statuses == {"todo": 1, "in_progress": 1, "done": 1, "skipped": 0}
    assert progress.days == {"2026-11-28": 2, "2026-12-01": 2, "2026-12-02": 1}
    assert progress.undated == 1
    assert list(progress.annotators.items()) == [("Omar", 3), ("ليلى", 3)]
    assert (progress.documents, progress.spans, progress.done) == (3, 6, 1)


def test_a_read_only_store_and_an_empty_one(tmp_path: Path) -> None:
    with filled(tmp_path / "store.json") as writer:
        with AnnotationStore.open(tmp_path / "store.json", read_only=True) as reader:
            assert summarise(reader) == summarise(writer)
    with AnnotationStore.open(tmp_path / "empty.json") as empty:
        nothing = summarise(empty, LABELS)
    assert nothing.labels == dict.fromkeys(LABELS, 0)
    assert (nothing.documents, nothing.spans, nothing.days, nothing.annotators) == (0, 0, {}, {})


class StandIn:
    """Anything with documents() and read_documents() will do."""

    def documents(self) -> list[dict[str, Any]]:
        return [{"id": "d", "status": "todo"}]

    def read_documents(self) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
        yield {"id": "d"}, [{"label": "x\x1b[31m", "created": "2026-01-05T00:00:00Z"}]


def test_a_stand_in_store() -> None:
    progress = summarise(StandIn())
    assert progress.labels == {"x\x1b[31m": 1}
    assert progress.annotators == {"?": 1}


def render(progress: Progress, width: int, **options: Any) -> str:
    console = Console(width=width, record=True, color_system=None, file=open("/dev/null", "w"))
    console.print(ProgressReport(progress, **options))
    return console.export_text()


def test_bars(tmp_path: Path) -> None:
    with filled(tmp_path / "store.json") as store:
        progress = summarise(store, LABELS)
    wide = render(progress, 80, days=7)
    assert wide.startswith("1/3 documents done (33%) · 6 spans · 2 annotators · 1 undated")
    rows = {line.split()[0]: line for line in wide.splitlines() if line.strip()}
    # the biggest count has the longest bar; a zero, none
    place, actor = rows["place"][:40], rows["actor"][:40]  # the left column
    assert place.count("█") > actor.count("█") > 0
    assert "█" not in rows["claim"][:40]
    # an Arabic label is laid out by the text engine: shaped, in visual order, right-aligned
    shaped = "ﻥﺎﻜﻣ"  # مكان in presentation forms, right to left on screen
    assert shaped in wide and "مكان" not in wide
    # seven days up to the last one with a span, the empty ones as zero rows
    days = [line.split()[0] for line in wide.splitlines() if line[:2] in ("11", "12")]
    assert days == ["11-26", "11-27", "11-28", "11-29", "11-30", "12-01", "12-02"]
    # two columns at 80 cells, one under the other at 50
    assert (
        "spans per label" in wide.splitlines()[2] and "documents by status" in wide.splitlines()[2]
    )
    narrow = render(progress, 50)
    assert all(len(line) <= 50 for line in narrow.splitlines())
    assert not any(
        "documents by status" in line and "spans per label" in line for line in narrow.splitlines()
    )


def test_logical_order_for_terminals_that_reorder(tmp_path: Path) -> None:
    with filled(tmp_path / "store.json") as store:
        progress = summarise(store, LABELS)
    plain = render(progress, 80, options=DisplayOptions(reorder=False, shaping=False))
    assert "مكان" in plain


def test_names_from_data_cannot_drive_the_terminal() -> None:
    shown = render(summarise(StandIn()), 80)
    assert "\x1b" not in shown and "x" in shown
