"""Lay out 1 MB of Arabic at width 100 with `reader cat`'s renderer, and in the same run the
naive pipeline a user would write (textwrap, then arabic_reshaper.reshape, then
bidi.get_display, per line). Two texts: the bundled sample article repeated (the word cache
hits after the first copy) and 1 MB of distinct text assembled from ../shared/data (the
NTREX articles, then the NER corpora detokenised: tokens joined with spaces, one sentence a
line, no line twice), where the cache rarely helps. The two pipelines alternate on pieces
of about 50,000 characters, so load from other processes on shared cores falls on both
alike; each run keeps one word cache for the whole text, as `reader cat` of one file does.
Prints wall and CPU times and ratios, run by run; the targets are reader at most 0.35x the
naive time on the repeated sample and at most 0.5x on distinct text. No assertions.

    python bench/bench_cat.py [--mb 1] [--width 100] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import arabic_reshaper
from bidi import get_display

from reader.commands.cat import render_lines
from reader.resources import samples_dir
from reader.text.shaping import DisplayOptions, ShapeCache

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"


def repeated(megabytes: float) -> str:
    sample = next(samples_dir().glob("*.txt")).read_text(encoding="utf-8")
    size = len(sample.encode("utf-8"))
    return (sample.rstrip("\n") + "\n") * max(1, round(megabytes * 1_000_000 / size))


def _sentences(path: Path) -> Iterator[str]:
    """Sentences of a token-per-line NER file (`TOKEN TAG...`), tokens joined with spaces."""
    tokens: list[str] = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        token = line.split("\t")[0].split(" ")[0].strip()
        if not token or token == "$#$":
            if tokens:
                yield " ".join(tokens)
            tokens = []
        else:
            tokens.append(token)
    if tokens:
        yield " ".join(tokens)


def distinct(megabytes: float) -> str | None:
    """Up to `megabytes` of distinct lines from ../shared/data, or None if it is absent."""
    if not DATA.is_dir():
        return None
    lines: dict[str, None] = {}
    for article in sorted((DATA / "articles").glob("*.txt")):
        lines.update(dict.fromkeys(article.read_text(encoding="utf-8").splitlines()))
    for corpus in ("wojood_sample", "aqmar", "newsfane_gold"):
        for path in sorted((DATA / "ner" / corpus).glob("*.txt")):
            lines.update(dict.fromkeys(_sentences(path)))
    lines.pop("", None)
    out, size = [], 0
    for line in lines:
        size += len(line.encode("utf-8")) + 1
        if size > megabytes * 1_000_000:
            break
        out.append(line)
    return "\n".join(out) + "\n"


def naive(text: str, width: int) -> int:
    count = 0
    for paragraph in text.split("\n"):
        for line in textwrap.wrap(paragraph, width) or [""]:
            count += len(get_display(arabic_reshaper.reshape(line)))
    return count


def ours(text: str, width: int, shapes: ShapeCache) -> int:
    options = shapes.options
    return sum(len(line) for line in render_lines(text, width, options, shapes))


def chunks(text: str, size: int = 50_000) -> list[str]:
    """`text` cut at line ends into pieces of about `size` characters."""
    out, start = [], 0
    while start < len(text):
        end = text.find("\n", start + size)
        end = len(text) if end < 0 else end + 1
        out.append(text[start:end])
        start = end
    return out


def run(pieces: list[str], width: int) -> tuple[tuple[float, float], tuple[float, float]]:
    """One run over the whole text: ((naive wall, CPU), (reader wall, CPU)) seconds. The two
    alternate piece by piece, so a burst of load on the shared cores falls on both alike.
    One word cache for the whole run, fresh each run, as `reader cat` of one file has."""
    times = [[0.0, 0.0], [0.0, 0.0]]
    shapes = ShapeCache(DisplayOptions())
    for piece in pieces:
        for k in (0, 1):
            wall, cpu = time.perf_counter(), time.process_time()
            if k == 0:
                naive(piece, width)
            else:
                ours(piece, width, shapes)
            times[k][0] += time.perf_counter() - wall
            times[k][1] += time.process_time() - cpu
    return (times[0][0], times[0][1]), (times[1][0], times[1][1])


def compare(name: str, text: str, width: int, repeat: int, target: float) -> None:
    pieces = chunks(text)
    runs = [run(pieces, width) for _ in range(repeat)]
    size = len(text.encode("utf-8")) / 1e6
    print(f"{name}: {size:.2f} MB, {len(text):,} code points, {text.count(chr(10)):,} lines")
    for k, clock in ((1, "CPU"), (0, "wall")):
        base = statistics.median(b[k] for b, _ in runs)
        mine = statistics.median(m[k] for _, m in runs)
        ratios = [m[k] / b[k] for b, m in runs]
        print(
            f"  {clock:4s} naive {base:.3f} s, reader {mine:.3f} s: "
            f"ratio {statistics.median(ratios):.2f}x (target <= {target:.2f}x; "
            f"runs {', '.join(f'{r:.2f}' for r in ratios)})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--width", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"width {args.width}, median of {args.repeat} runs each")
    compare("repeated sample", repeated(args.mb), args.width, args.repeat, 0.35)
    text = distinct(args.mb)
    if text is None:
        print(f"(no {DATA.resolve()}: the distinct-text comparison is skipped)")
    else:
        compare("distinct text", text, args.width, args.repeat, 0.50)


if __name__ == "__main__":
    main()
