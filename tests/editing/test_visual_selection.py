"""Extending a selection sideways across a Latin name inside an Arabic line."""

from __future__ import annotations

from reader.editing.visual_selection import Edges, extend
from reader.text.layout import TextLayout

LINE = "وصرّح المتحدث Stéphane Dujarric بأن 12 دولة ستحضر."
NAME = "Stéphane Dujarric"
S = LINE.index(NAME)


def press(layout: TextLayout, anchor: int, caret: int, times: int, *steps: int, by_word=False):
    """Shift+Right (+1) or Shift+Left (-1), the steps given in turn, `times` times over;
    the selected text after each."""
    edges: Edges | None = None
    seen = []
    for step in steps * times:
        moved = extend(layout, anchor, caret, edges, step, by_word)
        assert moved is not None
        edges, anchor, caret = moved
        seen.append(LINE[min(anchor, caret) : max(anchor, caret)])
    return seen


def test_shift_right_reaches_the_last_letter_of_a_latin_name_then_goes_on_to_its_right() -> None:
    layout = TextLayout(LINE, 100)
    seen = press(layout, S, S, len(NAME) + 1, +1)
    assert seen[:3] == ["S", "St", "Sté"]
    assert seen[len(NAME) - 1] == NAME  # the final letter is reachable
    # One more cell to the right on screen is the space before the name (logically before it).
    assert seen[len(NAME)] == " " + NAME


def test_shift_left_from_the_name_takes_the_one_cell_on_its_left() -> None:
    layout = TextLayout(LINE, 100)
    assert press(layout, S, S, 1, -1) == [" "]
    # Back to the right: the selection empties again instead of jumping.
    moved = extend(layout, S, S, None, -1)
    assert moved is not None
    edges, anchor, caret = moved
    back = extend(layout, anchor, caret, edges, +1)
    assert back is not None and back[1] == back[2]


def test_a_found_word_grows_by_words_from_its_edge_on_the_right() -> None:
    layout = TextLayout(LINE, 100)
    end = S + len("Stéphane")
    assert press(layout, end, S, 2, +1, by_word=True) == ["Stéphane ", NAME]


def test_shrinking_gives_back_the_cells_it_took() -> None:
    layout = TextLayout(LINE, 100)
    assert press(layout, S, S, 1, +1, +1, +1, +1, +1, -1, -1)[-3:] == ["Stéph", "Stép", "Sté"]


def test_in_arabic_shift_left_selects_letters_in_reading_order() -> None:
    layout = TextLayout(LINE, 100)
    start = LINE.index("المتحدث")
    assert press(layout, start, start, 3, -1) == ["ا", "ال", "الم"]


def test_leaving_the_row_gives_back_to_logical_motion() -> None:
    layout = TextLayout(LINE, 20)  # wrapped: the name's row ends soon
    row = layout.locate(S)[0]
    last = layout.line(row)
    edge = max(cell.end for cell in last.cells)
    result = None
    anchor = caret = S
    edges = None
    for _ in range(60):
        result = extend(layout, anchor, caret, edges, +1)
        if result is None:
            break
        edges, anchor, caret = result
    assert result is None and max(anchor, caret) <= edge


def test_lam_alef_edges_are_the_ones_between_a_lam_and_its_alef() -> None:
    from reader.editing.edits import lam_alef_edges

    text = "الاتفاق لَا يكفي، والأمم"
    inside = text.index("الاتفاق") + 2  # ا after ل in الا
    vocalised = text.index("لَا") + 2  # ا after لَ (a fatha between)
    hamza = text.index("والأمم") + 3  # أ after ل
    others = [0, 1, text.index("يكفي"), len(text)]
    assert lam_alef_edges(text, [inside, vocalised, hamza, *others]) == {inside, vocalised, hamza}
