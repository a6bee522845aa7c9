"""The progress numbers: spans per label, documents per status, spans per day and per annotator.

Built from the store's public reading API alone: `documents()` (the manifest's rows: status)
and `read_documents()` (each document's spans, read one at a time and not kept, so a store of
10,000 documents is counted in memory bounded by its largest document). Any store, open
read-only while another process writes it, or a stand-in with those two methods, will do.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from reader.store import STATUSES

DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class ReadableStore(Protocol):
    """What the summary reads of a store."""

    def documents(self) -> Sequence[Mapping[str, Any]]: ...

    def read_documents(self) -> Iterator[tuple[Mapping[str, Any], Sequence[Mapping[str, Any]]]]: ...


@dataclass(frozen=True)
class Progress:
    """Counts, each mapping in the order it is shown."""

    labels: Mapping[str, int]  # configured labels first (zeros kept), then the others by name
    statuses: Mapping[str, int]  # every status, in the store's order
    days: Mapping[str, int]  # "YYYY-MM-DD" -> spans created that day (UTC), days with spans only
    annotators: Mapping[str, int]  # spans by each annotator, most first
    documents: int
    spans: int
    undated: int = 0  # spans whose `created` is not an ISO date

    @property
    def done(self) -> int:
        return self.statuses.get("done", 0) + self.statuses.get("reviewed", 0)


def summarise(store: ReadableStore, label_order: Sequence[str] = ()) -> Progress:
    """Count everything the progress view shows, reading the store once."""
    documents = store.documents()
    statuses = Counter(str(doc["status"]) for doc in documents)
    labels: Counter[str] = Counter()
    days: Counter[str | None] = Counter()
    annotators: Counter[str] = Counter()
    for _, spans in store.read_documents():
        for span in spans:
            labels[str(span["label"])] += 1
            days[_day(span.get("created"))] += 1
            annotators[str(span.get("annotator") or "?")] += 1
    undated = days.pop(None, 0)
    order = [*label_order, *sorted(set(labels) - set(label_order))]
    return Progress(
        labels={label: labels[label] for label in order},
        # "reviewed" only where there is one (a gold store): elsewhere it is a bar of nothing
        statuses={
            status: statuses[status]
            for status in STATUSES
            if status != "reviewed" or statuses[status]
        },
        days={day: days[day] for day in sorted(day for day in days if day is not None)},
        annotators=dict(_most_first(annotators.items())),
        documents=len(documents),
        spans=sum(labels.values()),
        undated=undated,
    )


def _day(created: object) -> str | None:
    if isinstance(created, str) and DAY.match(created):
        return created[:10]
    return None


def _most_first(counts: Iterable[tuple[str, int]]) -> list[tuple[str, int]]:
    return sorted(counts, key=lambda item: (-item[1], item[0]))
