"""How fast annotating is on a 1 MB article holding 10,000 spans: tag, undo, caret movement,
without and then with the article's suggestions on screen.

    python bench/bench_annotate.py [--presses 150] [--samples 80] [--no-tmux]

Prints numbers, asserts nothing. The article is the bundled sample repeated to 1 MB; a store
is built with 10,000 spans on it (actors, places, dates on words, claims over sentences).

1. In process, through Textual's Pilot on the real app: the time from a key press to the
   screen updated (the press is processed and the compositor has redrawn what changed, as it
   would before writing to the terminal), p50/p95, for: tagging a word (`a`, a new span saved
   to the store each time), undo (`ctrl+z`), and moving the caret (`right`/`left`). The target
   is a p95 of at most 16 ms (one frame at 60 Hz). Then the same with every suggestion of the
   article stored and drawn (thousands), plus going to the next suggestion (`g`) and accepting
   it then undoing (`enter`, `ctrl+z`).
2. End to end in tmux (needs tmux), with bench_app's helpers: caret movement on that article
   with its 10,000 spans, against Textual's TextArea on the same text with no spans.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_app
from bench_store import percentile
from textual import events

from reader.assist import suggest
from reader.config import Config
from reader.store import AnnotationStore
from reader.text.words import sentence_at
from reader.ui import suggesting
from reader.ui.app import make_app

SPANS = 10_000
CHARACTERS = {"ctrl+z": "\x1a", "right": None, "left": None, "enter": "\r"}
DOC_ID = "long-article.txt"
LABELS = ("actor", "place", "date")


def build_article(folder: Path) -> Path:
    """The sample repeated to 1 MB, as a file; from its Arabic title on (its first line is a
    stray Latin word, and the caret should start in right-to-left text)."""
    sample = bench_app.SAMPLE.read_text(encoding="utf-8")
    sample = sample[sample.index("ليبيا تطلب") :]
    copies = 1_000_000 // len(sample.encode("utf-8")) + 1
    article = folder / DOC_ID
    article.write_text("\n".join([sample] * copies), encoding="utf-8")
    return article


def build_store(path: Path, article: Path) -> tuple[int, list[tuple[int, int]]]:
    """A store with the article and SPANS spans; returns the span count and the untagged words."""
    import regex

    text = article.read_text(encoding="utf-8")
    words = [m.span() for m in regex.finditer(r"\p{L}+", text)]
    rng = random.Random(7)
    claims: set[tuple[int, int]] = set()
    while len(claims) < SPANS // 10:  # claims over sentences, a tenth of the spans
        start, end = sentence_at(text, rng.randrange(len(text)))
        if end > start:
            claims.add((start, end))
    chosen = rng.sample(range(len(words)), SPANS - len(claims))
    free = [words[i] for i in sorted(set(range(len(words))) - set(chosen))]
    with AnnotationStore.open(path) as store:
        store.add_document(text, source=str(article.absolute()), doc_id=DOC_ID)
        with store.batch():
            for k, i in enumerate(chosen):
                store.add_span(DOC_ID, *words[i], LABELS[k % len(LABELS)])
            for start, end in sorted(claims):
                store.add_span(DOC_ID, start, end, "claim")
        count = len(store.spans(DOC_ID))
    return count, free


def summary(values: list[float]) -> str:
    return (
        f"p50 {statistics.median(values) * 1000:6.2f} ms   p95 {percentile(values, 0.95) * 1000:6.2f} ms   "
        f"max {max(values) * 1000:6.2f} ms   (n={len(values)})"
    )


def report(
    times: dict[str, list[float]], cpu: dict[str, list[float]], rows: dict[str, list[int]]
) -> None:
    """Wall and CPU (this thread's, so load from other processes counts less) per key, and the
    rows of the article drawn again per press."""
    for name, values in times.items():
        print(f"  {name:20s} {summary(values)}")
        print(
            f"  {'':20s} CPU p50 {statistics.median(cpu[name]) * 1000:6.2f} ms   "
            f"p95 {percentile(cpu[name], 0.95) * 1000:6.2f} ms   rows drawn per press: p50 "
            f"{statistics.median(rows[name]):.0f}, max {max(rows[name])}"
        )


async def in_process(
    store_path: Path, article: Path, free: list[tuple[int, int]], presses: int, suggested: bool
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Press-to-screen-updated times of tag, undo and caret moves (and with `suggested`, of
    the suggestion keys), through Pilot."""
    store = AnnotationStore.open(store_path)
    app = make_app([article], Config(store_path=store_path), store=store)
    names = ["tag (a)", "undo (ctrl+z)", "caret (right/left)"]
    if suggested:
        names += ["next suggestion (g)", "accept (enter)", "undo accept"]
    times: dict[str, list[float]] = {name: [] for name in names}
    cpu: dict[str, list[float]] = {name: [] for name in names}
    rows: dict[str, list[int]] = {name: [] for name in names}
    added = 0
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            view = app.view
            spans_at_start = len(app.spans)
            drawn = [0]
            draw = view._draw

            def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
                drawn[0] += 1
                return draw(*args, **kwargs)

            view._draw = counted  # type: ignore[method-assign]

            async def timed(key: str, name: str) -> None:
                """Post the key as the driver would, wait until every message it caused is handled
                (Pilot's own wait, without the idle sleeps of `press`), then do what the screen's
                update timer does before writing to the terminal: redraw what changed."""
                character = CHARACTERS.get(key, key if len(key) == 1 else None)
                drawn[0] = 0
                began, began_cpu = time.perf_counter(), time.thread_time()
                app.post_message(events.Key(key, character))
                await pilot._wait_for_screen()
                await pilot._wait_for_screen()  # the messages the key's handlers posted
                app.screen._on_timer_update()
                times[name].append(time.perf_counter() - began)
                cpu[name].append(time.thread_time() - began_cpu)
                rows[name].append(drawn[0])

            middle = len(view.text) // 2
            targets = [w for w in free if w[0] > middle][:presses]
            for start, _end in targets:
                view.move_caret(start + 1)  # on a word no span holds: `a` adds a span
                await pilot.pause()
                await timed("a", "tag (a)")
                added += len(app.spans) - spans_at_start
                await timed("ctrl+z", "undo (ctrl+z)")
            view.move_caret(middle)
            await pilot.pause()
            for k in range(presses):
                await timed("right" if (k // 10) % 2 == 0 else "left", "caret (right/left)")
            if suggested:
                print(f"  ({len(app.suggester.rules.suggestions):,} suggestions on the article)")
                view.move_caret(middle)
                for _ in range(presses):
                    await timed("g", "next suggestion (g)")
                    await timed("enter", "accept (enter)")
                    await timed("ctrl+z", "undo accept")
            print(
                f"  ({added} of {len(targets)} presses of a added a span, every one undone: "
                f"{len(app.spans) == spans_at_start})"
            )
    finally:
        store.close()
    report(times, cpu, rows)
    return times, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=150, help="presses per key in process")
    parser.add_argument("--samples", type=int, default=80, help="key presses per app in tmux")
    parser.add_argument("--no-tmux", action="store_true", help="only the in-process numbers")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        article = build_article(folder)
        store_path = folder / "store.json"
        began = time.perf_counter()
        count, free = build_store(store_path, article)
        text = article.read_text(encoding="utf-8")
        print(
            f"article: {article.stat().st_size / 1e6:.2f} MB ({len(text):,} characters), {count:,} spans "
            f"(store built in {time.perf_counter() - began:.1f} s)"
        )

        print("\nin process (Pilot: key press to screen updated), pane 100x30, no suggestions:")
        suggesting.SUGGEST_ON_OPEN = False  # measured apart: stored first, below
        plain = asyncio.run(in_process(store_path, article, free, args.presses, False))

        with AnnotationStore.open(store_path) as store:
            began = time.perf_counter()
            found = suggest(text)
            took = time.perf_counter() - began
            store.add_suggestions(DOC_ID, found)
        print(
            f"\nthe same with the article's suggestions on screen ({len(found):,} found in "
            f"{took:.2f} s):"
        )
        with_them = asyncio.run(in_process(store_path, article, free, args.presses, True))
        caret = "caret (right/left)"
        for clock, k in (("wall", 0), ("CPU", 1)):
            before, after = plain[k][caret], with_them[k][caret]
            print(
                f"  caret with / without suggestions, {clock}: p50 "
                f"{statistics.median(after) / statistics.median(before):.2f}x, "
                f"p95 {percentile(after, 0.95) / percentile(before, 0.95):.2f}x"
            )

        if args.no_tmux or subprocess_missing("tmux"):
            return 0
        env = {
            "TERM": "xterm-256color",
            "READER_CONFIG": str(folder / "none.toml"),
            "READER_STORE": str(store_path),
            "READER_STATE": str(folder / "state"),  # the user's saved carets left alone
            "PYTHONDONTWRITEBYTECODE": "1",
        }
        python = sys.executable
        reader = str(Path(python).with_name("reader"))
        textarea = folder / "textarea.py"
        textarea.write_text(bench_app.TEXTAREA_APP, encoding="utf-8")
        print("\ncaret movement end to end in tmux (send-keys to pane changed):")
        # Left first: in right-to-left text it goes forward, so no press is lost at the start.
        ours = bench_app.key_latency(
            f"{reader} {article}", "¶1 ch 0/", env, args.samples, ("Left", "Right")
        )
        print(f"  reader, {count:,} spans     {bench_app.ms(ours)}")
        area = bench_app.key_latency(
            f"{python} {textarea} {article}", "ليبيا تطلب", env, args.samples, ("Right", "Left")
        )
        print(f"  TextArea, no spans      {bench_app.ms(area)}")
    return 0


def subprocess_missing(name: str) -> bool:
    from shutil import which

    if which(name) is None:
        print(f"bench_annotate: {name} not found; skipping the end-to-end part", file=sys.stderr)
        return True
    return False


if __name__ == "__main__":
    os.environ.setdefault("READER_CONFIG", os.devnull)
    raise SystemExit(main())
