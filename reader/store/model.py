"""The data model: what a document and a span record hold, and how to check one.

Records are plain dicts so they go to and from JSON unchanged (the TinyDB file, the journal,
native JSONL). This module builds them and says what is wrong with a bad one; it does no I/O.
"""

from __future__ import annotations

import getpass
import os
import time
from typing import Any, NotRequired, TypedDict, TypeGuard

from reader.store.errors import InvalidTextError
from reader.store.status import STATUSES as STATUSES
from reader.store.status import Status as Status
from reader.store.status import check_status as check_status
from reader.store.status import status_display as status_display


class SpanRecord(TypedDict):
    """A span as the store holds it and returns it (JSON unchanged: plain dicts at run time)."""

    id: str
    doc_id: str
    start: int
    end: int
    label: str
    text: str
    prefix: str
    suffix: str
    annotator: str
    created: str
    updated: str
    orphaned: bool
    note: NotRequired[str]  # free text on the span; absent when there is none
    origin: NotRequired[str]  # "suggestion:date/1" when accepted from a suggestion
    annotators: NotRequired[list[str]]  # in a gold store: the annotators who made this span


class SuggestionRecord(TypedDict):
    """A suggestion as the store holds it (see SUGGESTION_FIELDS)."""

    id: str
    doc_id: str
    start: int
    end: int
    label: str
    text: str
    annotator: str
    status: str
    created: str
    speaker: NotRequired[list[int]]  # a claim's: [start, end) of the actor who said it
    group: NotRequired[str]  # a conflict's: the id of its group (the versions of one range)
    annotators: NotRequired[list[str]]  # a conflict's: the annotators whose version has it
    among: NotRequired[list[str]]  # a conflict's: every annotator of its range


#: A typed link between two spans of one document (native JSONL's "relations"): "from" and
#: "to" are span ids ("said_by" goes from a claim to its actor). Functional syntax: "from" is
#: a Python keyword.
RelationRecord = TypedDict(
    "RelationRecord",
    {
        "id": str,
        "doc_id": str,
        "type": str,
        "from": str,
        "to": str,
        "annotator": str,
        "created": str,
        "updated": str,
    },
)


class DocumentRecord(TypedDict):
    """A document as `AnnotationStore.document` returns it (the text included)."""

    id: str
    title: str
    source: str | None
    status: str
    sha256: str
    text: str
    note: NotRequired[str]  # free text on the document; absent when there is none


class DocumentRow(TypedDict):
    """A document as `AnnotationStore.documents` lists it: no text, but its counts (from the manifest)."""

    id: str
    title: str
    source: str | None
    status: str
    sha256: str
    span_count: int
    labels: dict[str, int]
    orphaned: int
    links: NotRequired[int]  # relations in the document
    spoken: NotRequired[dict[str, int]]  # per label, the spans a said_by link starts from
    conflicts: NotRequired[int]  # conflicts of `reader merge` still to settle here


#: Code points of context kept either side of a span (W3C TextQuoteSelector prefix/suffix).
CONTEXT = 32

#: Longest title taken from a document's first non-empty line.
TITLE_LENGTH = 80

#: Field order of a document record (text last: it is long, and the file stays readable).
DOCUMENT_FIELDS: tuple[str, ...] = ("id", "title", "source", "status", "sha256", "text")

#: Field order of a span record.
SPAN_FIELDS: tuple[str, ...] = (
    "id",
    "doc_id",
    "start",
    "end",
    "label",
    "text",
    "prefix",
    "suffix",
    "annotator",
    "created",
    "updated",
    "orphaned",
)

#: Field order of a relation record.
RELATION_FIELDS: tuple[str, ...] = (
    "id",
    "doc_id",
    "type",
    "from",
    "to",
    "annotator",
    "created",
    "updated",
)

#: Field order of a suggestion record: a span the reader proposed, apart from the spans.
#: "annotator" is the suggester and its version ("date/1"); "status" is "pending" or
#: "rejected" (a rejected one is kept so it is never proposed again).
SUGGESTION_FIELDS: tuple[str, ...] = (
    "id",
    "doc_id",
    "start",
    "end",
    "label",
    "text",
    "annotator",
    "status",
    "created",
)

#: A suggestion's statuses. Accepting one removes it and makes a span with an "origin".
PENDING, REJECTED = "pending", "rejected"

#: A conflict of `reader merge` is a suggestion with a "group" (its range's versions share it)
#: and "annotators" (whose version has it); its suggester is this name, and a span taken from
#: one has this origin.
CONFLICT = "conflict"

#: The default relation type: from a claim to the actor who made it.
SAID_BY = "said_by"

_RELATION_TYPES: dict[str, tuple[type, ...]] = {name: (str,) for name in RELATION_FIELDS}

_SUGGESTION_TYPES: dict[str, tuple[type, ...]] = {
    "id": (str,),
    "doc_id": (str,),
    "start": (int,),
    "end": (int,),
    "label": (str,),
    "text": (str,),
    "annotator": (str,),
    "status": (str,),
    "created": (str,),
}

