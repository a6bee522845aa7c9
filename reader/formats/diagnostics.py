"""Diagnostics: every oddity a reader or writer meets, with the file and line it came from.

Nothing is swallowed: a reader that changes, drops or doubts something says so here.
Severities: ``error`` (something was not imported), ``warning`` (imported, but changed or
suspicious), ``info`` (noted, nothing lost, e.g. a BOM dropped).
"""

from __future__ import annotations

import reprlib
from dataclasses import dataclass
from typing import Literal

from reader.text.sanitise import sanitise

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Diagnostic:
    """One reported oddity: where (file, line; line is 1-based or None) and what."""

    file: str
    line: int | None
    message: str
    severity: Severity = "warning"

    def __str__(self) -> str:
        """The line shown to a person: sanitised, as file names and messages hold data."""
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return sanitise(f"{where}: {self.severity}: {self.message}")


_SHOWN = reprlib.Repr()
_SHOWN.maxlevel, _SHOWN.maxstring, _SHOWN.maxother = 3, 80, 80


def shown(value: object) -> str:
    """A value from data as a message shows it: repr, shortened and depth-limited (a list
    nested 900 deep must not overflow the stack on its way into an error line)."""
    return _SHOWN.repr(value)


class Tally:
    """Collapses an oddity that repeats (an LRM on 150,000 tokens) into one diagnostic.

    `add(file, key, line)` counts; `diagnostics()` gives one line per (file, key) with the
    count and the first line it was seen on. `message` may hold `{count}`, replaced by the count.
    """

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str], _Seen] = {}

    def add(
        self, file: str, key: str, line: int | None, message: str, severity: Severity = "warning"
    ) -> None:
        entry = self._seen.get((file, key))
        if entry is None:
            self._seen[(file, key)] = _Seen(line, message, severity)
        else:
            entry.count += 1

    def diagnostics(self) -> list[Diagnostic]:
        out = []
        for (file, _key), entry in self._seen.items():
            text = entry.message.replace("{count}", str(entry.count))
            if entry.count > 1 and entry.line is not None:
                text += f" (first at line {entry.line})"
            out.append(Diagnostic(file, entry.line, text, entry.severity))
        return out


@dataclass
class _Seen:
    line: int | None
    message: str
    severity: Severity
    count: int = 1


def count_by_severity(diagnostics: list[Diagnostic]) -> dict[str, int]:
    """How many errors, warnings and infos, for summaries."""
    counts = {"error": 0, "warning": 0, "info": 0}
    for diagnostic in diagnostics:
        counts[diagnostic.severity] += 1
    return counts
