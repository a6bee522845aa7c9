"""Suggestions for 1 MB of Arabic (the sample article repeated), against `reader cat`'s
renderer on the same text in the same run. Prints both times and the ratio; the target is
a 1 MB article's suggestions in well under a second. Then the time to save them all in a
store (one durable commit) and to save them again (every one a duplicate, nothing written).
No assertions: numbers to read.

    python bench/bench_suggest.py [--mb 1] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench_cat import corpus, ours

from reader.assist import suggest
from reader.store import AnnotationStore


def timed(function: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    text = corpus(args.mb)
    first = time.perf_counter()
    count = len(suggest(text))  # the first call also loads the data files and compiles patterns
    cold = time.perf_counter() - first
    warm = timed(lambda: suggest(text), args.repeat)
    cat = timed(lambda: ours(text, 100), args.repeat)
    size = len(text.encode("utf-8")) / 1e6
    print(f"text: {size:.2f} MB, {count} suggestions")
    print(f"suggest (first call, data loaded): {cold:.3f} s")
    print(f"suggest (median of {args.repeat}):          {warm:.3f} s")
    print(f"reader cat renderer (median):       {cat:.3f} s")
    print(f"ratio suggest / cat: {warm / cat:.2f}x")
    found = suggest(text)
    with (
        tempfile.TemporaryDirectory() as folder,
        AnnotationStore.open(Path(folder) / "s.json") as store,
    ):
        store.add_document(text, doc_id="article")
        began = time.perf_counter()
        added = len(store.add_suggestions("article", found))
        first_save = time.perf_counter() - began
        began = time.perf_counter()
        again = len(store.add_suggestions("article", found))
        second_save = time.perf_counter() - began
    print(f"store.add_suggestions, {added} new:        {first_save:.3f} s")
    print(f"store.add_suggestions again, {again} new:     {second_save:.3f} s")


if __name__ == "__main__":
    main()
