"""Benchmark: read, agree on and merge ten annotators' stores of 1,000 documents x 50 spans.

Prints seconds; asserts nothing about time. The stores are built through the real store API
(one batch each, timed too). Each annotator's spans are a shared base with a seeded share of
them changed (label swapped, end moved, dropped), so agreement and merging have real work.
The baseline, measured in the same run, is opening the ten stores and listing their
documents; the other figures are printed as multiples of it too.

    python bench/bench_merge.py [--stores 10] [--docs 1000] [--spans 50] [--change 0.1]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reader.review.gold import merge_stores, write_gold
from reader.review.report import agree
from reader.review.spans import Span
from reader.review.stores import open_stores
from reader.store import AnnotationStore

LINE = "قالَ أحمد أبو الغيط {n} في القاهرة 😀 يوم ١٥ مارس 2024: «الاتفاق لا يزال ممكناً».\n"
QUOTES = (
    ("أحمد أبو الغيط", "actor"),
    ("القاهرة", "place"),
    ("١٥ مارس 2024", "date"),
    ("الاتفاق لا يزال ممكناً", "claim"),
)
LABELS = [label for _, label in QUOTES]


def document(number: int, spans: int) -> tuple[str, list[Span]]:
    lines = -(-spans // len(QUOTES))
    text = "".join(LINE.format(n=number * lines + i) for i in range(lines))
    found: list[Span] = []
    position = 0
    for _ in range(lines):
        end = text.index("\n", position)
        for quote, label in QUOTES[: spans - len(found)]:
            start = text.index(quote, position, end)
            found.append(Span(start, start + len(quote), label))
        position = end + 1
    return text, found


def changed(spans: list[Span], share: float, rng: random.Random) -> list[Span]:
    """The spans with about `share` of them relabelled, shortened or dropped."""
    out = []
    for span in spans:
        roll = rng.random()
        if roll >= share:
            out.append(span)
        elif roll < share / 3:
            out.append(span._replace(label=rng.choice([x for x in LABELS if x != span.label])))
        elif roll < 2 * share / 3:
            out.append(span._replace(end=span.end - 1))
    return out


def timed(label: str, action: Callable[[], Any], baseline: float | None = None) -> Any:
    start = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - start
    ratio = f"{seconds / baseline:8.1f} x baseline" if baseline else ""
    print(f"{label:<52} {seconds:8.3f} s {ratio}")
    return result, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stores", type=int, default=10)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--spans", type=int, default=50)
    parser.add_argument(
        "--change", type=float, default=0.1, help="share of spans each annotator changes"
    )
    args = parser.parse_args()
    base = [document(d, args.spans) for d in range(args.docs)]
    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(folder) / f"annotator{i:02}.json" for i in range(args.stores)]

        def build() -> None:
            for i, path in enumerate(paths):
                rng = random.Random(i)
                with AnnotationStore.open(path) as store, store.batch():
                    for d, (text, spans) in enumerate(base):
                        doc_id = store.add_document(text, doc_id=f"bench/{d:05d}", status="done")
                        for span in changed(spans, args.change, rng):
                            store.add_span(doc_id, span.start, span.end, span.label)

        total = args.stores * args.docs * args.spans
        print(
            f"{args.stores} stores x {args.docs:,} documents x {args.spans} spans ({total:,} spans)"
        )
        timed("build the stores (one batch each)", build)

        def listing() -> None:
            with open_stores(paths):
                pass

        _, baseline = timed("baseline: open the stores and list documents", listing)
        with open_stores(paths) as stores:

            def read() -> None:
                for store in stores:
                    for doc in store.documents:
                        store.spans(doc["id"])

            timed("read every span", read, baseline)
            report, _ = timed(
                f"agree: {len(stores) * (len(stores) - 1) // 2} pairs, F1 and kappa",
                lambda: agree(stores),
                baseline,
            )
            pair = report.pairs[0].total.scores()
            print(
                f"  first pair: exact F1 {pair['exact_f1']:.3f}, overlap F1 {pair['overlap_f1']:.3f}, kappa {pair['kappa']:.3f}"
            )
            result, _ = timed("merge every document", lambda: merge_stores(stores), baseline)
            print(f"  {result.agreed:,} agreed spans, {result.conflicts:,} conflicts")

        def gold() -> None:
            with AnnotationStore.open(Path(folder) / "gold.json") as store:
                write_gold(result, store)

        timed("write the gold store (one batch)", gold, baseline)


if __name__ == "__main__":
    main()
