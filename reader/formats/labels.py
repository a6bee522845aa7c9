"""Label maps: turning a source's tag set (PERS, GPE, ...) into the configured labels.

`--label-map PERS=actor,GPE=place` maps labels; `X=` (nothing after `=`) drops label X on
purpose. Without a map, labels pass through, but each must already be a configured label.
A label that is neither mapped nor configured is an error listing every such label with its
count, unless the user asks to drop them (`drop_unmapped`), which is then reported per label.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from reader.errors import ReaderError
from reader.formats.diagnostics import Diagnostic
from reader.formats.records import Record

LabelMap = dict[str, str | None]  # None: drop this label


def parse_label_map(specs: Sequence[str] | None) -> LabelMap | None:
    """Parse one or more `A=b,C=d` strings into a map; None when no map was given."""
    if not specs:
        return None
    mapping: LabelMap = {}
    for spec in specs:
        for item in spec.split(","):
            item = item.strip()
            if not item:
                continue
            if "=" not in item:
                raise ReaderError(
                    f"--label-map item {item!r} has no '='; write SOURCE=label pairs, e.g. PERS=actor,GPE=place"
                )
            source, target = (part.strip() for part in item.rsplit("=", 1))
            if not source:
                raise ReaderError(f"--label-map item {item!r} has no source label before '='")
            value = target or None
            if source in mapping and mapping[source] != value:
                raise ReaderError(
                    f"--label-map maps {source!r} twice ({mapping[source] or 'drop'} and {value or 'drop'}); keep one"
                )
            mapping[source] = value
    return mapping


def check_targets(mapping: LabelMap | None, allowed: Sequence[str]) -> None:
    """Every label a map produces must be a configured label."""
    if not mapping:
        return
    bad = sorted({t for t in mapping.values() if t is not None and t not in allowed})
    if bad:
        raise ReaderError(
            f"--label-map maps to {', '.join(bad)}, not configured labels ({', '.join(allowed)}); "
            "map to one of those or add the label to [[labels]] in the config file"
        )


# common tag sets' types and the default labels they usually become (used only when the
# label is configured): suggestions for --label-map, never applied without asking
COMMON_TAGS = {
    "PER": "actor",
    "PERS": "actor",
    "PERSON": "actor",
    "ORG": "actor",
    "NORP": "actor",
    "LOC": "place",
    "GPE": "place",
    "FAC": "place",
    "DATE": "date",
    "TIME": "date",
}


def apply_label_map(
    records: Iterable[Record],
    mapping: LabelMap | None,
    allowed: Sequence[str],
    drop_unmapped: bool,
    where: str,
) -> list[Diagnostic]:
    """Relabel the records' spans in place; raise, listing every unmapped label, or drop them.

    `where` names the source in messages. Returns diagnostics for dropped and merged spans.
    Nothing is changed when the error is raised.
    """
    records = list(records)
    check_targets(mapping, allowed)
    counts = Counter(span.label for record in records for span in record.spans)
    diagnostics = check_label_counts(counts, mapping, allowed, drop_unmapped, where)
    merged = sum(relabel(record, mapping, allowed).merged for record in records)
    return diagnostics + merged_note(merged, where)


def check_label_counts(
    counts: Counter[str],
    mapping: LabelMap | None,
    allowed: Sequence[str],
    drop_unmapped: bool,
    where: str,
) -> list[Diagnostic]:
    """Given every source label with its count: raise, listing each label that is neither
    mapped nor configured (with a mapping to suggest), or say what will be dropped."""
    mapping = mapping or {}
    unmapped: Counter[str] = Counter()
    dropped_on_purpose: Counter[str] = Counter()
    for label, count in counts.items():
        if label in mapping:
            if mapping[label] is None:
                dropped_on_purpose[label] += count
        elif label not in allowed:
            unmapped[label] += count
    if unmapped and not drop_unmapped:
        listing = ", ".join(f"{label} ({count})" for label, count in _by_count(unmapped))
        example = suggest_mapping([label for label, _ in _by_count(unmapped)], allowed)
        if not mapping:
            raise ReaderError(
                f"{len(unmapped)} label(s) in {where} are not configured labels ({', '.join(allowed)}): {listing}; "
                f"map them with --label-map (e.g. {example}) or pass --drop-unmapped"
            )
        raise ReaderError(
            f"{len(unmapped)} label(s) in {where} have no mapping: {listing}; "
            f"add them to --label-map (e.g. {example}; X= drops X) or pass --drop-unmapped"
        )
    diagnostics = [
        Diagnostic(where, None, f"dropped {count} span(s) labelled {label!r} (no mapping)")
        for label, count in _by_count(unmapped)
    ]
    diagnostics += [
        Diagnostic(
            where, None, f"dropped {count} span(s) labelled {label!r} (mapped to nothing)", "info"
        )
        for label, count in _by_count(dropped_on_purpose)
    ]
    return diagnostics


def suggest_mapping(labels: Sequence[str], allowed: Sequence[str]) -> str:
    """A --label-map value for the first few `labels`: the configured label each most likely
    means (same name in another case, a close spelling, a common tag set's type), or a
    generic `X=LABEL` naming the configured labels when none is likely."""
    lower = {name.lower(): name for name in allowed}
    pairs = []
    for label in labels:
        target = lower.get(label.lower()) or COMMON_TAGS.get(label.upper())
        if target is None:
            close = difflib.get_close_matches(label.lower(), list(lower), n=1, cutoff=0.6)
            target = lower[close[0]] if close else None
        if target in allowed:
            pairs.append(f"{label}={target}")
        if len(pairs) == 3:
            break
    if pairs:
        return ",".join(pairs)
    return f"{labels[0]}=LABEL with LABEL one of {', '.join(allowed)}"


class Relabelled(NamedTuple):
    """What mapping did to one record's spans: how many are kept, how many were merged."""

    kept: int
    merged: int


def relabel(
    record: Record, mapping: LabelMap | None, allowed: Sequence[str], apply: bool = True
) -> Relabelled:
    """Map one record's span labels, dropping spans left without a configured label and
    keeping once those that became duplicates (links to a duplicate then go to the span kept).
    `apply=False` only counts."""
    mapping = mapping or {}
    kept = []
    seen: dict[tuple[int, int, str], str | None] = {}  # -> the id of the span kept
    same: dict[str, str] = {}
    merged = 0
    for span in record.spans:
        label = mapping[span.label] if span.label in mapping else span.label
        if label is None or label not in allowed:
            continue
        key = (span.start, span.end, label)
        if key in seen:
            merged += 1
            first = seen[key]
            if span.id is not None and first is not None:
                same[span.id] = first
            continue
        seen[key] = span.id
        if apply and label != span.label:
            span.extra.setdefault("source_label", span.label)
            span.label = label
        kept.append(span)
    if apply:
        record.spans = kept
        for relation in record.relations:
            relation.source = same.get(relation.source, relation.source)
            relation.target = same.get(relation.target, relation.target)
    return Relabelled(len(kept), merged)


def merged_note(merged: int, where: str) -> list[Diagnostic]:
    """The note for spans that label mapping made duplicates, if any."""
    if not merged:
        return []
    return [
        Diagnostic(
            where,
            None,
            f"{merged} span(s) became duplicates of another after label mapping; kept once",
            "info",
        )
    ]


def _by_count(counter: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))
