"""Splitting documents among annotators, a share of them given to two for agreement.

Deterministic for a seed: the same documents, annotators, overlap and seed give the same plan.
Balanced: every document goes to the least-loaded annotators (ties broken at random), so loads
differ by at most one document; a document given to two goes to the least-used pair among the
least loaded, so every pair of annotators gets about as many documents in common.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from reader.errors import ReaderError

#: An annotator's name becomes a file name (`DIR/<name>.json`): letters of any script, digits,
#: and `_ . -` inside.
_NAME = re.compile(r"\w(?:[\w.-]*\w)?")


@dataclass
class Plan:
    """Which annotators each document goes to (documents in source order)."""

    annotators: tuple[str, ...]
    seed: int
    documents: dict[str, tuple[str, ...]]

    def of(self, annotator: str) -> list[str]:
        """The ids of the documents given to `annotator`, in source order."""
        return [doc for doc, names in self.documents.items() if annotator in names]

    def shared(self) -> list[str]:
        """The ids of the documents given to two annotators."""
        return [doc for doc, names in self.documents.items() if len(names) > 1]

    def to_json(self) -> dict[str, Any]:
        return {
            "seed": self.seed,
            "annotators": {name: self.of(name) for name in self.annotators},
            "shared": {doc: list(self.documents[doc]) for doc in self.shared()},
        }


def parse_annotators(text: str) -> tuple[str, ...]:
    """'huda,omar,lina' -> ('huda', 'omar', 'lina'); a ReaderError for a bad or repeated name."""
    names = tuple(name.strip() for name in text.split(","))
    for name in names:
        if not _NAME.fullmatch(name):
            raise ReaderError(
                f"annotator name {name!r} cannot be a file name; use letters, digits, '_', '.', '-' "
                "(e.g. --annotators huda,omar)"
            )
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise ReaderError(f"annotator {repeated[0]!r} is named twice in --annotators")
    return names


def plan(doc_ids: Sequence[str], annotators: Sequence[str], overlap: float, seed: int) -> Plan:
    """Give each document to one annotator, and round(overlap * documents) of them to two."""
    if not 0.0 <= overlap <= 1.0:
        raise ReaderError(
            f"--overlap must be between 0 and 1 (a share of documents), got {overlap}"
        )
    if not annotators:
        raise ReaderError("give at least one annotator (--annotators huda,omar)")
    doubled = round(overlap * len(doc_ids))
    if doubled and len(annotators) < 2:
        raise ReaderError("--overlap needs at least two annotators to give documents to")
    rng = random.Random(seed)
    chosen = set(rng.sample(range(len(doc_ids)), doubled))
    load = dict.fromkeys(annotators, 0)
    pair_use = dict.fromkeys(combinations(annotators, 2), 0)
    given: dict[int, tuple[str, ...]] = {}
    # The doubled documents first, then the rest fill up whoever has fewest.
    order = sorted(chosen) + [i for i in range(len(doc_ids)) if i not in chosen]
    for i in order:
        tie = {name: rng.random() for name in annotators}
        if i in chosen:
            pair = min(
                pair_use,
                key=lambda p: (load[p[0]] + load[p[1]], pair_use[p], tie[p[0]] + tie[p[1]]),
            )
            pair_use[pair] += 1
            names: tuple[str, ...] = pair
        else:
            names = (min(annotators, key=lambda name: (load[name], tie[name])),)
        for name in names:
            load[name] += 1
        given[i] = names
    return Plan(tuple(annotators), seed, {doc_ids[i]: given[i] for i in range(len(doc_ids))})
