"""Rows painted from the line's text alone (`paint_plain`, the rows of an article as it
opens) are the very strips that painting cell by cell (`paint_row`) gives."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.style import Style

from reader.text.layout import TextLayout
from reader.text.shaping import DisplayOptions
from reader.ui.row_painter import GUTTER, MARGIN, Row, RowStyles, paint_plain, paint_row
from tests.helpers.mixed_text import option_sets, texts

BASE = Style(color="#d0d0d0", bgcolor="#101010")
STYLES = RowStyles(
    BASE, Style(dim=True), Style(reverse=True), Style(color="red"), Style(underline=True)
)


def rows_both_ways(text: str, width: int, options: DisplayOptions) -> list[tuple[object, object]]:
    """(plain, by cells) for every row of `text` laid out `width` cells wide."""
    layout = TextLayout(text, width, options)
    row_width = width + MARGIN + GUTTER
    pairs = []
    for i in range(layout.row_count):
        line = layout.line(i)
        plain = paint_plain(line, row_width, BASE)
        cells = paint_row(Row(layout, line, row_width, None, None), STYLES, [], [], None, None)
        pairs.append((None if plain is None else list(plain), list(cells)))
    return pairs


@settings(max_examples=300, deadline=None)
@given(texts, st.integers(min_value=2, max_value=40), option_sets)
@example("قالَ المتحدثُ باسم الأمم المتحدة Stéphane Dujarric إنّ ١٢ دولةً", 20, DisplayOptions())
@example("تحمل\xa0المسؤولية «لا» (2019)", 9, DisplayOptions(direction="ltr"))
def test_a_plain_row_is_what_its_cells_draw(text, width, options):
    for plain, cells in rows_both_ways(text, width, options):
        if plain is not None:
            assert plain == cells


def test_rows_of_news_text_take_the_plain_way_and_markers_do_not():
    news = "وقال وزير الخارجية المصري سامح شكري إنّ المحادثات في جنيف ستُستأنف يوم ١٥ مارس ٢٠٢٤"
    pairs = rows_both_ways(news, 24, DisplayOptions())
    assert len(pairs) > 2 and all(plain is not None for plain, _ in pairs)
    marked = rows_both_ways("قال \u202eGNA\u202c اليوم", 40, DisplayOptions())
    assert [plain for plain, _ in marked] == [None]  # an override shown as a marker: by cells
