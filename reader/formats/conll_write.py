"""Writing CoNLL IOB2: tokenise each document, fit its spans to tokens, one column per layer.

IOB2 can only say "these whole tokens form an entity, inside one sentence", so:

* Tokens are whitespace-separated words with punctuation and symbols split off their edges
  (grapheme clusters, so an emoji sequence or a mark on a bracket stays whole); each line of
  the text is a sentence.
* A span edge inside a token splits that token there (a name with a clitic left outside,
  `و|مصر`, becomes two tokens), so the span is kept exactly; an edge inside a grapheme cluster
  is widened to the whole cluster; an edge in whitespace is moved onto the nearest token; a
  span crossing a line break becomes one entity per line; a span with no token is dropped.
  Each of these is reported.
* Overlapping and nested spans go to extra tag columns: the outermost in the first column.
* Each document starts with a `-DOCSTART- O` line.
* IOB2 has no links and no notes: when the export holds any, one note says how many were left
  out (never silently).
"""

from __future__ import annotations

import itertools
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from typing import TextIO

import regex

from reader.formats.diagnostics import Diagnostic, Tally
from reader.formats.records import Record, SpanRecord
from reader.formats.spans import exportable_spans
from reader.text.words import grapheme_pattern

_WORD = regex.compile(r"\S+")


def write(records: Iterable[Record], out: TextIO) -> list[Diagnostic]:
    """Write every record as IOB2; returns what IOB2 could not say as it was."""
    diagnostics: list[Diagnostic] = []
    where = str(getattr(out, "name", "<output>"))
    links = notes = 0
    for record in records:
        links += len(record.relations)
        notes += bool(record.meta.get("note")) + sum(bool(span.note) for span in record.spans)
        tally = Tally()
        rows = document_rows(record, where, diagnostics, tally)
        out.write("-DOCSTART- O\n\n")
        for sentence in rows:
            out.write("".join(" ".join(row) + "\n" for row in sentence))
            out.write("\n")
        diagnostics.extend(tally.diagnostics())
    if links or notes:
        diagnostics.append(
            Diagnostic(
                where,
                None,
                f"CoNLL cannot carry links or notes: {links} link(s) and {notes} note(s) not "
                "written (export as jsonl, brat, doccano or labelstudio to keep them)",
            )
        )
    return diagnostics


def document_rows(
    record: Record, where: str, diagnostics: list[Diagnostic], tally: Tally
) -> list[list[list[str]]]:
    """Sentences of rows `[token, tag, tag, ...]` for one record."""
    text = record.text
    doc = f"document {record.id}" if record.id is not None else "a document"
    pieces = _fit_spans(
        text, exportable_spans(record, diagnostics, where), doc, where, diagnostics, tally
    )
    edges = {edge for start, end, _ in pieces for edge in (start, end)}
    tokens = _tokens(text, edges, doc, where, tally)
    layers = _layers(pieces)
    index_of_start = {start: i for i, (start, _) in enumerate(tokens)}
    index_of_end = {end: i for i, (_, end) in enumerate(tokens)}
    tags = [["O"] * len(layers) for _ in tokens]
    for column, layer in enumerate(layers):
        for start, end, label in layer:
            first, last = index_of_start[start], index_of_end[end]
            tags[first][column] = f"B-{label}"
            for i in range(first + 1, last + 1):
                tags[i][column] = f"I-{label}"
    sentences: list[list[list[str]]] = []
    previous_end = -1
    for (start, end), row_tags in zip(tokens, tags, strict=False):
        if previous_end < 0 or "\n" in text[previous_end:start]:
            sentences.append([])
        previous_end = end
        sentences[-1].append([text[start:end], *(row_tags or ["O"])])
    return sentences


