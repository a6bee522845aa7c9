"""`reader agree`'s figures for every pair of stores, over the documents each pair shares."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from reader.review.agreement import Comparison, compare
from reader.review.kappa import token_labels, token_pairs, tokens
from reader.review.matching import Group, Mismatch, match_documents
from reader.review.stores import ReviewStore


@dataclass
class DocumentRow:
    """One shared document's figures (its id in the first store of the pair)."""

    doc_id: str
    comparison: Comparison

    def sort_key(self) -> tuple[float, float, float, str]:
        scores = self.comparison.scores()
        return (scores["exact_f1"], scores["overlap_f1"], scores["kappa"], self.doc_id)


@dataclass
class PairReport:
    """Two annotators compared over the documents they share."""

    a: str
    b: str
    total: Comparison = field(default_factory=Comparison)
    documents: list[DocumentRow] = field(default_factory=list)  # worst first
    only_a: list[str] = field(default_factory=list)  # ids in A that B does not hold
    only_b: list[str] = field(default_factory=list)
    unfinished: int = 0  # documents compared that one of the two has not marked done

    def to_json(self) -> dict[str, Any]:
        """{"overall": {"exact_f1", "overlap_f1", "kappa"}, "labels": {label: {"exact_f1",
        "overlap_f1"}}, then span counts, documents, confusion and what was not shared."""
        labels = self.total.labels
        return {
            "a": self.a,
            "b": self.b,
            "overall": self.total.scores(),
            "labels": {
                label: {"exact_f1": counts.exact_f1, "overlap_f1": counts.overlap_f1}
                for label, counts in labels.items()
            },
            "spans": {label: {"a": counts.a, "b": counts.b} for label, counts in labels.items()},
            "documents": [{"id": row.doc_id, **row.comparison.scores()} for row in self.documents],
            "confusion": [
                {"a": x, "b": y, "count": count}
                for (x, y), count in sorted(self.total.confusion.items())
            ],
            "shared": len(self.documents),
            "not_done_by_both": self.unfinished,
            "only_a": self.only_a,
            "only_b": self.only_b,
        }


@dataclass
class AgreementReport:
    """Every pair of stores, and the documents that could not be compared."""

    names: list[str]
    pairs: list[PairReport]
    mismatches: list[Mismatch]

    def to_json(self) -> dict[str, Any]:
        """One pair's figures for two stores, else {"pairs": [...]}; text mismatches either way."""
        mismatched = [
            {"store": self.names[m.store], "id": m.doc_id, "other": self.names[m.other]}
            for m in self.mismatches
        ]
        if len(self.pairs) == 1:
            return {**self.pairs[0].to_json(), "different_text": mismatched}
        return {"pairs": [pair.to_json() for pair in self.pairs], "different_text": mismatched}


def agree(
    stores: Sequence[ReviewStore],
    status: str | None = None,
    advance: Callable[[int], None] = lambda n: None,
) -> AgreementReport:
    """Compare every pair of stores over the documents both hold (both with `status`, if given).

    `advance(1)` is called after each pair (for a progress bar).
    """
    matching = match_documents([store.documents for store in stores])
    labels_cache: dict[tuple[int, str], list[str | None]] = {}
    token_cache: dict[str, list[tuple[int, int]]] = {}

    def labels_of(i: int, group: Group) -> list[str | None]:
        doc_id = str(group.members[i]["id"])
        if (i, doc_id) not in labels_cache:
            if group.key not in token_cache:
                token_cache[group.key] = tokens(stores[i].document(doc_id)["text"])
            labels_cache[i, doc_id] = token_labels(token_cache[group.key], stores[i].spans(doc_id))
        return labels_cache[i, doc_id]

    pairs = []
    for i, j in combinations(range(len(stores)), 2):
        pair = PairReport(stores[i].name, stores[j].name)
        for group in matching.shared(i, j, status=status):
            id_a, id_b = str(group.members[i]["id"]), str(group.members[j]["id"])
            tokens_ = token_pairs(labels_of(i, group), labels_of(j, group))
            comparison = compare(stores[i].spans(id_a), stores[j].spans(id_b), tokens_)
            pair.total.add(comparison)
            pair.documents.append(DocumentRow(id_a, comparison))
            pair.unfinished += not group.shared_by(i, j, status="done")
        pair.documents.sort(key=DocumentRow.sort_key)
        pair.only_a, pair.only_b = matching.only(i, j), matching.only(j, i)
        pairs.append(pair)
        advance(1)
    return AgreementReport([store.name for store in stores], pairs, matching.mismatches)
