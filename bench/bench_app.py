"""How fast the reader app is, end to end in tmux: first paint and caret movement.

    python bench/bench_app.py [--runs 9] [--samples 80] [--paint-only] [--instructions]

Prints numbers, asserts nothing. Needs tmux. Everything is measured from outside, as a
person would see it: a command starts in a fresh tmux pane (Python start-up and imports
included) and `tmux capture-pane` is polled until the screen shows what is expected; a key
is sent with `tmux send-keys` and the pane is polled until it changes (tmux does no bidi,
so what is captured is exactly what the app drew).

1. First paint of a 1 MB article (the bundled sample repeated): the reader, against the
   smallest Textual app showing one line (the target: at most 1.2x, issue 11), and Textual's TextArea
   on the same file for reference.
2. Caret movement, key to screen changed, p50/p95 over many key presses: the reader against
   TextArea (cursor blink off) on the same text.

With --instructions, first paint is also counted in machine instructions (valgrind's
callgrind, one run each): each app ends as it hands the frame showing its marker to the
terminal. Wall time on a shared machine moves by a quarter between runs of one program;
instruction counts do not, so they show what a change gains.
"""

from __future__ import annotations

import argparse
import atexit
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_store import percentile

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_articles" / "libya-requests-turkish-military-support.txt"
WIDTH, HEIGHT = 100, 30
POLL = 0.002

MINIMAL_APP = """
from textual.app import App
from textual.widgets import Static
class Minimal(App):
    def compose(self):
        yield Static("minimal app: one line")
Minimal().run()
"""

# Runs a Python script (argv[3:]) and ends it as soon as the driver is given a frame that
# holds the marker (argv[1]), creating the file argv[2] first: first paint, under valgrind.
PAINT_EXIT = """
import os, runpy, sys
from textual.drivers.linux_driver import LinuxDriver
marker, seen, write = sys.argv[1], sys.argv[2], LinuxDriver.write
def write_then_exit(self, data):
    write(self, data)
    if marker in data:
        open(seen, "w").close()
        os._exit(0)
LinuxDriver.write = write_then_exit
sys.argv = sys.argv[3:]
runpy.run_path(sys.argv[0], run_name="__main__")
"""

TEXTAREA_APP = """
import sys
from pathlib import Path
from textual.app import App
from textual.widgets import TextArea
class Editor(App):
    def compose(self):
        area = TextArea(Path(sys.argv[1]).read_text(encoding="utf-8"), read_only=True, soft_wrap=True)
        area.cursor_blink = False
        yield area
Editor().run()
"""


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=False).stdout


