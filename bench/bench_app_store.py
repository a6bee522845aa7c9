"""The app on a big store, end to end in tmux: first paint, next document, memory.

    python bench/bench_app_store.py [--documents 10000] [--spans-per-document 50] [--runs 5]
                                    [--reuse DIR] [--paint-only] [--instructions]

(--reuse DIR: the stores of `bench_big_store.py --reuse DIR`, built there if missing.)

Builds two stores (10 documents, and `--documents` of them with `--spans-per-document` spans
each; 10,000 x 50 = 500,000 spans by default) and opens each with `reader --store S`, which
shows the store's documents. Measured from outside, as a person would meet it:

1. first paint: command start to the status bar's caret position on screen, median of runs
   taken in turns, the big store against the 10-document one (issue 11's target: at most 1.3x);
2. next document (ctrl+n): key to the status bar showing the next document, p50/p95 (target:
   median at most 100 ms);
3. the app's peak resident memory after those moves (target: at most 300 MB).
With --instructions, first paint is also counted in machine instructions under valgrind (one
run per store; see bench_app.py). Prints numbers, asserts nothing. Needs tmux.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_app import (
    POLL,
    capture,
    compile_bytecode,
    first_paint,
    instructions,
    ms,
    pane_pid,
    start,
    stop,
    tmux,
    wait_for,
)
from bench_big_store import build

MARKER = "¶1 ch 0/"  # the status bar's caret position: drawn in the first frame


def _status_row(session: str) -> str:
    lines = capture(session).rstrip("\n").split("\n")
    return lines[-2] if len(lines) >= 2 else ""


def next_document(
    reader: str, store: Path, env: dict[str, str], moves: int
) -> tuple[list[float], float]:
    """Seconds from ctrl+n to the status bar naming another document; the peak RSS (MB)."""
    session = "bench-store-next"
    start(session, f"{reader} --store {store}", env)
    times: list[float] = []
    try:
        wait_for(session, MARKER, timeout=60)
        time.sleep(2.0)  # start-up work after the first paint
        for _ in range(moves):
            before = _status_row(session)
            began = time.perf_counter()
            tmux("send-keys", "-t", session, "C-n")
            while _status_row(session) == before:
                if time.perf_counter() - began > 5:
                    break
                time.sleep(POLL)
            else:
                times.append(time.perf_counter() - began)
            time.sleep(0.05)
        peak = _peak_mb(pane_pid(session))
    finally:
        stop(session)
    return times, peak


def _peak_mb(pid: int | None) -> float:
    """VmHWM of the pane's process (env execs the reader, so it is the reader) in MB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--spans-per-document", type=int, default=50)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--moves", type=int, default=30)
    parser.add_argument("--reuse", type=Path, metavar="DIR", help="keep the stores in DIR")
    parser.add_argument("--paint-only", action="store_true", help="measure first paint only")
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="also count first paint in instructions (needs valgrind)",
    )
    args = parser.parse_args()
    if args.instructions and subprocess.run(["which", "valgrind"], capture_output=True).returncode:
        print(
            "bench_app_store: --instructions needs valgrind (apt-get install valgrind)",
            file=sys.stderr,
        )
        return 1
    if subprocess.run(["which", "tmux"], capture_output=True).returncode:
        print("bench_app_store: tmux is needed (apt-get install tmux)", file=sys.stderr)
        return 1
    reader = str(Path(sys.executable).with_name("reader"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.reuse or Path(tmp)
        small, big = folder / "small" / "store.json", folder / "big" / "store.json"
        took = 0.0
        for path, documents in ((small, 10), (big, args.documents)):
            if not path.exists():
                took += build(path, documents, args.spans_per_document)
        spans = args.documents * args.spans_per_document
        print(
            f"stores: 10 documents, and {args.documents:,} with {spans:,} spans (built in {took:.0f} s)"
        )
        env = {
            "TERM": "xterm-256color",
            "READER_CONFIG": str(Path(tmp) / "none.toml"),
            "READER_STATE": str(Path(tmp) / "state"),  # no caret kept from run to run
        }
        compile_bytecode()
        small_runs, big_runs = first_paint(
            [(f"{reader} --store {small}", MARKER), (f"{reader} --store {big}", MARKER)],
            env,
            args.runs,
            timeout=60,  # (10,000 documents on a slow machine)
        )  # in turns, so a machine slowing down meanwhile weighs on both alike
        small_paint, big_paint = statistics.median(small_runs), statistics.median(big_runs)
        print(
            f"first paint: 10 documents {small_paint * 1000:.0f} ms, {args.documents:,} documents "
            f"{big_paint * 1000:.0f} ms: {big_paint / small_paint:.2f}x (target at most 1.3x)"
        )
        if args.instructions:
            counts = [
                instructions(f"{reader} --store {store}", MARKER, env, Path(tmp))
                for store in (small, big)
            ]
            print(
                f"first paint in instructions (callgrind, one run each): 10 documents "
                f"{counts[0] / 1e6:.0f} M, {args.documents:,} documents {counts[1] / 1e6:.0f} M: "
                f"{counts[1] / counts[0]:.3f}x"
            )
        if args.paint_only:
            return 0
        for name, store in (("10 documents", small), (f"{args.documents:,} documents", big)):
            times, peak = next_document(reader, store, env, args.moves)
            print(f"next document, {name}: {ms(times)}; peak memory {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
