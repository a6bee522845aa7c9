"""Score the suggesters against the Wojood NER sample: precision, recall, F1 per label.

The text is rebuilt from the CoNLL file (tokens joined by one space, one sentence a line);
gold spans come from every tag column, nested ones included. DATE is scored against date,
GPE and LOC against place; PERS and ORG are printed against actor for information.

Exact match forgives a leading clitic (و ف ب ل ك, ال, لل) and brackets or quotes at either
edge, on both sides: Wojood keeps للعام and brackets inside its spans. Overlap counts a
suggestion right if it overlaps a gold span of its label (precision) and a gold span found
if a suggestion overlaps it (recall).

Tune on train and val only; the test split is the yardstick, run once.

    python bench/score_suggest.py --split val [--errors date] [--data PATH]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import regex

from reader.assist import suggest

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "ner" / "wojood_sample"
GOLD_LABELS = {"DATE": "date", "GPE": "place", "LOC": "place", "PERS": "actor", "ORG": "actor"}
SCORED = ("date", "place", "actor")
_EDGE = "()[]{}«»\"'“”‘’<>.,،:;؛!?؟-–— \t"
_CLITIC = regex.compile(r"(?:[وف]\p{M}*)?(?:[بكل]\p{M}*)?(?:ا\p{M}*ل\p{M}*|ل\p{M}*)?")


@dataclass(frozen=True)
class Gold:
    """A rebuilt text and its gold spans (start, end, Wojood type)."""

    text: str
    spans: list[tuple[int, int, str]]


def load_conll(path: Path, limit: int | None = None) -> Gold:
    """The text and spans of a Wojood CoNLL file (`TOKEN TAG [TAG...]`, blank line between
    sentences), at most `limit` sentences."""
    sentences: list[list[list[str]]] = [[]]
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if sentences[-1]:
                sentences.append([])
            continue
        sentences[-1].append(parts)
    sentences = [s for s in sentences if s][:limit]
    lines: list[str] = []
    spans: list[tuple[int, int, str]] = []
    offset = 0
    for sentence in sentences:
        starts, ends, at = [], [], offset
        for row in sentence:
            starts.append(at)
            ends.append(at + len(row[0]))
            at += len(row[0]) + 1
        for first, last, kind in _iob_spans([row[1:] for row in sentence]):
            spans.append((starts[first], ends[last - 1], kind))
        line = " ".join(row[0] for row in sentence)
        lines.append(line)
        offset += len(line) + 1
    return Gold("\n".join(lines) + "\n", spans)


def _iob_spans(tags: list[list[str]]) -> Iterable[tuple[int, int, str]]:
    """(first token, end token, type) for every IOB2 span of every column."""
    columns = max(len(row) for row in tags)
    for column in range(columns):
        current: list[object] | None = None
        for index, row in enumerate([*tags, ["O"] * columns]):
            tag = row[column] if column < len(row) else "O"
            kind = tag[2:]
            if tag.startswith("I-") and current is not None and current[2] == kind:
                current[1] = index + 1
                continue
            if current is not None:
                yield int(current[0]), int(current[1]), str(current[2])  # type: ignore[call-overload]
                current = None
            if tag.startswith(("B-", "I-")):
                current = [index, index + 1, kind]


def canonical(text: str, start: int, end: int) -> tuple[int, int]:
    """The range with edge brackets, quotes and spaces trimmed and a leading clitic dropped."""
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    match = _CLITIC.match(text, start, end)
    if match is not None and match.end() > start and end - match.end() >= 2:
        start = match.end()
    return start, end


@dataclass
class Score:
    label: str
    predicted: int
    gold: int
    exact_p: float
    exact_r: float
    overlap_p: float
    overlap_r: float

    @staticmethod
    def f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self) -> str:
        return (
            f"{self.label:<7} pred {self.predicted:>5} gold {self.gold:>5}  "
            f"exact P {self.exact_p:.3f} R {self.exact_r:.3f} F1 {self.f1(self.exact_p, self.exact_r):.3f}  "
            f"overlap P {self.overlap_p:.3f} R {self.overlap_r:.3f} F1 {self.f1(self.overlap_p, self.overlap_r):.3f}"
        )


def score(
    gold: Gold, labels: Iterable[str] = SCORED, errors: str | None = None
) -> dict[str, Score]:
    """Scores per label of `suggest` on the rebuilt text; prints misses for `errors`."""
    text = gold.text
    labels = list(labels)
    suggestions = suggest(text, only=labels)
    results = {}
    for label in labels:
        wanted = {k for k, v in GOLD_LABELS.items() if v == label}
        gold_spans = sorted({canonical(text, s, e) for s, e, k in gold.spans if k in wanted})
        predicted = sorted(
            {canonical(text, s.start, s.end) for s in suggestions if s.label == label}
        )
        gold_set, pred_set = set(gold_spans), set(predicted)
        hit = len(gold_set & pred_set)
        overlap_p = sum(any(_overlaps(p, g) for g in gold_spans) for p in predicted)
        overlap_r = sum(any(_overlaps(p, g) for p in predicted) for g in gold_spans)
        results[label] = Score(
            label,
            len(predicted),
            len(gold_spans),
            hit / len(predicted) if predicted else 0.0,
            hit / len(gold_spans) if gold_spans else 0.0,
            overlap_p / len(predicted) if predicted else 0.0,
            overlap_r / len(gold_spans) if gold_spans else 0.0,
        )
        if errors == label:
            _print_errors(text, gold_spans, predicted)
    return results


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _print_errors(text: str, gold: list[tuple[int, int]], predicted: list[tuple[int, int]]) -> None:
    def context(s: int, e: int) -> str:
        line_start = text.rfind("\n", 0, s) + 1
        return f"{text[max(line_start, s - 30) : s]}[{text[s:e]}]{text[e : e + 30]}".replace(
            "\n", " "
        )

    for s, e in sorted(set(gold) - set(predicted)):
        near = [p for p in predicted if _overlaps((s, e), p)]
        print("MISS " if not near else "EDGE ", context(s, e), *(f"<{text[a:b]}>" for a, b in near))
    for s, e in sorted(set(predicted) - set(gold)):
        if not any(_overlaps((s, e), g) for g in gold):
            print("FALSE", context(s, e))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("train", "val", "test"), default="val")
    parser.add_argument("--data", type=Path, default=DATA, help="the wojood_sample folder")
    parser.add_argument("--limit", type=int, help="score only the first N sentences")
    parser.add_argument("--errors", choices=SCORED, help="print this label's misses and false hits")
    args = parser.parse_args(argv)
    path = args.data / f"{args.split}.txt"
    if not path.is_file():
        print(
            f"score_suggest: {path} not found; give the wojood_sample folder with --data",
            file=sys.stderr,
        )
        return 2
    gold = load_conll(path, args.limit)
    print(f"{args.split}: {gold.text.count(chr(10))} sentences")
    for result in score(gold, errors=args.errors).values():
        print(result.line())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
