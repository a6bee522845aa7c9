"""Label maps: turning a source's tag set (PERS, GPE, ...) into the configured labels.

`--label-map PERS=actor,GPE=place` maps labels; `X=` (nothing after `=`) drops label X on
purpose. Without a map, labels pass through, but each must already be a configured label.
A label that is neither mapped nor configured is an error listing every such label with its
count, unless the user asks to drop them (`drop_unmapped`), which is then reported per label.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

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
    mapping = mapping or {}
    allowed_set = set(allowed)
    unmapped: Counter[str] = Counter()
    dropped_on_purpose: Counter[str] = Counter()
    for record in records:
        for span in record.spans:
            if span.label in mapping:
                if mapping[span.label] is None:
                    dropped_on_purpose[span.label] += 1
            elif span.label not in allowed_set:
                unmapped[span.label] += 1
    if unmapped and not drop_unmapped:
        listing = ", ".join(f"{label} ({count})" for label, count in _by_count(unmapped))
        example = next(iter(_by_count(unmapped)))[0]
        if not mapping:
            raise ReaderError(
                f"{len(unmapped)} label(s) in {where} are not configured labels ({', '.join(allowed)}): {listing}; "
                f"map them with --label-map (e.g. {example}={allowed[0]}) or pass --drop-unmapped"
            )
        raise ReaderError(
            f"{len(unmapped)} label(s) in {where} have no mapping: {listing}; "
            f"add them to --label-map (e.g. {example}={allowed[0]}, or {example}= to drop it) or pass --drop-unmapped"
        )
    diagnostics = []
    merged = 0
    for record in records:
        kept = []
        seen = set()
        for span in record.spans:
            label = mapping[span.label] if span.label in mapping else span.label
            if label is None or label not in allowed_set:
                continue
            key = (span.start, span.end, label)
            if key in seen:
                merged += 1
                continue
            seen.add(key)
            if label != span.label:
                span.extra.setdefault("source_label", span.label)
                span.label = label
            kept.append(span)
        record.spans = kept
    for label, count in _by_count(unmapped):
        diagnostics.append(
            Diagnostic(
                where, None, f"dropped {count} span(s) labelled {label!r} (no mapping)", "warning"
            )
        )
    for label, count in _by_count(dropped_on_purpose):
        diagnostics.append(
            Diagnostic(
                where,
                None,
                f"dropped {count} span(s) labelled {label!r} (mapped to nothing)",
                "info",
            )
        )
    if merged:
        diagnostics.append(
            Diagnostic(
                where,
                None,
                f"{merged} span(s) became duplicates of another after label mapping; kept once",
                "info",
            )
        )
    return diagnostics


def _by_count(counter: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))
