"""Checking spans on the way in: one place for the rules every reader applies.

A `SpanChecker` is made per document from the text as the source wrote it. It converts the
source's offsets (UTF-16 or code points, counted on the un-normalised text) into code points
on the document text, checks them against the text, and reports every oddity.
"""

from __future__ import annotations

from typing import Literal

from reader.formats.diagnostics import Diagnostic
from reader.formats.offsets import NewlineMap, OffsetError, Utf16Offsets
from reader.formats.records import Record, SpanRecord, edge_whitespace, span_problem

Units = Literal["codepoints", "utf16"]


class SpanChecker:
    """Turns one document's source offsets into checked spans on its normalised text."""

    def __init__(
        self, original: str, file: str, diagnostics: list[Diagnostic], drop_bom: bool = False
    ) -> None:
        self.map = NewlineMap(original, drop_bom=drop_bom)
        self.original = original
        self.text = self.map.text
        self.file = file
        self.diagnostics = diagnostics
        self._utf16: Utf16Offsets | None = None
        self._seen: set[tuple[int, int, str]] = set()

    @classmethod
    def for_record(
        cls, original: str, file: str, line: int | None, diagnostics: list[Diagnostic]
    ) -> SpanChecker:
        """The checker for one JSON record's text, saying so when its line ends changed."""
        checker = cls(original, file, diagnostics)
        if checker.map.changed:
            message = "CR/CRLF line ends in the text turned into LF; offsets moved"
            diagnostics.append(Diagnostic(file, line, message, "info"))
        return checker

    @property
    def utf16(self) -> Utf16Offsets:
        if self._utf16 is None:
            self._utf16 = Utf16Offsets(self.original)
        return self._utf16

    def report(self, line: int | None, message: str, severity: str = "warning") -> None:
        self.diagnostics.append(Diagnostic(self.file, line, message, severity))  # type: ignore[arg-type]

    def span(
        self,
        start: object,
        end: object,
        label: object,
        line: int | None,
        given: object = None,
        units: Units = "codepoints",
        what: str = "span",
        **fields: object,
    ) -> SpanRecord | None:
        """A checked span, or None (with an error diagnostic) if it cannot stand on the text."""
        if not isinstance(label, str) or not label.strip():
            self.report(line, f"{what} has no usable label ({label!r}); not imported", "error")
            return None
        where = f"{what} {label!r}"
        located = self._locate(start, end, given, units, line, where)
        if located is None:
            return None
        start_cp, end_cp = located
        for offset in (start_cp, end_cp):
            if self.map.inside_crlf(offset):
                self.report(line, f"{where} has an edge between a CR and its LF; moved onto the LF")
        new_start, new_end = self.map.to_new(start_cp), self.map.to_new(end_cp)
        if new_start >= new_end:
            self.report(line, f"{where} covers only a CR of a CRLF line end; not imported", "error")
            return None
        text = self.text[new_start:new_end]
        if edge_whitespace(text):
            self.report(line, f"{where} {text!r} starts or ends with whitespace; kept as given")
        key = (new_start, new_end, label)
        if key in self._seen:
            self.report(line, f"{where} [{new_start}, {new_end}) appears twice; kept once", "info")
            return None
        self._seen.add(key)
        return SpanRecord(new_start, new_end, label, text=text, line=line, **fields)  # type: ignore[arg-type]

    def _locate(
        self, start: object, end: object, given: object, units: Units, line: int | None, where: str
    ) -> tuple[int, int] | None:
        """Code point offsets on the original text, trying the other unit if the text says so."""
        first = self._convert(start, end, units)
        if isinstance(first, tuple):
            problem = span_problem(self.original, first[0], first[1], given)
            if problem is None:
                return first
        else:
            problem = first
        other: Units = "codepoints" if units == "utf16" else "utf16"
        if given is not None and self.utf16.length_utf16 != self.utf16.length:
            second = self._convert(start, end, other)
            if (
                isinstance(second, tuple)
                and span_problem(self.original, second[0], second[1], given) is None
            ):
                unit_name = "code points" if other == "codepoints" else "UTF-16 code units"
                self.report(
                    line,
                    f"{where}: offsets [{start}, {end}) only match the span text when counted in {unit_name}; "
                    f"read that way",
                )
                return second
        self.report(line, f"{where}: {problem}; not imported", "error")
        return None

    def _convert(self, start: object, end: object, units: Units) -> tuple[int, int] | str:
        if units == "codepoints" or not (_is_int(start) and _is_int(end)):
            problem = span_problem(self.original, start, end)
            return (start, end) if problem is None else problem  # type: ignore[return-value]
        try:
            return self.utf16.from_utf16(start), self.utf16.from_utf16(end)  # type: ignore[arg-type]
        except OffsetError as error:
            return str(error)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def exportable_spans(record: Record, diagnostics: list[Diagnostic], where: str) -> list[SpanRecord]:
    """The record's spans that stand on its text, sorted; orphaned or stale ones reported, left out.

    The store keeps orphaned spans (text changed, quote not found); their offsets mean nothing
    in the current text, so no format can carry them. Sorting gives stable, diffable output.
    """
    text = record.text
    kept = []
    for span in record.spans:
        start, end, given = span.start, span.end, span.text
        if (  # the common case, checked inline: a full export checks 100,000 spans a second
            type(start) is int
            and type(end) is int
            and given is not None
            and 0 <= start < end
            and len(given) == end - start
            and text[start:end] == given
            and "orphaned" not in span.extra
        ):
            kept.append(span)
            continue
        problem = span_problem(text, start, end, given)
        if span.extra.get("orphaned"):
            problem = "it is orphaned (its text was not found after the document changed)"
        if problem:
            diagnostics.append(
                Diagnostic(
                    where,
                    None,
                    f"document {record.id}: span {span.label!r} {span.id or ''} not exported: {problem}",
                )
            )
            continue
        kept.append(span)
    kept.sort(key=_text_order)
    return kept


def _text_order(span: SpanRecord) -> tuple[int, int, str]:
    return (span.start, -span.end, span.label)
