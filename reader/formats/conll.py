"""CoNLL IOB2: a token a line (`TOKEN TAG [TAG ...]`), blank lines between sentences.

Reading rebuilds the text by joining a sentence's tokens with single spaces and sentences with
`\n`; `-DOCSTART-` lines separate documents (a file without them is one document). Each tag
column is a layer (the first the outermost, as Wojood writes nested entities); a row with fewer
columns has O in the missing ones. Tags are read the way conlleval reads them: `I-X` after O
or after another type starts a new entity, a type is what follows the first `-`, anything
else that is not O is read as O. Every such repair is reported with file and line, and so are
invisible characters in tokens, whitespace-only sentence breaks and tag types rare enough to
be typos (`B-MISS1` among a thousand `B-MIS1`).

Writing is in `conll_write.py`.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from reader.formats.conll_write import write  # noqa: F401  (the format's writer)
from reader.formats.diagnostics import Diagnostic, Tally
from reader.formats.files import (
    DEFAULTS,
    ReadOptions,
    document_id,
    files_under,
    read_text,
    source_lines,
)
from reader.formats.records import ReadResult, Record, SpanRecord

NAME = "conll"
DESCRIPTION = "CoNLL IOB2 (a token a line; extra tag columns are nested layers)"
TARGET = "stream"
SUFFIXES = (".txt", ".conll", ".conll03", ".iob", ".iob2", ".bio", ".tsv", ".ner")
DOCSTART = "-DOCSTART-"
_FIELDS = re.compile(r"[ \t]+")
_TAG = re.compile(r"([BIES])-(.+)")
_CLEAN_TYPE = re.compile(r"[^\W_](?:[\w.-]*[^\W_])?")
_INVISIBLE = regex.compile(r"[\p{Cf}\p{Cc}]")
RARE = 3  # entity types seen this often or less in a whole import are reported ...
RARE_MIN_TOTAL = (
    100  # ... when the import has at least this many entities (else all types are rare)
)


@dataclass
class _Row:
    token: str
    tags: list[str]
    line: int


@dataclass
class _Doc:
    sentences: list[list[_Row]] = field(default_factory=list)
    line: int = 1


@dataclass
class _Types:
    """Entity counts per type over a whole import, and where each type was first seen."""

    counts: Counter[str] = field(default_factory=Counter)
    first: dict[str, tuple[str, int]] = field(default_factory=dict)

    def add(self, label: str, file: str, line: int) -> None:
        self.counts[label] += 1
        self.first.setdefault(label, (file, line))


def read(path: Path, options: ReadOptions = DEFAULTS) -> ReadResult:
    """Read a CoNLL file (or a folder of them) into records, one per document.

    Each file is read whole, so it is held to the document size limit.
    """
    result = ReadResult()
    types = _Types()
    for file in files_under(path, SUFFIXES, result.diagnostics):
        lines, notes = source_lines(str(file), read_text(file, options))
        result.diagnostics.extend(notes)
        tally = Tally()
        docs = _documents(lines, str(file), tally)
        columns = _tag_columns(docs, str(file), result.diagnostics)
        for number, doc in enumerate(docs, 1):
            record = _record(doc, columns, str(file), result.diagnostics, tally, types)
            record.id = document_id(path, file, number if len(docs) > 1 else None)
            result.records.append(record)
        result.diagnostics.extend(tally.diagnostics())
    result.diagnostics.extend(_rare_types(types))
    return result


def _documents(lines: list[str], file: str, tally: Tally) -> list[_Doc]:
    """Rows grouped into sentences and documents; reports what is odd about the lines."""
    docs = [_Doc()]
    sentence: list[_Row] = []
    for number, line in enumerate(lines, 1):
        stripped = line.strip(" \t")
        if not stripped:
            if line:
                tally.add(
                    file,
                    "space-break",
                    number,
                    "{count} sentence break(s) written as a line of only spaces or tabs; read as blank lines",
                    "info",
                )
            if sentence:
                docs[-1].sentences.append(sentence)
                sentence = []
            continue
        fields = _FIELDS.split(stripped)
        if fields[0] == DOCSTART:
            if sentence:
                docs[-1].sentences.append(sentence)
                sentence = []
            if docs[-1].sentences:
                docs.append(_Doc(line=number))
            else:
                docs[-1].line = number
            continue
        if len(fields) == 1:
            tally.add(
                file, f"no-tag-{number}", number, f"token {fields[0]!r} has no tag; read as O"
            )
        token = fields[0]
        if not token.isalnum():
            for char in set(_INVISIBLE.findall(token)):
                tally.add(file, char, number, _invisible_message(char), "info")
        if token == "$#$":
            tally.add(
                file,
                "segment",
                number,
                "{count} '$#$' segment marker token(s) kept as tokens",
                "info",
            )
        sentence.append(_Row(token, fields[1:], number))
    if sentence:
        docs[-1].sentences.append(sentence)
    return [doc for doc in docs if doc.sentences] or [_Doc()]


@functools.cache
def _invisible_message(char: str) -> str:
    name = unicodedata.name(char, "control character")
    return "{count} token(s) contain " + f"U+{ord(char):04X} {name} (invisible); kept in the text"


def _tag_columns(docs: list[_Doc], file: str, diagnostics: list[Diagnostic]) -> list[bool]:
    """Which tag columns hold IOB tags; a column that mostly does not (POS tags) is ignored."""
    valid: Counter[int] = Counter()
    seen: Counter[int] = Counter()
    example: dict[int, str] = {}
    for doc in docs:
        for sentence in doc.sentences:
            for row in sentence:
                for column, tag in enumerate(row.tags):
                    seen[column] += 1
                    if tag == "O" or _TAG.fullmatch(tag):
                        valid[column] += 1
                    else:
                        example.setdefault(column, tag)
    use = []
    for column in range(max(seen, default=-1) + 1):
        ok = valid[column] * 2 >= seen[column]
        if not ok:
            diagnostics.append(
                Diagnostic(
                    file,
                    None,
                    f"tag column {column + 2} does not hold IOB tags (e.g. {example[column]!r}); ignored",
                    "warning",
                )
            )
        use.append(ok)
    return use


def _record(
    doc: _Doc,
    columns: list[bool],
    file: str,
    diagnostics: list[Diagnostic],
    tally: Tally,
    types: _Types,
) -> Record:
    """Text rebuilt from the tokens, and the entities of every tag column as spans."""
    pieces: list[str] = []
    spans: list[SpanRecord] = []
    seen: set[tuple[int, int, str]] = set()
    position = 0
    for number, sentence in enumerate(doc.sentences):
        if number:
            pieces.append("\n")
            position += 1
        starts = []
        for index, row in enumerate(sentence):
            if index:
                pieces.append(" ")
                position += 1
            starts.append(position)
            pieces.append(row.token)
            position += len(row.token)
        for column, used in enumerate(columns):
            if used:
                for first, last, label in _entities(sentence, column, file, diagnostics, tally):
                    start = starts[first]
                    end = starts[last] + len(sentence[last].token)
                    key = (start, end, label)
                    if key in seen:
                        diagnostics.append(
                            Diagnostic(
                                file,
                                sentence[first].line,
                                f"entity {label!r} repeated in another column; kept once",
                                "info",
                            )
                        )
                        continue
                    seen.add(key)
                    types.add(label, file, sentence[first].line)
                    spans.append(
                        SpanRecord(
                            start,
                            end,
                            label,
                            line=sentence[first].line,
                            extra={"column": column + 2},
                        )
                    )
    text = "".join(pieces)
    for span in spans:
        span.text = text[span.start : span.end]
    return Record(text, spans, file=file, line=doc.line, meta={"source": file})


def _entities(
    sentence: list[_Row], column: int, file: str, diagnostics: list[Diagnostic], tally: Tally
) -> list[tuple[int, int, str]]:
    """(first token, last token, type) of each entity in one column, conlleval's way."""
    found = []
    current: list[Any] = []  # [type, first index]

    def close(last: int) -> None:
        if current:
            found.append((current[1], last, current[0]))
            current.clear()

    for index, row in enumerate(sentence):
        tag = row.tags[column] if column < len(row.tags) else "O"
        if tag == "O":
            close(index - 1)
            continue
        match = _TAG.fullmatch(tag)
        if match is None:
            diagnostics.append(
                Diagnostic(
                    file, row.line, f"malformed tag {tag!r} (not O, B-TYPE or I-TYPE); read as O"
                )
            )
            close(index - 1)
            continue
        prefix, label = match.groups()
        if not _CLEAN_TYPE.fullmatch(label):
            clean = re.sub(r"^[\W_]+|[\W_]+$", "", label)
            hint = (
                f"; did you mean {prefix}-{clean}? map it with --label-map={label}=..."
                if clean
                else ""
            )
            diagnostics.append(
                Diagnostic(
                    file,
                    row.line,
                    f"malformed tag {tag!r}: type {label!r} kept as written, as conlleval does{hint}",
                )
            )
        if prefix in "ES":
            tally.add(
                file, "iobes", row.line, "{count} IOBES tag(s) (S-, E-) read as B- and I-", "info"
            )
        if prefix in "BS" or not current or current[0] != label:
            if prefix in "IE":
                after = f"after {sentence[index - 1].tags[column] if index and column < len(sentence[index - 1].tags) else 'O'}"
                if index == 0:
                    after = "at the start of a sentence"
                diagnostics.append(
                    Diagnostic(
                        file, row.line, f"{tag} {after} starts a new entity (as conlleval reads it)"
                    )
                )
            close(index - 1)
            current.extend([label, index])
    close(len(sentence) - 1)
    return found


def _rare_types(types: _Types) -> list[Diagnostic]:
    """Entity types seen so rarely they may be typos of a common one (B-MISS1 beside B-MIS1)."""
    common = [label for label, count in types.counts.items() if count > 10 * RARE]
    out: list[Diagnostic] = []
    if sum(types.counts.values()) < RARE_MIN_TOTAL:
        return out
    for label, count in sorted(types.counts.items()):
        if count > RARE:
            continue
        file, line = types.first[label]
        close = difflib.get_close_matches(label, common, n=1, cutoff=0.75)
        if close:
            out.append(
                Diagnostic(
                    file,
                    line,
                    f"tag type {label!r} is rare ({count} {'entity' if count == 1 else 'entities'}) and looks like {close[0]!r}: a typo?",
                )
            )
        else:
            out.append(
                Diagnostic(
                    file,
                    line,
                    f"tag type {label!r} is rare ({count} {'entity' if count == 1 else 'entities'}); check it is meant",
                    "info",
                )
            )
    return out
