"""Checks a record must pass before any of it is written: every string in it is valid Unicode.

A JSON `"\ud800"` or a file name with undecodable bytes gives a Python string holding a lone
surrogate, which cannot be written as UTF-8: the store would fail on it halfway through.
"""

from __future__ import annotations

from reader.formats.records import Record
from reader.text.source import is_valid_unicode


def unicode_problem(record: Record) -> str | None:
    """Why the record cannot be stored (which field holds a lone surrogate, where), or None."""
    fields: list[tuple[str, object]] = [
        ("text", record.text),
        ("id", record.id),
        *((f"meta.{key}", value) for key, value in record.meta.items()),
    ]
    for span in record.spans:
        fields += [("a span's label", span.label), ("a span's annotator", span.annotator)]
        fields += [("a span's id", span.id), ("a span's note", span.note)]
    for relation in record.relations:
        fields += [("a link's type", relation.type), ("a link's annotator", relation.annotator)]
    for name, value in fields:
        if isinstance(value, str) and not is_valid_unicode(value):
            position = next(i for i, char in enumerate(value) if "\ud800" <= char <= "\udfff")
            return (
                f"its {name} holds a lone surrogate (U+{ord(value[position]):04X} at character "
                f"{position}), which is not valid Unicode; fix the source"
            )
    return None
