"""Search hits: which one is selected, and stepping to the next or previous from the caret.

The hits themselves come from `reader.text.search`; this is the state of one search in the
app (its query, its hits, where the caret was when it began so Escape can go back) and the
rule for `n` / `N`: the first hit after the caret, wrapping around the document.
"""

from __future__ import annotations

from dataclasses import dataclass

Range = tuple[int, int]


@dataclass
class SearchState:
    """The current search: its query, its hits (logical ranges) and which one is selected."""

    query: str = ""
    hits: list[Range] | None = None
    current: int | None = None
    caret: int = 0  # where the caret was when the search began (Escape goes back)
    anchor: int | None = None


def first_at_or_after(hits: list[Range], index: int) -> int:
    """The first hit starting at or after `index`, else the first (wrapping around)."""
    for k, (start, _) in enumerate(hits):
        if start >= index:
            return k
    return 0


def step(hits: list[Range], caret: int, forward: bool) -> tuple[int, bool]:
    """The hit `n` (forward) or `N` goes to from the caret, and whether it wrapped around."""
    if forward:
        k = first_at_or_after(hits, caret + 1)
        return k, hits[k][0] <= caret
    before = [i for i, (start, _) in enumerate(hits) if start < caret]
    return (before[-1], False) if before else (len(hits) - 1, True)
