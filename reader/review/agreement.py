"""Agreement between two annotators' spans: exact F1, overlap F1, label confusion, kappa.

Every figure is built from counts that add up over documents (micro-averaged): a corpus's
exact F1 is 2 * (spans in both) / (spans of A + spans of B) summed over all its documents, not
the mean of per-document F1s, so a document with one span weighs less than one with fifty.

- exact: a span of A agrees when B has one with the same start, end and label;
  F1 = 2|A∩B| / (|A| + |B|).
- overlap: precision is the share of B's spans overlapping a same-label span of A, recall the
  share of A's overlapping a same-label span of B; F1 their harmonic mean.
- Both are 1.0 when neither annotator made a span (they agree there is nothing to mark), and
  0.0 when only one did.
- confusion: for every range both annotators marked, the pairs (A's label, B's label), the
  agreeing ones on the diagonal.
- kappa: see `reader.review.kappa`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from reader.review.kappa import TokenPairs, kappa
from reader.review.spans import Span


@dataclass
class Counts:
    """The numbers behind exact and overlap F1; they add up over documents."""

    a: int = 0  # spans of A
    b: int = 0  # spans of B
    exact: int = 0  # spans in both: same start, end and label
    a_hit: int = 0  # spans of A overlapping a same-label span of B
    b_hit: int = 0  # spans of B overlapping a same-label span of A

    def add(self, other: Counts) -> None:
        self.a += other.a
        self.b += other.b
        self.exact += other.exact
        self.a_hit += other.a_hit
        self.b_hit += other.b_hit

    @property
    def exact_f1(self) -> float:
        if self.a + self.b == 0:
            return 1.0
        return 2 * self.exact / (self.a + self.b)

    @property
    def overlap_f1(self) -> float:
        if self.a + self.b == 0:
            return 1.0
        if self.a == 0 or self.b == 0:
            return 0.0
        precision, recall = self.b_hit / self.b, self.a_hit / self.a
        if precision + recall == 0:
            return 0.0
        return 2 * precision * recall / (precision + recall)


@dataclass
class Comparison:
    """Two annotators compared over one document or many (`add` sums them)."""

    labels: dict[str, Counts] = field(default_factory=dict)
    tokens: TokenPairs = field(default_factory=Counter)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, other: Comparison) -> None:
        for label, counts in other.labels.items():
            self.labels.setdefault(label, Counts()).add(counts)
        self.tokens.update(other.tokens)
        self.confusion.update(other.confusion)

    @property
    def overall(self) -> Counts:
        total = Counts()
        for counts in self.labels.values():
            total.add(counts)
        return total

    @property
    def kappa(self) -> float:
        return kappa(self.tokens)

    def scores(self) -> dict[str, float]:
        """{"exact_f1", "overlap_f1", "kappa"}."""
        overall = self.overall
        return {
            "exact_f1": overall.exact_f1,
            "overlap_f1": overall.overlap_f1,
            "kappa": self.kappa,
        }


def compare(a: Sequence[Span], b: Sequence[Span], tokens: TokenPairs | None = None) -> Comparison:
    """Compare A's and B's spans of one document (`tokens`: their token pairs, for kappa)."""
    by_label_a, by_label_b = _by_label(a), _by_label(b)
    labels = {}
    for label in sorted(by_label_a.keys() | by_label_b.keys()):
        mine, theirs = by_label_a.get(label, []), by_label_b.get(label, [])
        labels[label] = Counts(
            a=len(mine),
            b=len(theirs),
            exact=len(set(mine) & set(theirs)),
            a_hit=_hits(mine, theirs),
            b_hit=_hits(theirs, mine),
        )
    return Comparison(labels, Counter() if tokens is None else tokens, same_range_labels(a, b))


def same_range_labels(a: Iterable[Span], b: Iterable[Span]) -> Counter[tuple[str, str]]:
    """For each range both marked: its shared labels as (l, l), and every other
    (A's label, B's label) pair, e.g. (actor, place) when A said actor and B place."""
    ranges_a: defaultdict[tuple[int, int], set[str]] = defaultdict(set)
    ranges_b: defaultdict[tuple[int, int], set[str]] = defaultdict(set)
    for span in a:
        ranges_a[span.start, span.end].add(span.label)
    for span in b:
        ranges_b[span.start, span.end].add(span.label)
    pairs: Counter[tuple[str, str]] = Counter()
    for where, mine in ranges_a.items():
        theirs = ranges_b.get(where)
        if theirs is None:
            continue
        for label in mine & theirs:
            pairs[label, label] += 1
        for x in mine - theirs:
            for y in theirs - mine:
                pairs[x, y] += 1
    return pairs


def _by_label(spans: Iterable[Span]) -> dict[str, list[Span]]:
    out: dict[str, list[Span]] = {}
    for span in spans:
        out.setdefault(span.label, []).append(span)
    return out


def _hits(mine: Sequence[Span], theirs: Sequence[Span]) -> int:
    """How many of `mine` overlap at least one of `theirs` (all of one label)."""
    if not mine or not theirs:
        return 0
    ordered = sorted(theirs)
    starts = [span.start for span in ordered]
    reach = []  # reach[i]: the furthest end among ordered[0..i]
    furthest = -1
    for span in ordered:
        furthest = max(furthest, span.end)
        reach.append(furthest)
    hits = 0
    for span in mine:
        before = bisect_left(starts, span.end)  # theirs starting before mine ends
        if before and reach[before - 1] > span.start:
            hits += 1
    return hits
