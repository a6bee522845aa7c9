"""Cohen's kappa over whitespace tokens: how far two annotators agree beyond chance.

Each whitespace-separated token takes the label of the shortest span that overlaps it (shares a
code point with it), or None. Overlap rather than containment because Arabic glues clitics to
the word: a span on «القاهرة» inside the token «والقاهرة» still labels that token. Ties in
length go to the earlier span, then the smaller label, so the result never depends on order.
Kappa is then (p_o - p_e) / (1 - p_e), with p_e from each annotator's own label shares.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence

from reader.review.spans import Span

_TOKEN = re.compile(r"\S+")

#: How often each (label of A, label of B) pair was given to the same token; None is no label.
TokenPairs = Counter[tuple[str | None, str | None]]


def tokens(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every whitespace-separated token of `text`."""
    return [match.span() for match in _TOKEN.finditer(text)]


def token_labels(
    token_ranges: Sequence[tuple[int, int]], spans: Sequence[Span]
) -> list[str | None]:
    """The label each token takes from `spans` (see the module docstring), None if no span."""
    starts = [start for start, _ in token_ranges]
    ends = [end for _, end in token_ranges]
    best: list[tuple[int, int, str] | None] = [None] * len(token_ranges)
    for span in spans:
        key = (span.end - span.start, span.start, span.label)
        # tokens ending after the span starts and starting before it ends
        for i in range(bisect_right(ends, span.start), bisect_left(starts, span.end)):
            current = best[i]
            if current is None or key < current:
                best[i] = key
    return [None if key is None else key[2] for key in best]


def token_pairs(labels_a: Sequence[str | None], labels_b: Sequence[str | None]) -> TokenPairs:
    """Count the (A's label, B's label) pairs of the same tokens."""
    return Counter(zip(labels_a, labels_b, strict=True))


def kappa(pairs: TokenPairs) -> float:
    """Cohen's kappa of the token pairs.

    No tokens at all, or both annotators giving every token the same one label (no spans on
    either side, say), is perfect agreement: 1.0. Otherwise p_e < 1 and the formula applies.
    """
    total = sum(pairs.values())
    if total == 0:
        return 1.0
    observed = sum(count for (a, b), count in pairs.items() if a == b) / total
    share_a: Counter[str | None] = Counter()
    share_b: Counter[str | None] = Counter()
    for (a, b), count in pairs.items():
        share_a[a] += count
        share_b[b] += count
    expected = sum(share_a[label] * share_b[label] for label in share_a) / (total * total)
    if expected >= 1.0:
        return 1.0
    return (observed - expected) / (1.0 - expected)
