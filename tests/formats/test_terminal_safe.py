"""Exported JSON shown on a terminal: the same value once parsed, nothing a terminal acts on."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.formats.terminal_safe import json_escape, sanitise_lines

ACTIVE = (
    {chr(c) for c in range(0x7F, 0xA0)}
    | set("\u061c\u200e\u200f\u2028\u2029")
    | {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
)


@settings(max_examples=80, deadline=None)
@given(
    st.recursive(
        st.text(alphabet=st.characters(codec="utf-8")) | st.integers(),
        lambda children: (
            st.lists(children, max_size=3)
            | st.dictionaries(st.text(max_size=5), children, max_size=3)
        ),
        max_leaves=10,
    )
)
def test_escaped_json_parses_to_the_same_value_and_holds_nothing_active(value: object) -> None:
    shown = json_escape(json.dumps(value, ensure_ascii=False))
    assert json.loads(shown) == value
    assert not ACTIVE & set(shown)


def test_line_formats_keep_their_lines_and_lose_the_controls() -> None:
    text = "ليبيا B-place\n\u202eمخفي\x9b O\n\n"
    assert sanitise_lines(text) == "ليبيا B-place\n⇇مخفي␦ O\n\n"