class ControlClient:
    """One tmux client in control mode (`tmux -C`), kept open for the whole bench: a pane is
    captured by a line written to it, not by starting a `tmux` process. Polling every 2 ms
    with a process per capture kept most of one of this machine's two cores busy (forks
    and execs of tmux clients), competing with the app being timed and adding to the
    spread between runs; the screen captured is the same."""

    def __init__(self) -> None:
        self.session = f"bench-control-{os.getpid()}"
        self.process = subprocess.Popen(
            ["tmux", "-C", "new-session", "-s", self.session, "sleep 100000"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            encoding="utf-8",
            errors="replace",
            bufsize=1,
        )

    def command(self, line: str) -> str:
        """What the tmux command `line` prints (empty if it fails, e.g. no such session)."""
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
        output: list[str] = []
        inside = False
        while reply := self.process.stdout.readline():
            reply = reply.rstrip("\n")
            if reply.startswith("%begin"):
                # The reply to a command this client sent is flagged 1 (the session's own
                # start and notifications are not).
                inside, output = reply.split()[-1] == "1", []
            elif inside and reply.startswith(("%end", "%error")):
                return "\n".join(output) + "\n" if reply.startswith("%end") else ""
            elif inside:
                output.append(reply)
        raise RuntimeError("the tmux control client went away")

    def close(self) -> None:
        tmux("kill-session", "-t", self.session)
        self.process.wait()


_control: ControlClient | None = None


def _client() -> ControlClient:
    global _control
    if _control is None:
        _control = ControlClient()
        atexit.register(_control.close)
    return _control


def capture(session: str, escapes: bool = False) -> str:
    return _client().command(f"capture-pane -p {'-e ' if escapes else ''}-t {session}")


def pane_pid(session: str) -> int | None:
    """The process running in the session's pane (env execs the command, so it is the app)."""
    pid = _client().command(f"display-message -p -t {session} '#{{pane_pid}}'").strip()
    return int(pid) if pid.isdigit() else None


def start(session: str, command: str, env: dict[str, str]) -> None:
    exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    tmux(
        "new-session",
        "-d",
        "-s",
        session,
        "-x",
        str(WIDTH),
        "-y",
        str(HEIGHT),
        f"env {exports} {command}",
    )


def stop(session: str) -> None:
    tmux("kill-session", "-t", session)


def wait_for(session: str, marker: str, timeout: float = 30.0) -> float:
    """Seconds until `marker` shows in the pane (from now)."""
    began = time.perf_counter()
    while time.perf_counter() - began < timeout:
        if marker in capture(session):
            return time.perf_counter() - began
        time.sleep(POLL)
    raise TimeoutError(f"{marker!r} never showed in {session}: {capture(session)[:400]!r}")


def paint_once(
    command: str, marker: str, env: dict[str, str], run: int, timeout: float = 30.0
) -> float:
    """Seconds from starting `command` in a new pane to `marker` on screen."""
    session = f"bench-paint-{os.getpid()}-{run}"
    began = time.perf_counter()
    start(session, command, env)
    pid = pane_pid(session)
    try:
        wait_for(session, marker, timeout)
        return time.perf_counter() - began
    finally:
        stop(session)
        wait_gone(pid)
        time.sleep(0.2)


def wait_gone(pid: int | None, timeout: float = 10.0) -> bool:
    """Wait until the process has ended (its session was killed), so that its last work
    (closing the store, saving positions) never overlaps the next run being timed; False if
    it was still running after `timeout` seconds."""
    began = time.perf_counter()
    while pid is not None and time.perf_counter() - began < timeout:
        try:
            with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
                if stat.read().rsplit(")", 1)[1].split()[0] == "Z":
                    return True
        except OSError:
            return True  # gone (or no /proc here: nothing to wait on)
        time.sleep(0.01)
    return pid is None


def first_paint(
    apps: list[tuple[str, str]], env: dict[str, str], runs: int, timeout: float = 30.0
) -> list[list[float]]:
    """First-paint seconds of each (command, marker), `runs` times each. The apps take turns
    run by run, so a machine that slows down or speeds up meanwhile weighs on all alike."""
    times: list[list[float]] = [[] for _ in apps]
    for run in range(runs):
        for k, (command, marker) in enumerate(apps):
            times[k].append(paint_once(command, marker, env, run, timeout))
    return times


def compile_bytecode() -> None:
    """Byte-compile the reader's modules, as installing a package does (Textual's are): in an
    editable install with PYTHONDONTWRITEBYTECODE set, every start would compile them again."""
    import compileall

    compileall.compile_dir(str(ROOT / "reader"), quiet=1)


def settle(session: str, quiet: float = 0.15, timeout: float = 10.0) -> str:
    """Wait until the pane has not changed for `quiet` seconds; its content."""
    last, since, began = capture(session, True), time.perf_counter(), time.perf_counter()
    while time.perf_counter() - since < quiet and time.perf_counter() - began < timeout:
        time.sleep(0.01)
        now = capture(session, True)
        if now != last:
            last, since = now, time.perf_counter()
    return last


def key_latency(
    command: str,
    marker: str,
    env: dict[str, str],
    samples: int,
    keys: tuple[str, str],
    prepare: tuple[str, ...] = (),
) -> list[float]:
    """Seconds from `tmux send-keys` to the pane changing, alternating runs of ten of two keys
    (`prepare` is sent first, e.g. to put the caret inside a line where both keys move it)."""
    session = f"bench-keys-{os.getpid()}"
    start(session, command, env)
    times: list[float] = []
    try:
        wait_for(session, marker)
        time.sleep(2.0)  # let start-up work (row counting, store recording) finish
        for key in prepare:
            tmux("send-keys", "-t", session, key)
        settle(session, quiet=0.5)
        for k in range(samples):
            key = keys[0] if (k // 10) % 2 == 0 else keys[1]
            before = settle(session)
            began = time.perf_counter()
            tmux("send-keys", "-t", session, key)
            while capture(session, True) == before:
                if time.perf_counter() - began > 2.0:
                    break
                time.sleep(POLL)
            else:
                times.append(time.perf_counter() - began)
    finally:
        stop(session)
    return times


def instructions(command: str, marker: str, env: dict[str, str], tmp: Path) -> int:
    """Machine instructions from starting `command` (a Python script and its arguments) to
    the driver being given a frame that shows `marker`, under callgrind in a tmux pane."""
    runner, out, seen = tmp / "paint_exit.py", tmp / "callgrind.out", tmp / "painted"
    runner.write_text(PAINT_EXIT, encoding="utf-8")
    out.unlink(missing_ok=True)
    seen.unlink(missing_ok=True)
    session = f"bench-instructions-{os.getpid()}"
    valgrind = f"valgrind --tool=callgrind --callgrind-out-file={out}"
    start(
        session,
        f"{valgrind} {sys.executable} {runner} {shlex.quote(marker)} {seen} {command}",
        env,
    )
    try:
        ended = wait_gone(pane_pid(session), timeout=180)
    finally:
        stop(session)
    if not ended or not seen.exists():  # (an app that fails or never paints is counted too)
        raise RuntimeError(f"{command!r} never showed {marker!r} under valgrind")
    summary = [
        line for line in out.read_text(encoding="utf-8").splitlines() if line.startswith("summary:")
    ]
    return int(summary[0].split()[1])


def ms(values: list[float]) -> str:
    if not values:
        return "no samples"
    p95 = percentile(values, 0.95)
    return f"p50 {statistics.median(values) * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms   (n={len(values)})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="first-paint runs per app")
    parser.add_argument("--samples", type=int, default=80, help="key presses per app")
    parser.add_argument("--paint-only", action="store_true", help="measure first paint only")
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="also count first paint in instructions (needs valgrind)",
    )
    args = parser.parse_args()
    if subprocess.run(["which", "tmux"], capture_output=True).returncode:
        print("bench_app: tmux is needed (apt-get install tmux)", file=sys.stderr)
        return 1
    if args.instructions and subprocess.run(["which", "valgrind"], capture_output=True).returncode:
        print(
            "bench_app: --instructions needs valgrind (apt-get install valgrind)", file=sys.stderr
        )
        return 1
    python = sys.executable
    reader = str(Path(python).with_name("reader"))
    with tempfile.TemporaryDirectory() as tmp:
        sample = SAMPLE.read_text(encoding="utf-8")
        copies = 1_000_000 // len(sample.encode("utf-8")) + 1
        article = Path(tmp) / "long-article.txt"
        article.write_text("\n".join([sample] * copies), encoding="utf-8")
        minimal = Path(tmp) / "minimal.py"
        minimal.write_text(MINIMAL_APP, encoding="utf-8")
        textarea = Path(tmp) / "textarea.py"
        textarea.write_text(TEXTAREA_APP, encoding="utf-8")
        env = {
            "TERM": "xterm-256color",
            "READER_CONFIG": str(Path(tmp) / "none.toml"),
            "READER_STORE": str(Path(tmp) / "store.json"),
            "READER_STATE": str(Path(tmp) / "state"),  # the user's saved carets left alone
        }
        size = article.stat().st_size
        print(
            f"article: {size / 1e6:.2f} MB ({len(article.read_text(encoding='utf-8')):,} characters), pane {WIDTH}x{HEIGHT}"
        )

        compile_bytecode()
        print("\nfirst paint (command start to content on screen, median of runs taken in turns;")
        print("the reader's modules byte-compiled, as an install leaves them):")
        # The article's first Arabic line as the reader draws it (shaped, visual order) and as
        # TextArea draws it (logical order, unshaped): the moment the article itself shows.
        base, ours, area = first_paint(
            [
                (f"{python} {minimal}", "minimal app: one line"),
                (f"{reader} {article}", "ﻲﻛﺮﺘﻟﺍ ﻱﺮﻜﺴﻌﻟﺍ"),
                (f"{python} {textarea} {article}", "العسكري التركي"),
            ],
            env,
            args.runs,
        )
        b, o, a = statistics.median(base), statistics.median(ours), statistics.median(area)
        print(f"  smallest Textual app    {b * 1000:7.0f} ms")
        print(
            f"  reader, 1 MB article    {o * 1000:7.0f} ms   {o / b:4.2f}x the smallest app (target <= 1.2x)"
        )
        print(f"  TextArea, same file     {a * 1000:7.0f} ms   {a / b:4.2f}x")
        pairs = sorted(o / m for o, m in zip(ours, base, strict=True))
        print(
            f"  (reader / smallest app, run by run: {pairs[0]:.2f} to {pairs[-1]:.2f}, median "
            f"{statistics.median(pairs):.2f}: how much this machine's speed moves between runs)"
        )
        if args.instructions:
            fresh = {**env, "READER_STORE": str(Path(tmp) / "instructions" / "store.json")}
            small = instructions(str(minimal), "minimal app: one line", fresh, Path(tmp))
            big = instructions(f"{reader} {article}", "ﻲﻛﺮﺘﻟﺍ ﻱﺮﻜﺴﻌﻟﺍ", fresh, Path(tmp))
            print("\nfirst paint in instructions (callgrind, one run each: deterministic):")
            print(f"  smallest Textual app    {small / 1e6:7.0f} M")
            print(f"  reader, 1 MB article    {big / 1e6:7.0f} M   {big / small:5.3f}x")
        if args.paint_only:
            return 0

        print("\ncaret movement (send-keys to pane changed):")
        # The caret on the article's first Arabic line: Left goes forward in it, Right back.
        arabic = ("Down", "Down", "Home")
        print(
            f"  reader, 1 MB article    {ms(key_latency(f'{reader} {article}', '¶1 ch 0/', env, args.samples, ('Left', 'Right'), arabic))}"
        )
        short = Path(tmp) / "sample.txt"
        short.write_text(sample, encoding="utf-8")
        print(
            f"  reader, sample article  {ms(key_latency(f'{reader} {short}', '¶1 ch 0/', env, args.samples, ('Left', 'Right'), arabic))}"
        )
        print(
            f"  TextArea, 1 MB article  {ms(key_latency(f'{python} {textarea} {article}', 'ليبيا تطلب', env, args.samples, ('Right', 'Left')))}"
        )
        print(
            f"  TextArea, sample        {ms(key_latency(f'{python} {textarea} {short}', 'ليبيا تطلب', env, args.samples, ('Right', 'Left')))}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
