"""Suggestions for 1 MB of Arabic, against `reader cat`'s renderer on the same text in the
same run: the sample article repeated, and (when ../shared/data is there) 1 MB of distinct
news and NER text, as bench_cat builds them. Prints both times and the ratio; the target is
a 1 MB article's suggestions in well under a second. Then the time to save them all in a
store (one durable commit) and to save them again (every one a duplicate, nothing written).
No assertions: numbers to read.

    python bench/bench_suggest.py [--mb 1] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from bench_cat import DATA, distinct, ours, repeated

from reader.assist import suggest
from reader.store import AnnotationStore
from reader.text.shaping import DisplayOptions, ShapeCache


def compare(name: str, text: str, repeat: int) -> None:
    """Suggest and cat alternate run by run, so load on the shared cores falls on both alike;
    prints wall and CPU medians and the median of the per-run ratios."""
    runs = []  # (suggest wall, suggest CPU, cat wall, cat CPU)
    for _ in range(repeat):
        times = [time.perf_counter(), time.process_time()]
        count = len(suggest(text))
        times += [time.perf_counter(), time.process_time()]
        ours(text, 100, ShapeCache(DisplayOptions()))
        times += [time.perf_counter(), time.process_time()]
        runs.append(
            (times[2] - times[0], times[3] - times[1], times[4] - times[2], times[5] - times[3])
        )
    size = len(text.encode("utf-8")) / 1e6
    print(f"{name}: {size:.2f} MB, {count} suggestions, median of {repeat} runs")
    for k, clock in ((0, "wall"), (1, "CPU")):
        ratios = [run[k] / run[k + 2] for run in runs]
        print(
            f"  {clock:4s} suggest {statistics.median(r[k] for r in runs):.3f} s, "
            f"cat {statistics.median(r[k + 2] for r in runs):.3f} s: "
            f"ratio {statistics.median(ratios):.2f}x (runs {', '.join(f'{r:.2f}' for r in ratios)})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    text = repeated(args.mb)
    first = time.perf_counter()
    suggest(text)  # the first call also loads the data files and compiles patterns
    print(f"first call (data loaded, patterns compiled): {time.perf_counter() - first:.3f} s")
    compare("repeated sample", text, args.repeat)
    other = distinct(args.mb)
    if other is None:
        print(f"(no {DATA.resolve()}: the distinct-text comparison is skipped)")
    else:
        compare("distinct text", other, args.repeat)
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
