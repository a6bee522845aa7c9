"""One document's spans in memory, for drawing and for the spans panel: sorted, and quick to ask.

The article view asks, for every row it draws, which spans touch the row's logical range; the
status bar asks which spans hold the caret; the panel asks for the n-th span in text order.
The index mirrors the store (it is given the records the store returns) and changes one span
at a time, so tagging or undoing at 10,000 spans never sorts or copies them all again.

Spans are kept in the store's order: by start, longer first, then label (then id). Queries by
range look back from the range's start by at most `LONG` characters; the few spans longer
than that are kept aside too and always checked. Pure Python: no Textual.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.store.model import SpanRecord

    Record = SpanRecord
Key = tuple[int, int, str, str]

#: Spans longer than this many characters are checked on every query (there are few).
LONG = 1024


def _key(span: Record) -> Key:
    return (span["start"], -span["end"], span["label"], span["id"])


def innermost_first(spans: Iterable[Record]) -> list[Record]:
    """Spans ordered innermost (shortest) first; ties by later start, then label."""
    return sorted(spans, key=lambda s: (s["end"] - s["start"], -s["start"], s["label"], s["id"]))


class SpanIndex:
    """A document's spans by id and in text order, with counts per label."""

    def __init__(self, spans: Iterable[Record] = ()) -> None:
        self._by_id: dict[str, Record] = {}
        self._keys: list[Key] = []
        self._long: dict[str, Record] = {}
        self.counts: Counter[str] = Counter()
        for span in spans:
            self._by_id[span["id"]] = span
        self._keys = sorted(_key(s) for s in self._by_id.values())
        for span in self._by_id.values():
            self._added(span)

    def __len__(self) -> int:
        return len(self._keys)

    def __iter__(self) -> Iterator[Record]:
        by_id = self._by_id
        return (by_id[key[3]] for key in self._keys)

    def __contains__(self, span_id: object) -> bool:
        return span_id in self._by_id

    def __getitem__(self, position: int) -> Record:
        """The span at `position` in text order."""
        return self._by_id[self._keys[position][3]]

    def get(self, span_id: str | None) -> Record | None:
        return None if span_id is None else self._by_id.get(span_id)

    def position(self, span_id: str) -> int | None:
        """Where the span is in text order, or None."""
        span = self._by_id.get(span_id)
        return None if span is None else bisect_left(self._keys, _key(span))

    # -- changes ---------------------------------------------------------------------------------

    def put(self, span: Record) -> Record | None:
        """Add a span or replace the one with its id; returns the replaced one."""
        previous = self.remove(span["id"])
        self._by_id[span["id"]] = span
        insort(self._keys, _key(span))
        self._added(span)
        return previous

    def remove(self, span_id: str) -> Record | None:
        """Take a span out; returns it (None if it was not there)."""
        span = self._by_id.pop(span_id, None)
        if span is None:
            return None
        key = _key(span)
        del self._keys[bisect_left(self._keys, key)]
        self._long.pop(span_id, None)
        self.counts[span["label"]] -= 1
        if not self.counts[span["label"]]:
            del self.counts[span["label"]]
        return span

    def _added(self, span: Record) -> None:
        self.counts[span["label"]] += 1
        if span["end"] - span["start"] > LONG:
            self._long[span["id"]] = span

    # -- queries ---------------------------------------------------------------------------------

    def overlapping(self, start: int, end: int) -> list[Record]:
        """Spans sharing at least one index with [start, end), in text order."""
        end = max(end, start + 1)
        keys, by_id = self._keys, self._by_id
        lo = bisect_left(keys, (start - LONG,))
        hi = bisect_left(keys, (end,))
        found = [by_id[key[3]] for key in keys[lo:hi] if -key[1] > start]
        if self._long:
            seen = {span["id"] for span in found}
            extra = [
                s
                for s in self._long.values()
                if s["start"] < end and s["end"] > start and s["id"] not in seen
            ]
            if extra:
                found = sorted(found + extra, key=_key)
        return found

    def at(self, index: int) -> list[Record]:
        """Spans holding `index`, innermost first; if none does, those ending just before it."""
        spans = self.overlapping(index, index + 1)
        if not spans and index > 0:
            spans = [s for s in self.overlapping(index - 1, index) if s["end"] == index]
        return innermost_first(spans)