_DOC_TYPES: dict[str, tuple[type, ...]] = {
    "id": (str,),
    "title": (str,),
    "source": (str, type(None)),
    "status": (str,),
    "sha256": (str,),
    "text": (str,),
}
_SPAN_TYPES: dict[str, tuple[type, ...]] = {
    "id": (str,),
    "doc_id": (str,),
    "start": (int,),
    "end": (int,),
    "label": (str,),
    "text": (str,),
    "prefix": (str,),
    "suffix": (str,),
    "annotator": (str,),
    "created": (str,),
    "updated": (str,),
    "orphaned": (bool,),
}


_last_second: list[Any] = [None, ""]


def now() -> str:
    """The current time as an ISO-8601 UTC string with seconds, e.g. `2025-03-01T09:30:12Z`.

    Formatted once per second (an import of 100k spans asks 100k times).
    """
    second = int(time.time())
    if second != _last_second[0]:
        _last_second[:] = [second, time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(second))]
    stamp: str = _last_second[1]
    return stamp


def sha256_of(text: str) -> str:
    """The hex sha256 of the text encoded as UTF-8: tells whether a document's text changed."""
    import hashlib  # here: not needed to paint the first article

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def title_of(text: str) -> str:
    """The first non-empty line, stripped and cut to TITLE_LENGTH code points ("" if none)."""
    for line in text.split("\n"):
        line = line.strip()
        if line:
            return line[:TITLE_LENGTH]
    return ""


def new_span_id() -> str:
    """A fresh random span id (64 bits: no collisions in practice; the store checks anyway)."""
    return os.urandom(8).hex()


def context(text: str, start: int, end: int) -> tuple[str, str]:
    """The prefix and suffix of text[start:end]: up to CONTEXT code points either side."""
    return text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT]


def make_document(
    doc_id: str, text: str, source: str | None, status: str, title: str | None
) -> dict[str, Any]:
    """A complete document record in field order."""
    return {
        "id": doc_id,
        "title": title_of(text) if title is None else title,
        "source": source,
        "status": status,
        "sha256": sha256_of(text),
        "text": text,
    }


def make_span(
    span_id: str,
    doc_id: str,
    text: str,
    start: int,
    end: int,
    label: str,
    annotator: str,
    created: str,
    updated: str,
) -> dict[str, Any]:
    """A complete, anchored (not orphaned) span record over `text[start:end]`, in field order."""
    prefix, suffix = context(text, start, end)
    return {
        "id": span_id,
        "doc_id": doc_id,
        "start": start,
        "end": end,
        "label": label,
        "text": text[start:end],
        "prefix": prefix,
        "suffix": suffix,
        "annotator": annotator,
        "created": created,
        "updated": updated,
        "orphaned": False,
    }


def make_suggestion(
    suggestion_id: str,
    doc_id: str,
    text: str,
    key: tuple[int, int, str],
    suggester: str,
    stamp: str,
) -> dict[str, Any]:
    """A complete pending suggestion record over `text[start:end]` (key: start, end, label)."""
    start, end, label = key
    return {
        "id": suggestion_id,
        "doc_id": doc_id,
        "start": start,
        "end": end,
        "label": label,
        "text": text[start:end],
        "annotator": suggester,
        "status": PENDING,
        "created": stamp,
    }


def make_relation(
    relation_id: str, doc_id: str, kind: str, source: str, target: str, annotator: str, stamp: str
) -> dict[str, Any]:
    """A complete relation record, from span `source` to span `target`, in field order."""
    return {
        "id": relation_id,
        "doc_id": doc_id,
        "type": kind,
        "from": source,
        "to": target,
        "annotator": annotator,
        "created": stamp,
        "updated": stamp,
    }


def relation_problem(record: object) -> str | None:
    """What is wrong with a relation record's shape and types, or None."""
    if not isinstance(record, dict):
        return f"a relation record must be an object, got {type(record).__name__}"
    problem = fields_problem(record, _RELATION_TYPES, False)
    if problem is None and record["from"] == record["to"]:
        problem = f"{record['id']!r} links span {record['from']!r} to itself"
    return problem


def suggestion_problem(record: object) -> str | None:
    """What is wrong with a suggestion record's shape and types, or None."""
    if not isinstance(record, dict):
        return f"a suggestion record must be an object, got {type(record).__name__}"
    problem = fields_problem(record, _SUGGESTION_TYPES, False)
    if problem is None and record["status"] not in (PENDING, REJECTED):
        problem = f"{record['id']!r} has status {record['status']!r}, not pending or rejected"
    if problem is None and len(record) > len(SUGGESTION_FIELDS):
        problem = _extras_problem(record)
    return problem


