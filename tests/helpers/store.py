"""Helpers shared by the store tests: real Arabic text, child processes, file snapshots."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

#: A news paragraph with what the store must carry unchanged: harakat (قالَ، مسؤولٌ), shadda,
#: tatweel (ستـــرسل), lam-alef (لا، الإعلان), Arabic-Indic and Western digits, Latin names,
#: guillemets, brackets, and emoji (a flag is two code points, a ZWJ family is several).
ARTICLE = (
    "ليبيا تطلب رسمياً الدعم العسكري التركي\n"
    "\n"
    "قالَ مسؤولٌ حكوميٌّ إنّ حكومة «الوفاق» في طرابلس طلبت من تركيا دعماً عسكرياً (جوياً وبرياً وبحرياً) "
    "يوم ١٢ ديسمبر 2019، وفق وكالة Reuters. وأضاف الرئيس رجب طيب أردوغان أن بلاده ستـــرسل قوات 🇹🇷 "
    "إلى ليبيا في الشهر المقبل [بحسب مصادر]، ولا لبس في الإعلان 👨‍👩‍👧.\n"
)

CHILD = Path(__file__).parent.parent / "store" / "store_child.py"


def at(text: str, quote: str, occurrence: int = 1) -> tuple[int, int]:
    """(start, end) code-point offsets of the n-th occurrence of `quote` in `text`."""
    start = -1
    for _ in range(occurrence):
        start = text.index(quote, start + 1)
    return start, start + len(quote)


def child(*args: str) -> subprocess.Popen:
    """Start tests/store/store_child.py with these arguments, stdout piped, line-buffered."""
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    return subprocess.Popen(
        [sys.executable, str(CHILD), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
        encoding="utf-8",
    )


def run_child(*args: str, timeout: float = 30) -> subprocess.CompletedProcess:
    """Run store_child.py to its end."""
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    return subprocess.run(
        [sys.executable, str(CHILD), *args],
        capture_output=True,
        env=env,
        text=True,
        encoding="utf-8",
        timeout=timeout,
    )


def snapshot_files(folder: Path) -> dict[str, bytes]:
    """Every file under a folder, by relative path, with its bytes (to prove nothing was touched)."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def abandon(store) -> None:
    """Leave a store as a crash would: files as they are, no compaction, the lock dropped.

    (Reaches into the store's privates, here only, so tests need not spawn a process each time.)
    """
    store._journal.close()
    store._lock.release()
    store._closed = True
