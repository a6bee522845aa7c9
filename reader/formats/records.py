"""The neutral record model every format reads into and writes from.

Offsets are code points into `Record.text`, end exclusive, as everywhere in reader. A reader
converts its format's offsets (UTF-16, CRLF-counted, tokens) into these and checks them; a
writer converts them back. `file` and `line` fields say where a record came from, for
diagnostics. Relations name spans by their ids, so a span a relation names carries one; a
note is free text on a span (`SpanRecord.note`) or on the document (`Record.meta["note"]`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reader.formats.diagnostics import Diagnostic
from reader.store.model import SAID_BY


@dataclass
class SpanRecord:
    """A labelled range of a record's text: `text[start:end]`, code points, end exclusive."""

    start: int
    end: int
    label: str
    text: str | None = None
    id: str | None = None
    annotator: str | None = None
    line: int | None = None  # where the span was read, for diagnostics
    extra: dict[str, Any] = field(
        default_factory=dict
    )  # created, updated, anything else worth keeping
    note: str | None = None  # free text an annotator left on the span


@dataclass
class RelationRecord:
    """A typed link from one span of a record to another, named by their ids (`said_by`: from
    a claim to its actor). `source` and `target` stand for the formats' "from" and "to"."""

    source: str
    target: str
    type: str = SAID_BY
    id: str | None = None
    annotator: str | None = None
    line: int | None = None  # where it was read, for diagnostics
    extra: dict[str, Any] = field(default_factory=dict)  # created, updated


@dataclass
class Record:
    """A document: its text, its spans and the relations between them, an optional stable id
    and metadata.

    `meta` may hold `source`, `sha256`, `status`, `title`, `note` (what the store keeps), plus
    anything else a format carried. `file` and `line` say where it was read.
    """

    text: str
    spans: list[SpanRecord] = field(default_factory=list)
    id: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)  # JSON values
    file: str | None = None
    line: int | None = None
    relations: list[RelationRecord] = field(default_factory=list)


@dataclass
class ReadResult:
    """What a reader gives back: the records and every oddity it met on the way."""

    records: list[Record] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def span_problem(text: str, start: object, end: object, given: object = None) -> str | None:
    """Why a span cannot stand on `text`, or None if it can.

    Checks that offsets are integers, in range, non-empty, and that the span text a source gave
    (if any) equals the slice: the invariant every span in the store keeps.
    """
    if not _is_int(start) or not _is_int(end):
        return f"offsets must be integers, got start={start!r} end={end!r}"
    assert isinstance(start, int) and isinstance(end, int)
    if start < 0 or end > len(text) or start > end:
        return f"offsets [{start}, {end}) are out of range for a text of {len(text)} characters"
    if start == end:
        return f"span [{start}, {end}) is empty"
    if given is not None:
        if not isinstance(given, str):
            return f"span text must be a string, got {given!r}"
        if text[start:end] != given:
            return f"span text {given!r} does not match the text at [{start}, {end}): {text[start:end]!r}"
    return None


def edge_whitespace(text: str) -> bool:
    """True if a span's text starts or ends with whitespace (tools usually trim it)."""
    return bool(text) and (text[0].isspace() or text[-1].isspace())


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
