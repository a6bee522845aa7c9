"""Relations on the way in and out: one place for the rules every format applies to links.

A relation names two spans of its record by id. On the way in, a relation whose span the
source does not hold (or that was not imported) is reported and left out, never a crash. On
the way out, a relation is written only when both its spans are, each under the id the format
gave it (brat's `T3`, doccano's integers, Label Studio's region ids).
"""

from __future__ import annotations

from collections.abc import Mapping

from reader.formats.diagnostics import Diagnostic
from reader.formats.records import Record, RelationRecord


def check_relations(record: Record, diagnostics: list[Diagnostic], where: str) -> None:
    """Drop, with an error each, the relations a reader read that name a span the record
    does not hold, or link a span to itself."""
    if not record.relations:
        return
    ids = {span.id for span in record.spans if span.id is not None}
    kept = []
    for relation in record.relations:
        missing = [end for end in (relation.source, relation.target) if end not in ids]
        problem = f"names span {missing[0]!r}, which is not there" if missing else None
        if relation.source == relation.target:
            problem = f"links span {relation.source!r} to itself"
        if problem:
            diagnostics.append(
                Diagnostic(
                    where,
                    relation.line if relation.line is not None else record.line,
                    f"document {record.id}: link {relation.type!r} {relation.id or ''} "
                    f"({relation.source} -> {relation.target}) {problem}; link not imported",
                    "error",
                )
            )
            continue
        kept.append(relation)
    record.relations = kept


def exportable_relations(
    record: Record, names: Mapping[str, str], diagnostics: list[Diagnostic], where: str
) -> list[tuple[RelationRecord, str, str]]:
    """Each relation both of whose spans were written, with the names the format gave them
    (`names`: span id -> written id); the others reported, not written."""
    out = []
    for relation in record.relations:
        source, target = names.get(relation.source), names.get(relation.target)
        if source is None or target is None:
            diagnostics.append(
                Diagnostic(
                    where,
                    None,
                    f"document {record.id}: link {relation.type!r} {relation.id or ''} not exported: "
                    "one of its spans was not exported",
                )
            )
            continue
        out.append((relation, source, target))
    return out
