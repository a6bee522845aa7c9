"""All 91,707 cases of the Unicode 15.0 BidiCharacterTest.txt give the expected visual order."""

import gzip
from pathlib import Path

from reader.text.bidi import visual_order

DATA = Path(__file__).resolve().parent.parent / "data" / "BidiCharacterTest.txt.gz"
BASES = {"0": "ltr", "1": "rtl", "2": "auto"}


def _cases():
    with gzip.open(DATA, "rt", encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            line = line.strip()
            if line and not line.startswith("#"):
                fields = line.split(";")
                text = "".join(chr(int(cp, 16)) for cp in fields[0].split())
                expected = [int(i) for i in fields[4].split()]
                yield number, text, BASES[fields[1]], expected


def test_every_case_gives_the_expected_visual_order():
    failures = []
    total = 0
    for number, text, base, expected in _cases():
        total += 1
        got = visual_order(text, base)
        if got != expected:
            failures.append((number, text, base, expected, got))
    assert total == 91_707
    assert not failures, f"{len(failures)} of {total} cases differ; first: {failures[:3]}"
