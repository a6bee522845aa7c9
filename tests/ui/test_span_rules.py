"""The pure rules under the annotation keys: what gets tagged, edges by one letter, focus, the span index."""

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


def looks(mode: str = "color"):
    from reader.config import DEFAULT_LABELS
    from reader.ui.annotations import SpanLooks

    return SpanLooks(DEFAULT_LABELS, mode)


def test_innermost_entity_wins_in_a_stronger_shade_and_claims_underline() -> None:
    from reader.text.layout import Cell
    from reader.ui.annotations import FOCUS

    cells = [Cell("x", 1, i, i + 1, 1) for i in range(12)]
    spans = [
        span("claim", 0, 12, "claim"),
        span("actor", 2, 10, "actor"),
        span("place", 5, 8, "place"),
    ]
    styles = looks().cell_styles(cells, spans)
    actor, place = looks().look("actor"), looks().look("place")
    assert [s.underline for s in styles] == [True] * 12
    assert styles[0].bgcolor is None
    assert styles[2].bgcolor == actor.own.bgcolor  # the actor alone
    assert (
        styles[5].bgcolor == place.nested.bgcolor
    )  # the place inside the actor: innermost, stronger
    assert styles[8].bgcolor == actor.own.bgcolor  # and the actor again after it
    assert place.nested.bgcolor != place.own.bgcolor
    focused = looks().cell_styles(cells, spans, focused="place")
    assert focused[6].reverse and focused[6].bold and not focused[4].reverse
    assert focused[6] == styles[6] + FOCUS


def test_a_cell_of_two_characters_takes_a_span_over_either() -> None:
    from reader.text.layout import Cell

    lam_alef = [Cell("ﻻ", 1, 0, 2, 1), Cell("x", 1, 2, 3, 1)]
    styles = looks().cell_styles(lam_alef, [span("p", 1, 3)])
    assert styles[0] is not None and styles[0] == styles[1]


def test_gutter_marks_claim_rows_and_the_focused_claim() -> None:
    from reader.ui.annotations import FOCUSED_MARK, GUTTER_MARK

    spans = [span("c", 0, 40, "claim"), span("a", 3, 9, "actor")]
    assert looks().gutter(spans)[0] == GUTTER_MARK
    assert looks().gutter(spans, focused="c")[0] == FOCUSED_MARK
    assert looks().gutter([span("a", 3, 9, "actor")]) is None


def test_without_colour_every_label_has_its_own_cue_and_the_legend_shows_it() -> None:
    for mode in ("ansi", "mono"):
        styles = {name: looks(mode).look(name).own for name in ("actor", "place", "date", "claim")}
        assert len(set(styles.values())) == 4, styles
        if mode == "mono":
            assert all(style.color is None and style.bgcolor is None for style in styles.values())
        legend = looks(mode).legend({"actor": 2, "claim": 1, "imported": 5})
        assert legend.plain == "a actor 2 p place 0 d date 0 c claim 1 imported 5"
        drawn = {legend.plain[span.start : span.end]: span.style for span in legend.spans}
        assert drawn["actor"] == styles["actor"] and drawn["place"] == styles["place"]
    for mode in ("ansi", "256"):
        backgrounds = [looks(mode).look(name).own.bgcolor for name in ("actor", "place", "date")]
        assert len(set(backgrounds)) == 3


def test_with_256_colours_every_label_keeps_its_own_colour() -> None:
    from rich.color import ColorSystem

    own = {name: looks("256").look(name).own for name in ("actor", "place", "date")}
    downgraded = {
        name: style.bgcolor.downgrade(ColorSystem.EIGHT_BIT).number for name, style in own.items()
    }
    assert len(set(downgraded.values())) == 3, (
        downgraded
    )  # a soft shade would round all to one grey
    assert looks("256").look("place").nested.bold


def test_without_colour_a_span_nested_in_one_of_its_own_label_still_shows() -> None:
    from reader.text.layout import Cell

    cells = [Cell("x", 1, i, i + 1, 1) for i in range(10)]
    nested = [span("outer", 0, 10, "actor"), span("inner", 3, 6, "actor")]
    for mode in ("mono", "ansi", "256", "color"):
        styles = looks(mode).cell_styles(cells, nested)
        assert styles[4] != styles[1], mode  # inside the inner actor, not as the outer one
        assert styles[1] == styles[8], mode
