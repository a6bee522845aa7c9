"""Diagnostics: every oddity a reader or writer meets, with the file and line it came from.

Nothing is swallowed: a reader that changes, drops or doubts something says so here.
Severities: ``error`` (something was not imported), ``warning`` (imported, but changed or
suspicious), ``info`` (noted, nothing lost, e.g. a BOM dropped).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Diagnostic:
    """One reported oddity: where (file, line; line is 1-based or None) and what."""

    file: str
    line: int | None
    message: str
    severity: Severity = "warning"

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.severity}: {self.message}"


class Tally:
    """Collapses an oddity that repeats (an LRM on 150,000 tokens) into one diagnostic.

    `add(file, key, line)` counts; `diagnostics()` gives one line per (file, key) with the
    count and the first line it was seen on. `message` may hold `{count}`, replaced by the count.
    """

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str], list] = {}

    def add(
        self, file: str, key: str, line: int | None, message: str, severity: Severity = "warning"
    ) -> None:
        entry = self._seen.get((file, key))
        if entry is None:
            self._seen[(file, key)] = [line, 1, message, severity]
        else:
            entry[1] += 1

    def diagnostics(self) -> list[Diagnostic]:
        out = []
        for (file, _key), (line, count, message, severity) in self._seen.items():
            text = message.replace("{count}", str(count))
            if count > 1 and line is not None:
                text += f" (first at line {line})"
            out.append(Diagnostic(file, line, text, severity))
        return out


def count_by_severity(diagnostics: list[Diagnostic]) -> dict[str, int]:
    """How many errors, warnings and infos, for summaries."""
    counts = {"error": 0, "warning": 0, "info": 0}
    for diagnostic in diagnostics:
        counts[diagnostic.severity] += 1
    return counts