def _fit_spans(
    text: str,
    spans: list[SpanRecord],
    doc: str,
    where: str,
    diagnostics: list[Diagnostic],
    tally: Tally,
) -> list[tuple[int, int, str]]:
    """Spans as (start, end, label) pieces that IOB2 can carry: one line each, no edge whitespace,
    edges on grapheme cluster boundaries."""
    clusters: set[int] | None = None
    pieces = []
    for span in spans:
        parts = []
        position = span.start
        for piece in text[span.start : span.end].split("\n"):
            parts.append((position, position + len(piece)))
            position += len(piece) + 1
        if len(parts) > 1:
            parts = [(s, e) for s, e in parts if text[s:e].strip()]
            diagnostics.append(
                Diagnostic(
                    where,
                    None,
                    (
                        f"{doc}: span {span.label!r} {_short(span)} crosses a line break; IOB2 ends entities at "
                        f"sentence breaks, so it is written as {len(parts)} entities"
                    ),
                )
            )
        for start, end in parts:
            trimmed_start = start + (len(text[start:end]) - len(text[start:end].lstrip()))
            trimmed_end = end - (len(text[start:end]) - len(text[start:end].rstrip()))
            if trimmed_start >= trimmed_end:
                diagnostics.append(
                    Diagnostic(
                        where,
                        None,
                        f"{doc}: span {span.label!r} {_short(span)} covers no token; dropped",
                    )
                )
                continue
            if (trimmed_start, trimmed_end) != (start, end):
                tally.add(
                    where,
                    f"trim-{doc}",
                    None,
                    f"{doc}: " + "{count} span edge(s) in whitespace moved onto the nearest token",
                )
            if clusters is None and (
                _maybe_in_cluster(text, trimmed_start) or _maybe_in_cluster(text, trimmed_end)
            ):
                clusters = {m.start() for m in grapheme_pattern().finditer(text)} | {len(text)}
            snapped_start, snapped_end = trimmed_start, trimmed_end
            if clusters is None:
                pieces.append((snapped_start, snapped_end, span.label))
                continue
            while snapped_start not in clusters:
                snapped_start -= 1
            while snapped_end not in clusters:
                snapped_end += 1
            if (snapped_start, snapped_end) != (trimmed_start, trimmed_end):
                diagnostics.append(
                    Diagnostic(
                        where,
                        None,
                        (
                            f"{doc}: span {span.label!r} {_short(span)} has an edge inside a character cluster "
                            f"(a letter and its marks); widened to {text[snapped_start:snapped_end]!r}"
                        ),
                    )
                )
            pieces.append((snapped_start, snapped_end, span.label))
    return pieces


def _maybe_in_cluster(text: str, offset: int) -> bool:
    """False when `offset` is surely a grapheme cluster boundary (the common case, checked
    cheaply); True when it may fall inside one, so the full cluster scan is needed."""
    if offset <= 0 or offset >= len(text):
        return False
    before, after = text[offset - 1], text[offset]
    return (
        unicodedata.category(after)[0] == "M"
        or after in "\u200d\ufe0e\ufe0f"
        or before == "\u200d"
        or "\U0001f3fb" <= after <= "\U0001f3ff"
        or ("\U0001f1e6" <= before <= "\U0001f1ff" and "\U0001f1e6" <= after <= "\U0001f1ff")
        or "\U000e0020" <= after <= "\U000e007f"
    )


def _tokens(
    text: str, edges: set[int], doc: str, where: str, tally: Tally
) -> list[tuple[int, int]]:
    """(start, end) of every token: words, punctuation split off their edges, split at span edges."""
    tokens: list[tuple[int, int]] = []
    ordered = sorted(edges)
    for match in _WORD.finditer(text):
        start, end = match.span()
        for piece in _split_punctuation(text, start, end):
            cuts = (
                ordered[bisect_right(ordered, piece[0]) : bisect_left(ordered, piece[1])]
                if ordered
                else []
            )
            if cuts:
                tally.add(
                    where,
                    f"split-{doc}",
                    None,
                    (
                        f"{doc}: "
                        + "{count} token(s) split where a span starts or ends inside them"
                        f" (e.g. {text[piece[0] : piece[1]]!r})"
                    ),
                    "info",
                )
            bounds = [piece[0], *cuts, piece[1]]
            tokens.extend(itertools.pairwise(bounds))
    return tokens


def _split_punctuation(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A whitespace-free run cut into leading punctuation, the word, and trailing punctuation."""
    word = text[start:end]
    if word.isalnum():  # fast path: most words
        return [(start, end)]
    last = len(word) - 1
    while last > 0 and unicodedata.category(word[last])[0] == "M":
        last -= 1  # a final haraka belongs to the letter before it
    if (
        not _is_punct(word[0])
        and not _is_punct(word[last])
        and unicodedata.category(word[0])[0] != "M"
    ):
        return [(start, end)]
    clusters = [(m.start() + start, m.end() + start) for m in grapheme_pattern().finditer(word)]
    head = 0
    while head < len(clusters) and _is_punct(text[clusters[head][0]]):
        head += 1
    tail = len(clusters)
    while tail > head and _is_punct(text[clusters[tail - 1][0]]):
        tail -= 1
    out = clusters[:head]
    if head < tail:
        out.append((clusters[head][0], clusters[tail - 1][1]))
    out.extend(clusters[tail:])
    return out


def _is_punct(char: str) -> bool:
    return unicodedata.category(char)[0] in "PS"


def _layers(pieces: list[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
    """Spans put in columns so that none overlaps another in its column; outer ones first."""
    layers: list[list[tuple[int, int, str]]] = []
    ends: list[int] = []
    for piece in sorted(set(pieces), key=lambda p: (p[0], -p[1], p[2])):
        for column, end in enumerate(ends):
            if end <= piece[0]:
                layers[column].append(piece)
                ends[column] = piece[1]
                break
        else:
            layers.append([piece])
            ends.append(piece[1])
    return layers


def _short(span: SpanRecord) -> str:
    text = span.text or ""
    return repr(text if len(text) <= 30 else text[:27] + "...")
