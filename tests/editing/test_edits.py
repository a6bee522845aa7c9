"""The rules under the annotation keys: what gets tagged, edges by one letter, focus, the span index."""

from __future__ import annotations

import random

from reader.editing.edits import (
    END,
    START,
    move_edge,
    next_boundary,
    next_focus,
    previous_boundary,
    tag_range,
)
from reader.editing.span_index import LONG, SpanIndex, innermost_first

TEXT = "قال المتحدث وَطرابلس  هادئة. ثم غادر"


def span(span_id: str, start: int, end: int, label: str = "place") -> dict:
    return {"id": span_id, "start": start, "end": end, "label": label}


def test_tag_range_is_the_trimmed_selection_or_the_word() -> None:
    start = TEXT.index("وَطرابلس")
    assert tag_range(TEXT, (start - 1, start + 10), 0) == (start, start + 8)  # spaces trimmed
    assert tag_range(TEXT, None, start + 3) == (start, start + 8)
    assert tag_range(TEXT, None, start + 8) == (start, start + 8)  # just past the word
    assert tag_range(TEXT, (start + 8, start + 10), 0) is None  # only spaces
    assert tag_range(TEXT, None, TEXT.index(".") + 1) is None


def test_an_edge_moves_by_a_letter_with_its_harakat() -> None:
    start = TEXT.index("وَطرابلس")
    end = start + len("وَطرابلس")
    assert move_edge(TEXT, start, end, START, +1) == (start + 2, end)  # "وَ" is one cluster
    assert TEXT[start + 2 : end] == "طرابلس"
    assert move_edge(TEXT, start + 2, end, START, -1) == (start, end)
    assert move_edge(TEXT, start, end, END, -1) == (start, end - 1)
    # Growing the end over the two spaces after it takes the next letter too: a span never
    # ends on whitespace.
    assert move_edge(TEXT, start, end, END, +1) == (start, end + 3)
    assert move_edge(TEXT, start, end + 3, END, -1) == (start, end)
    assert move_edge(TEXT, start, start + 2, END, -1) is None  # never empty
    assert move_edge(TEXT, start, start + 2, START, +1) is None
    assert move_edge(TEXT, 0, 3, START, -1) == (0, 3)  # at the text's edge: stays
    assert move_edge(TEXT, 0, len(TEXT), END, +1) == (0, len(TEXT))


def test_boundaries_never_split_a_cluster() -> None:
    text = "بِسْمِ 👨‍👩‍👧 e\u0301"
    boundaries = {0}
    i = 0
    while i < len(text):
        i = next_boundary(text, i)
        boundaries.add(i)
    assert sorted(boundaries) == [0, 2, 4, 6, 7, 12, 13, 15]
    for k in range(len(text) + 1):
        assert previous_boundary(text, k) == max(
            b for b in boundaries if b < k or (k == 0 and b == 0)
        )


def test_tab_cycles_innermost_first_and_wraps() -> None:
    spans = innermost_first(
        [span("claim", 0, 30, "claim"), span("place", 12, 20), span("actor", 4, 20, "actor")]
    )
    assert [s["id"] for s in spans] == ["place", "actor", "claim"]
    assert next_focus(spans, None) == "place"
    assert next_focus(spans, "place") == "actor"
    assert next_focus(spans, "claim") == "place"
    assert next_focus(spans, "place", -1) == "claim"
    assert next_focus([], "place") is None


def test_span_index_finds_what_a_row_and_the_caret_touch() -> None:
    index = SpanIndex([span("c", 0, 30, "claim"), span("a", 4, 11, "actor"), span("p", 12, 20)])
    assert [s["id"] for s in index] == ["c", "a", "p"]
    assert [s["id"] for s in index.overlapping(11, 12)] == ["c"]
    assert [s["id"] for s in index.at(14)] == ["p", "c"]
    assert [s["id"] for s in index.at(31)] == []
    assert [s["id"] for s in index.at(30)] == ["c"]  # just past its end
    assert index.counts == {"claim": 1, "actor": 1, "place": 1}
    index.put(span("a", 4, 20, "place"))  # relabel and move: replaced in place
    assert index.counts == {"claim": 1, "place": 2}
    assert index.position("a") == 1 and index[1]["end"] == 20
    assert index.remove("c")["label"] == "claim" and "c" not in index
    assert index.remove("c") is None and len(index) == 2


def test_span_index_agrees_with_brute_force_at_any_length() -> None:
    rng = random.Random(5)
    spans = []
    for k in range(400):
        start = rng.randrange(0, 20_000)
        length = rng.choice([rng.randrange(1, 30), rng.randrange(1, 3 * LONG)])
        spans.append(span(f"s{k}", start, start + length, rng.choice(["actor", "place", "claim"])))
    index = SpanIndex(spans[:200])
    for extra in spans[200:]:
        index.put(extra)
    for gone in spans[::7]:
        index.remove(gone["id"])
    alive = [s for k, s in enumerate(spans) if k % 7]
    for _ in range(300):
        start = rng.randrange(0, 22_000)
        end = start + rng.randrange(1, 200)
        expected = sorted(
            (s for s in alive if s["start"] < end and s["end"] > start),
            key=lambda s: (s["start"], -s["end"], s["label"], s["id"]),
        )
        assert index.overlapping(start, end) == expected
    assert list(index) == sorted(alive, key=lambda s: (s["start"], -s["end"], s["label"], s["id"]))
