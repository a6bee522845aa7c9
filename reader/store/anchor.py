"""Re-anchoring: find each span again when its document's text changes.

A span carries its quote (`text`), up to 32 code points of context either side (`prefix`,
`suffix`, as a W3C TextQuoteSelector) and its old offsets. When the text changes:

1. The unchanged head and tail of the text are found (longest common prefix and suffix of old
   and new text). A span wholly inside the head keeps its offsets; one wholly inside the tail
   shifts by the change in length. This is exact and handles the usual single edit.
2. Any other span is searched for: every exact occurrence of its quote is a candidate, scored by
   how many context code points match next to it; the best score wins, and among equals the one
   nearest the old position (shifted like the tail when it lay after the edit).
3. A quote that occurs nowhere (the edit went inside the span) leaves the span orphaned: kept,
   with its old quote and context, and its offsets clipped into the new text. Never dropped.

Pure functions on strings and dicts; the store decides what to save.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reader.store.model import context


@dataclass
class ReanchorReport:
    """What re-anchoring did to one document's spans (lists of span ids)."""

    doc_id: str
    kept: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)
    orphaned: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """`{"kept": n, "moved": n, "orphaned": n}`."""
        return {"kept": len(self.kept), "moved": len(self.moved), "orphaned": len(self.orphaned)}

    def __str__(self) -> str:
        c = self.counts()
        return f"document {self.doc_id}: {c['kept']} spans kept in place, {c['moved']} moved, {c['orphaned']} orphaned"


def common_prefix_length(a: str, b: str) -> int:
    """Length of the longest common prefix (binary search over C-speed slice compares)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def common_suffix_length(a: str, b: str, limit: int) -> int:
    """Length of the longest common suffix, at most `limit`."""
    low, high = 0, min(len(a), len(b), limit)
    while low < high:
        middle = (low + high + 1) // 2
        if a[len(a) - middle :] == b[len(b) - middle :]:
            low = middle
        else:
            high = middle - 1
    return low


def context_score(text: str, position: int, length: int, prefix: str, suffix: str) -> int:
    """How many context code points match around text[position:position+length]."""
    score = 0
    before = text[max(0, position - len(prefix)) : position]
    for a, b in zip(reversed(before), reversed(prefix), strict=False):
        if a != b:
            break
        score += 1
    after = text[position + length : position + length + len(suffix)]
    for a, b in zip(after, suffix, strict=False):
        if a != b:
            break
        score += 1
    return score


def locate(text: str, quote: str, prefix: str, suffix: str, hint: int) -> int | None:
    """Where `quote` is in `text`: best context match, then nearest to `hint`; None if absent."""
    if not quote:
        return None
    best: tuple[int, int] | None = None
    best_position: int | None = None
    full = len(prefix) + len(suffix)
    position = text.find(quote)
    while position != -1:
        key = (-context_score(text, position, len(quote), prefix, suffix), abs(position - hint))
        if best is None or key < best:
            best, best_position = key, position
            if key == (-full, 0):
                break
        position = text.find(quote, position + 1)
    return best_position


def reanchor(
    old_text: str, new_text: str, spans: list[dict[str, Any]], doc_id: str
) -> tuple[list[dict[str, Any]], ReanchorReport]:
    """Re-anchor `spans` (records of one document) from old_text to new_text.

    Returns the records that changed (new dicts; others are unchanged) and the report. Record
    `updated` times are left alone: the annotation did not change, only where it sits.
    """
    report = ReanchorReport(doc_id)
    changed: list[dict[str, Any]] = []
    head = common_prefix_length(old_text, new_text)
    tail = common_suffix_length(old_text, new_text, min(len(old_text), len(new_text)) - head)
    delta = len(new_text) - len(old_text)
    tail_start = len(old_text) - tail
    for span in spans:
        start, end, quote = span["start"], span["end"], span["text"]
        consistent = not span.get("orphaned") and old_text[start:end] == quote and start < end
        if consistent and end <= head:
            new_start: int | None = start
        elif consistent and start >= tail_start:
            new_start = start + delta
        else:
            hint = start + delta if start >= tail_start else start
            new_start = locate(new_text, quote, span["prefix"], span["suffix"], hint)
        if new_start is None:
            record = dict(span)
            record["end"] = min(end, len(new_text))
            record["start"] = max(0, min(start, record["end"] - 1))
            record["orphaned"] = True
            report.orphaned.append(span["id"])
        else:
            new_end = new_start + len(quote)
            prefix, suffix = context(new_text, new_start, new_end)
            record = dict(
                span, start=new_start, end=new_end, prefix=prefix, suffix=suffix, orphaned=False
            )
            (
                report.kept if new_start == start and not span.get("orphaned") else report.moved
            ).append(span["id"])
        if record != span:
            changed.append(record)
    return changed, report