def _extras_problem(record: dict[str, Any]) -> str | None:
    """What is wrong with a suggestion's optional fields (speaker, group, annotators), or None."""
    speaker = record.get("speaker")
    if speaker is not None and not (
        type(speaker) is list and len(speaker) == 2 and all(type(n) is int for n in speaker)
    ):
        return f"{record['id']!r} has speaker={speaker!r}, expected [start, end]"
    if "group" in record and (type(record["group"]) is not str or not record["group"]):
        return f"{record['id']!r} has group={record['group']!r}, expected a name"
    for name in ("annotators", "among"):
        if not annotators_ok(record.get(name, [])):
            return f"{record['id']!r} has {name}={record[name]!r}, expected names"
    return None


def annotators_ok(value: object) -> TypeGuard[list[str]]:
    """Whether a record's "annotators" is a list of names (span provenance, conflicts)."""
    return type(value) is list and all(type(name) is str and name for name in value)


def is_conflict(suggestion: Any) -> bool:
    """Whether a suggestion record is a conflict of `reader merge` (it has a group)."""
    return "group" in suggestion


def ordered(record: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    """The record with its known fields first, in order, then any others (kept, not dropped).

    A record already in order is returned as is (loading 100k spans should not copy them all).
    """
    if tuple(record) == fields:
        return record
    out = {name: record[name] for name in fields if name in record}
    for name, value in record.items():
        if name not in out:
            out[name] = value
    return out


def check_range(start: object, end: object, length: int) -> str | None:
    """What is wrong with offsets start:end in a text of `length` code points, or None."""
    for name, value in (("start", start), ("end", end)):
        if not isinstance(value, int) or isinstance(value, bool):
            return f"{name} must be an integer code-point offset, got {value!r}"
    assert isinstance(start, int) and isinstance(end, int)
    if not 0 <= start < end <= length:
        return f"offsets {start}:{end} are not a non-empty range inside the text (0 <= start < end <= {length})"
    return None


def unicode_problem(name: str, value: object) -> str | None:
    """What is wrong with a string that must go to a UTF-8 file (a lone surrogate), or None."""
    if isinstance(value, str) and not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as error:
            return (
                f"{name} is not valid Unicode text: a lone surrogate "
                f"U+{ord(value[error.start]):04X} at index {error.start}"
            )
    return None


def check_unicode(**values: object) -> None:
    """InvalidTextError (a ValueError) naming the first of these strings that cannot be
    written as UTF-8."""
    for name, value in values.items():
        problem = unicode_problem(name.replace("_", " "), value)
        if problem:
            raise InvalidTextError(problem)


def document_problem(record: object, partial: bool = False) -> str | None:
    """What is wrong with a document record (its shape and types), or None.

    `partial` allows missing fields (a journal update of some fields of a known document).
    """
    if not isinstance(record, dict):
        return f"a document record must be an object, got {type(record).__name__}"
    return fields_problem(record, _DOC_TYPES, partial) or (
        check_status(record["status"]) if "status" in record else None
    )


def span_problem(record: object) -> str | None:
    """What is wrong with a span record's shape and types, or None (offsets are not checked here)."""
    if not isinstance(record, dict):
        return f"a span record must be an object, got {type(record).__name__}"
    try:  # the common case spelled out: loading 100k spans runs this 100k times
        if (
            type(record["id"]) is str
            and record["id"]
            and type(record["doc_id"]) is str
            and type(record["start"]) is int
            and type(record["end"]) is int
            and type(record["label"]) is str
            and type(record["text"]) is str
            and type(record["prefix"]) is str
            and type(record["suffix"]) is str
            and type(record["annotator"]) is str
            and type(record["created"]) is str
            and type(record["updated"]) is str
            and type(record["orphaned"]) is bool
        ):
            return None
    except KeyError:
        pass
    return fields_problem(record, _SPAN_TYPES, False)


def fields_problem(
    record: dict[str, Any], types: dict[str, tuple[type, ...]], partial: bool
) -> str | None:
    """What is wrong with a record's fields against `types` (name -> allowed types), or None."""
    try:  # the common case, fast: every field there, with exactly the right type
        if all(type(record[name]) in allowed for name, allowed in types.items()) and record["id"]:
            return None
    except KeyError:
        pass
    if not isinstance(record.get("id"), str) or not record.get("id"):
        return "has no id"
    for name, allowed in types.items():
        if name not in record:
            if partial:
                continue
            return f"{record['id']!r} has no {name!r}"
        value = record[name]
        if isinstance(value, bool) and bool not in allowed:
            return f"{record['id']!r} has {name}={value!r}, expected {allowed[0].__name__}"
        if not isinstance(value, allowed):
            return f"{record['id']!r} has {name}={value!r}, expected {allowed[0].__name__}"
    return None


def default_annotator() -> str:
    """The login name, or "anonymous" where there is none (containers, odd CI)."""
    try:
        return getpass.getuser() or "anonymous"
    except Exception:  # getuser raises OSError/KeyError with no passwd entry or env
        return "anonymous"
