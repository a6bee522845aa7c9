"""What an annotation key acts on: the range to tag, an edge moved by one character, the next focus.

Pure logic over the document's text (no Textual, no store), so each rule is tested directly:

- a label key tags the selection, or the word under the caret when nothing is selected, with
  leading and trailing whitespace trimmed;
- an edge key moves the start or the end (logical, not screen, edges) of a range by one
  character, a letter together with its harakat (a grapheme cluster), so "وَطرابلس" loses
  "وَ" in one press; a range never becomes empty;
- Tab cycles the focus through the spans under the caret, innermost first.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from reader.text.words import grapheme_pattern, trim, word_at

if TYPE_CHECKING:
    from reader.store.model import SpanRecord

_WINDOW = 64  # code points looked back to find where a cluster starts (longer clusters are absurd)

START, END = "start", "end"


def tag_range(text: str, selection: tuple[int, int] | None, caret: int) -> tuple[int, int] | None:
    """The range a label key tags: the selection, else the word at the caret; trimmed, or None."""
    if selection is not None:
        start, end = trim(text, *selection)
    else:
        word = word_at(text, caret)
        if word is None:
            return None
        start, end = word
    return (start, end) if end > start else None


def next_boundary(text: str, index: int) -> int:
    """The end of the grapheme cluster that starts at (or holds) `index`."""
    if index >= len(text):
        return len(text)
    start = previous_boundary(text, index + 1)
    match = grapheme_pattern().match(text, start)
    return match.end() if match else index + 1


def previous_boundary(text: str, index: int) -> int:
    """The start of the grapheme cluster that ends at (or holds) `index - 1`."""
    if index <= 0:
        return 0
    lo = max(0, index - _WINDOW)
    boundary = lo
    for match in grapheme_pattern().finditer(text, lo, min(len(text), index + _WINDOW)):
        if match.start() >= index:
            break
        boundary = match.start()
    return boundary


def move_edge(text: str, start: int, end: int, edge: str, step: int) -> tuple[int, int] | None:
    """[start, end) with one edge moved one cluster back (step -1) or forward (+1); None if the
    range would become empty or leave the text. An edge never rests on whitespace (tagging
    trims it too): moved onto a space, it goes on to the next letter."""
    move = previous_boundary if step < 0 else next_boundary
    original = start, end
    while True:
        if edge == START:
            start, moved = move(text, start), start
        else:
            end, moved = move(text, end), end
        if (start if edge == START else end) == moved:
            return original  # at the text's edge: it stays
        if not 0 <= start < end <= len(text):
            return None
        if not (text[start] if edge == START else text[end - 1]).isspace():
            return start, end


def next_focus(spans: Sequence[SpanRecord], focused: str | None, step: int = 1) -> str | None:
    """The span id Tab focuses next among `spans` (innermost first), wrapping around."""
    if not spans:
        return None
    ids: list[str] = [span["id"] for span in spans]
    if focused not in ids:
        return ids[0] if step > 0 else ids[-1]
    return ids[(ids.index(focused) + step) % len(ids)]


#: Alef forms that join a lam before them into one lam-alef cell.
_ALEFS = frozenset("\u0627\u0623\u0625\u0622\u0671")
_LAM = "\u0644"


def lam_alef_edges(text: str, edges: Iterable[int]) -> frozenset[int]:
    """The edges that fall between a lam (with its marks) and the alef it ligates with: there
    the lam-alef must be drawn as two cells so the edge can be seen (الاجتماع with a span
    from its alef on)."""
    found = set()
    for edge in edges:
        if 0 < edge < len(text) and text[edge] in _ALEFS:
            before = edge - 1
            while before > 0 and unicodedata.category(text[before]) == "Mn":
                before -= 1
            if text[before] == _LAM:
                found.add(edge)
    return frozenset(found)


class LamAlefSplits:
    """Where a document's lam-alefs must show as two cells: the span edges that fall between
    a lam and its alef (kept as spans change), and the caret's and selection's."""

    def __init__(self, text: str = "") -> None:
        self.text = text
        self.at_spans: frozenset[int] = frozenset()

    def spans_changed(self, spans: Iterable[SpanRecord]) -> None:
        self.at_spans = lam_alef_edges(
            self.text, (e for s in spans for e in (s["start"], s["end"]))
        )

    def wanted(self, caret: int, selection: tuple[int, int] | None, limit: int) -> frozenset[int]:
        """Every split edge below `limit` (the laid-out text's length)."""
        edges = self.at_spans | lam_alef_edges(self.text, (caret, *(selection or ())))
        return frozenset(e for e in edges if e < limit)
