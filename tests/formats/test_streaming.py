"""JSON lines are read a record at a time: memory follows the largest record, not the file."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest

from reader.formats import doccano, jsonl

LINE = "قالَ أحمد أبو الغيط {n} في القاهرة 😀 يوم ١٥ مارس 2024: «الاتفاق لا يزال ممكناً».\n"


def peak(action) -> int:
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize(
    ("module", "spans"),
    [
        (jsonl, lambda: {"spans": [{"start": 0, "end": 4, "label": "actor"}]}),
        (doccano, lambda: {"label": [[0, 4, "actor"]]}),
    ],
)
def test_streamed_records_hold_one_line_not_the_file(tmp_path: Path, module, spans) -> None:
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for n in range(1500):
            text = "".join(LINE.format(n=n * 10 + i) for i in range(10))
            out.write(json.dumps({"id": f"d{n}", "text": text, **spans()}, ensure_ascii=False))
            out.write("\n")
    size = path.stat().st_size  # about 2.5 MB, lines of about 1.7 KB
    count = 0

    def streamed() -> None:
        nonlocal count
        for record in module.records(path, []):
            assert len(record.spans) == 1
            count += 1

    streamed_peak = peak(streamed)
    assert count == 1500
    assert streamed_peak < size / 10, (streamed_peak, size)
    assert peak(lambda: module.read(path)) > size  # reading whole holds it all: what we avoid
