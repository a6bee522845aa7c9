"""Writing and reading through a format, for round-trip tests."""

from __future__ import annotations

from pathlib import Path

from reader.formats import get_format
from reader.formats.records import ReadResult, Record


def write(name: str, records: list[Record], target: Path) -> list:
    fmt = get_format(name)
    if fmt.TARGET == "directory":
        return fmt.write(records, target)
    with target.open("w", encoding="utf-8", newline="") as out:
        return fmt.write(records, out)


def round_trip(name: str, records: list[Record], tmp_path: Path) -> tuple[ReadResult, list]:
    target = tmp_path / ("out" if get_format(name).TARGET == "directory" else f"out.{name}")
    written = write(name, records, target)
    return get_format(name).read(target), written


def messages(result: ReadResult, severity: str | None = None) -> list[str]:
    return [str(d) for d in result.diagnostics if severity is None or d.severity == severity]


def by_id(result: ReadResult) -> dict[str, Record]:
    return {record.id: record for record in result.records}
