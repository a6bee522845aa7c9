"""The progress view's numbers on a big store, against reading that store's spans once.

Baseline: `read_documents()` walked to the end (every span read once, nothing kept); then
`summarise` (the same walk plus the counting) and drawing `ProgressReport` at 80 columns. The
ratio summarise/baseline is what the counting costs; the drawing is independent of the store's
size. No assertions: numbers to read.

    python bench/bench_progress.py [--documents 2000] [--spans-per-document 50]
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console

sys.path.insert(0, str(Path(__file__).parent))
from bench_big_store import LABELS, build

from reader.progress import ProgressReport, summarise
from reader.store import AnnotationStore


def best_of(runs: int, work) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--spans-per-document", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "store.json"
        build(path, args.documents, args.spans_per_document)
        with AnnotationStore.open(path, read_only=True) as store:
            spans = store.span_count()
            baseline = best_of(args.runs, lambda: sum(len(s) for _, s in store.read_documents()))
            counted = best_of(args.runs, lambda: summarise(store, LABELS))
            progress = summarise(store, LABELS)
            console = Console(file=io.StringIO(), width=80, color_system="256")
            drawn = best_of(args.runs, lambda: console.print(ProgressReport(progress)))
    print(f"store: {args.documents:,} documents, {spans:,} spans")
    print(f"read_documents walk (baseline): {baseline * 1000:8.1f} ms")
    print(
        f"summarise:                      {counted * 1000:8.1f} ms  ({counted / baseline:.2f}x baseline, {spans / counted:,.0f} spans/s)"
    )
    print(f"ProgressReport at 80 columns:   {drawn * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
