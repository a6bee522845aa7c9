"""Benchmark: export 100,000 spans (1,000 documents x 100 spans, every claim linked to its
speaker) to native JSONL and doccano.

Prints seconds and spans per second; asserts nothing about time. The documents go through the
real store (imported in one batch, which is timed too) and are exported the way `reader
export` does it: read from the store one document at a time (`records_from_store`, links and
notes included), written to a file. The target is 100,000 spans a second for a full export.
The machine is shared, so each export is also given as a ratio to the store's own streamed
read of the same documents (`read_documents`, no records built, nothing written), measured in
the same run: the floor no export can go under. The pure format writers (records already in
memory) are timed separately, so the store's share shows. Last, the peak memory of reading
the JSONL back, streamed (as `reader import` does) and whole.

    python bench/bench_export.py [--docs 1000] [--spans 100] [--formats jsonl,doccano,...]
"""

from __future__ import annotations

import argparse
import gc
import tempfile
import time
import tracemalloc
from pathlib import Path

from reader.formats import get_format
from reader.formats.records import Record, RelationRecord, SpanRecord
from reader.formats.store_io import import_records, records_from_store
from reader.store import AnnotationStore

LINE = "قالَ أحمد أبو الغيط {n} في القاهرة 😀 يوم ١٥ مارس 2024: «الاتفاق لا يزال ممكناً».\n"
QUOTES = (
    ("أحمد أبو الغيط", "actor"),
    ("القاهرة", "place"),
    ("١٥ مارس 2024", "date"),
    ("الاتفاق لا يزال ممكناً", "claim"),
)


def make_records(docs: int, spans: int) -> list[Record]:
    """`docs` documents of Arabic news-like lines (an emoji on each) with `spans` spans each,
    each line's claim linked (said_by) to the actor on that line."""
    lines_needed = -(-spans // len(QUOTES))
    records = []
    for d in range(docs):
        text = "".join(LINE.format(n=d * lines_needed + i) for i in range(lines_needed))
        found: list[SpanRecord] = []
        links: list[RelationRecord] = []
        position = 0
        for _ in range(lines_needed):
            line_end = text.index("\n", position)
            for quote, label in QUOTES:
                if len(found) == spans:
                    break
                start = text.index(quote, position, line_end)
                span_id = f"s{len(found)}"
                found.append(SpanRecord(start, start + len(quote), label, text=quote, id=span_id))
                if label == "claim":
                    links.append(RelationRecord(span_id, f"s{len(found) - len(QUOTES)}"))
            position = line_end + 1
        records.append(
            Record(
                text,
                found,
                id=f"bench/{d:05d}",
                meta={"source": f"bench/{d:05d}.txt"},
                relations=links,
            )
        )
    return records


def timed(label: str, spans: int, action, baseline: float | None = None, repeat: int = 1) -> float:
    """The best of `repeat` runs, printed with spans a second (and the ratio to `baseline`)."""
    seconds = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        seconds = min(seconds, time.perf_counter() - start)
    ratio = f"  {seconds / baseline:5.2f}x the store's read" if baseline else ""
    print(f"{label:<44} {seconds:8.3f} s {spans / seconds:12,.0f} spans/s{ratio}")
    return seconds


def write_to(name: str, records, target: Path) -> None:
    fmt = get_format(name)
    if fmt.TARGET == "directory":
        fmt.write(records, target)
        return
    with target.open("w", encoding="utf-8", newline="\n") as out:
        fmt.write(records, out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--spans", type=int, default=100)
    parser.add_argument(
        "--formats",
        default="jsonl,doccano",
        help="comma-separated (jsonl, doccano, labelstudio, brat, conll)",
    )
    args = parser.parse_args()
    formats = [name.strip() for name in args.formats.split(",") if name.strip()]
    total = args.docs * args.spans
    records = make_records(args.docs, args.spans)
    print(
        f"{args.docs:,} documents x {args.spans} spans = {total:,} spans, "
        f"{sum(len(r.text) for r in records):,} characters of text"
    )
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        with AnnotationStore.open(root / "store.json", annotator="bench") as store:
            timed(
                "import into the store (one batch)", total, lambda: import_records(store, records)
            )
        # exported as `reader export` runs: without 100,000 spans of records alive beside it,
        # which every full garbage collection would walk
        del records
        gc.collect()
        with AnnotationStore.open(root / "store.json", read_only=True) as store:
            floor = timed(
                "the store's own read (read_documents)",
                total,
                lambda: all(store.read_documents(row["id"] for row in store.documents())),
                repeat=3,
            )
            timed(
                "records_from_store (links, notes)",
                total,
                lambda: all(records_from_store(store, store.documents())),
                floor,
                repeat=3,
            )
            for name in formats:
                target = root / f"out-{name}"
                timed(
                    f"export {name} from the store",
                    total,
                    lambda name=name, target=target: write_to(
                        name, records_from_store(store, store.documents()), target
                    ),
                    floor,
                    repeat=1 if name == "brat" else 3,
                )
                size = (
                    target.stat().st_size
                    if target.is_file()
                    else sum(p.stat().st_size for p in target.rglob("*"))
                )
                print(f"{'':<44} {size / 1e6:8.1f} MB")
        records = make_records(args.docs, args.spans)
        for name in formats:
            target = root / f"mem-{name}"
            timed(
                f"write {name} from records in memory",
                total,
                lambda name=name, target=target: write_to(name, records, target),
            )
        reading_memory(root / "mem-jsonl" if "jsonl" in formats else None)


def reading_memory(path: Path | None) -> None:
    """Peak Python memory reading a JSONL export: streamed a record at a time (as `reader
    import` checks and writes it) against read whole, both as a ratio of the file's size."""
    if path is None:
        return
    from reader.formats import jsonl

    def streamed() -> None:
        for _record in jsonl.records(path, []):
            pass

    def whole() -> None:
        jsonl.read(path)

    size = path.stat().st_size
    largest = max(len(line) for line in path.open("rb"))
    for label, action in (("read jsonl streamed", streamed), ("read jsonl whole", whole)):
        tracemalloc.start()
        action()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(
            f"{label:<44} peak {peak / 1e6:8.1f} MB = {peak / size:5.2f}x the file, "
            f"{peak / largest:7.1f}x its largest line"
        )


if __name__ == "__main__":
    main()
