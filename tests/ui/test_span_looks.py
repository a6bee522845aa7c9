"""How spans look: shades per label, nesting, claims, focus, cues without colour."""

from __future__ import annotations


def span(span_id: str, start: int, end: int, label: str = "place") -> dict:
    return {"id": span_id, "start": start, "end": end, "label": label}


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
