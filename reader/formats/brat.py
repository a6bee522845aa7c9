"""brat standoff: a folder of `NAME.txt` (the text) and `NAME.ann` (one annotation a line).

Only text-bound annotations are read: `T1<TAB>LABEL START END<TAB>text`. brat reads the
.txt as Python does with a UTF-8 codec and counts code points in it as read: a BOM counts as a
character and CRLF as two. We normalise the text (BOM dropped, CRLF/CR -> LF) and move every
offset with it. If a file's offsets only fit the text counted the other way (a tool that read
it with universal newlines), the span text says so and we read it that way, with a warning.
Discontinuous spans (`0 5;9 14`) are merged when the gaps are whitespace (brat splits spans
at line breaks), else kept as one span per fragment; either way reported. Relations (`R1
said_by Arg1:T3 Arg2:T1`: from Arg1 to Arg2) and notes on text-bound annotations (`#1
AnnotatorNotes T3<TAB>text`) are read; events, attributes, normalisations and equivalences are
counted and reported, not imported. brat has no note on a whole document: we write it beside
the text as `NAME.note` (brat ignores the file) and read it back from there. A note's line
breaks are written as `\\n` (a note is one line of the .ann).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from reader.errors import ReaderError
from reader.formats.diagnostics import Diagnostic, Tally
from reader.formats.files import (
    BOM_NOTE,
    DEFAULTS,
    ReadOptions,
    document_id,
    files_under,
    inside,
    normalisation_notes,
    read_text,
)
from reader.formats.offsets import NewlineMap
from reader.formats.records import ReadResult, Record, RelationRecord, SpanRecord, edge_whitespace
from reader.formats.relations import check_relations, exportable_relations
from reader.formats.spans import exportable_spans

NAME = "brat"
DESCRIPTION = "brat standoff (a folder of .txt + .ann, code point offsets)"
TARGET = "directory"
_OFFSETS = re.compile(r"\d{1,15} \d{1,15}(?:;\d{1,15} \d{1,15})*")  # no 5,000-digit offset
_IGNORED = {
    "E": "event",
    "A": "attribute",
    "M": "attribute",
    "N": "normalisation",
    "*": "equivalence",
}
NOTE = "AnnotatorNotes"
_NOTE_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}
_NOTE_UNESCAPES = {value: key for key, value in _NOTE_ESCAPES.items()}


def read(path: Path, options: ReadOptions = DEFAULTS) -> ReadResult:
    """Read a brat folder (or one .txt/.ann pair) into checked records.

    A link that leads out of the folder (`secret.txt -> /etc/passwd`) is not followed.
    """
    result = ReadResult()
    if path.is_file():
        texts = [path.with_suffix(".txt")]
        root = path.parent.resolve()
    else:
        root = path.resolve()
        found = files_under(path, (".ann", ".txt"), result.diagnostics)
        texts = [file for file in found if file.suffix.lower() == ".txt"]
        for ann in found:
            if ann.suffix.lower() == ".ann" and not ann.with_suffix(".txt").is_file():
                result.diagnostics.append(
                    Diagnostic(str(ann), None, "no .txt beside this .ann; skipped", "error")
                )
        if not texts:
            raise ReaderError(f"{path} holds no .txt files to import")
    for txt in texts:
        record = _document(txt, root, result.diagnostics, options)
        record.id = document_id(path, txt)
        result.records.append(record)
    return result


def _document(txt: Path, root: Path, diagnostics: list[Diagnostic], options: ReadOptions) -> Record:
    mapping = NewlineMap(read_text(txt, options))
    diagnostics.extend(normalisation_notes(str(txt), mapping))
    record = Record(mapping.text, file=str(txt), meta={"source": str(txt)})
    note = txt.with_suffix(".note")
    if note.is_file() and inside(root, note):
        record.meta["note"] = read_text(note, options).removeprefix("\ufeff") or None
    ann = txt.with_suffix(".ann")
    if not ann.is_file():
        diagnostics.append(
            Diagnostic(str(txt), None, "no .ann beside this .txt: imported with no spans", "info")
        )
        return record
    if not inside(root, ann):
        diagnostics.append(
            Diagnostic(str(ann), None, f"a link out of {root} (to {ann.resolve()}); skipped")
        )
        return record
    raw = read_text(ann, options)
    if raw.startswith("\ufeff"):
        raw = raw[1:]
        diagnostics.append(Diagnostic(str(ann), 1, BOM_NOTE, "info"))
    tally = Tally()
    seen_ids: set[str] = set()
    seen_spans: set[tuple[int, int, str]] = set()
    notes: list[tuple[int, str, str]] = []
    for line_number, line in enumerate(raw.split("\n"), 1):
        if line.endswith("\r"):
            line = line[:-1]
            tally.add(str(ann), "crlf", line_number, "CRLF line endings in the .ann", "info")
        if not line.strip():
            continue
        kind = line[0]
        if kind == "T":
            for span in _text_bound(
                line, mapping, str(ann), line_number, diagnostics, tally, seen_ids
            ):
                key = (span.start, span.end, span.label)
                if key in seen_spans:
                    diagnostics.append(
                        Diagnostic(
                            str(ann),
                            line_number,
                            f"span {span.label!r} repeats an earlier one; kept once",
                            "info",
                        )
                    )
                    continue
                seen_spans.add(key)
                record.spans.append(span)
        elif kind == "R":
            relation = _relation(line, str(ann), line_number, diagnostics)
            if relation is not None:
                record.relations.append(relation)
        elif kind == "#":
            found = _note(line, str(ann), line_number, tally)
            if found is not None:
                notes.append((line_number, *found))
        elif kind in _IGNORED:
            tally.add(
                str(ann),
                kind,
                line_number,
                "{count} "
                + f"{_IGNORED[kind]} line(s) ({kind}) ignored: reader keeps text spans only",
            )
        else:
            diagnostics.append(
                Diagnostic(
                    str(ann),
                    line_number,
                    f"unknown annotation line {line[:40]!r}; skipped",
                    "error",
                )
            )
    _attach_notes(record, notes, str(ann), tally)
    check_relations(record, diagnostics, str(ann))
    diagnostics.extend(tally.diagnostics())
    return record


def _relation(
    line: str, file: str, number: int, diagnostics: list[Diagnostic]
) -> RelationRecord | None:
    """`R1<TAB>TYPE Arg1:T3 Arg2:T1`: a link from the first argument to the second."""
    fields = line.split("\t")
    parts = fields[1].split() if len(fields) >= 2 else []
    ends = [part.split(":", 1)[1] for part in parts[1:] if ":" in part]
    if len(parts) != 3 or len(ends) != 2 or not all(ends):
        diagnostics.append(
            Diagnostic(
                file,
                number,
                f"malformed relation line {line[:60]!r} (expected 'R1<TAB>TYPE Arg1:T1 Arg2:T2'); not imported",
                "error",
            )
        )
        return None
    return RelationRecord(ends[0], ends[1], parts[0], id=fields[0], line=number)


def _note(line: str, file: str, number: int, tally: Tally) -> tuple[str, str] | None:
    """`#1<TAB>AnnotatorNotes T3<TAB>text`: (target id, text), or None (counted) for others."""
    fields = line.split("\t", 2)
    head = fields[1].split() if len(fields) >= 2 else []
    if len(head) != 2 or head[0] != NOTE or len(fields) < 3:
        tally.add(
            file,
            "#",
            number,
            "{count} note line(s) (#) not of the form '#1<TAB>AnnotatorNotes T1<TAB>text' ignored",
        )
        return None
    return head[1], _unescape(fields[2])


def _attach_notes(
    record: Record, notes: list[tuple[int, str, str]], file: str, tally: Tally
) -> None:
    by_id: dict[str, list[SpanRecord]] = {}
    for span in record.spans:
        if span.id is not None:
            by_id.setdefault(span.id, []).append(span)
    for number, target, text in notes:
        if target not in by_id:
            tally.add(
                file,
                "#" + target,
                number,
                f"note on {target}, which is not a text span read; ignored",
            )
        for span in by_id.get(target, []):
            span.note = "\n".join(filter(None, (span.note, text)))


def _escape(note: str) -> str:
    return "".join(_NOTE_ESCAPES.get(char, char) for char in note)


def _unescape(text: str) -> str:
    return re.sub(r"\\[\\ntr]", lambda m: _NOTE_UNESCAPES[m.group()], text)


def _text_bound(
    line: str,
    mapping: NewlineMap,
    file: str,
    number: int,
    diagnostics: list[Diagnostic],
    tally: Tally,
    seen_ids: set[str],
) -> list[SpanRecord]:
    """The spans one T line stands for (none, with an error, if it does not fit the text)."""

    def error(message: str) -> list[SpanRecord]:
        diagnostics.append(Diagnostic(file, number, message + "; not imported", "error"))
        return []

    fields = line.split("\t", 2)
    if len(fields) < 2 or " " not in fields[1]:
        return error(
            f"malformed text-bound line {line[:60]!r} (expected 'T1<TAB>LABEL START END<TAB>text')"
        )
    span_id, (label, offsets) = fields[0], fields[1].split(" ", 1)
    given = fields[2] if len(fields) == 3 else None
    if given is None:
        diagnostics.append(
            Diagnostic(file, number, f"{span_id} has no text field; offsets not double-checked")
        )
    if span_id in seen_ids:
        diagnostics.append(Diagnostic(file, number, f"id {span_id} is used twice in this file"))
    seen_ids.add(span_id)
    if not _OFFSETS.fullmatch(offsets.strip()):
        return error(f"{span_id}: offsets {offsets!r} are not 'START END' pairs separated by ';'")
    fragments = [tuple(int(n) for n in pair.split()) for pair in offsets.strip().split(";")]
    views: list[tuple[str, str, Callable[[int], int]]] = [("", mapping.original, mapping.to_new)]
    if mapping.changed:
        views.append(
            ("with the BOM dropped and CRLF counted as one character", mapping.text, lambda i: i)
        )
    problems = [_fit(text, fragments, given) for _, text, _ in views]
    fitting = [view for view, problem in zip(views, problems, strict=False) if problem is None]
    if not fitting:
        return error(f"{span_id} {label!r}: {problems[0]}")
    how, _, to_new = fitting[0]
    if how:
        tally.add(
            file,
            "view",
            number,
            "{count} " + f"span(s) fit the text only when counted {how}; read that way",
        )
    new = [(to_new(start), to_new(end)) for start, end in fragments]
    if any(mapping.inside_crlf(offset) for pair in fragments for offset in pair) and not how:
        diagnostics.append(
            Diagnostic(
                file, number, f"{span_id}: an edge falls between a CR and its LF; moved onto the LF"
            )
        )
    new = sorted(pair for pair in new if pair[1] > pair[0])
    if not new:
        return error(f"{span_id} {label!r} is empty")
    text = mapping.text
    if len(new) > 1:
        gaps = [text[new[i][1] : new[i + 1][0]] for i in range(len(new) - 1)]
        if all(not gap.strip() for gap in gaps):
            diagnostics.append(
                Diagnostic(
                    file,
                    number,
                    f"{span_id}: discontinuous span {offsets!r} merged into one (the gaps are only whitespace)",
                )
            )
            new = [(new[0][0], new[-1][1])]
        else:
            diagnostics.append(
                Diagnostic(
                    file,
                    number,
                    f"{span_id}: discontinuous span {offsets!r} imported as {len(new)} separate spans",
                )
            )
    spans = []
    for start, end in new:
        if edge_whitespace(text[start:end]):
            diagnostics.append(
                Diagnostic(
                    file,
                    number,
                    f"{span_id} {text[start:end]!r} starts or ends with whitespace; kept as given",
                )
            )
        spans.append(SpanRecord(start, end, label, text=text[start:end], id=span_id, line=number))
    return spans


def _fit(text: str, fragments: list[tuple[int, ...]], given: str | None) -> str | None:
    """Why the fragments do not fit `text` (range, or text field mismatch), or None."""
    for start, end in fragments:
        if not 0 <= start <= end <= len(text):
            return f"offsets [{start}, {end}) are out of range for a text of {len(text)} characters"
    if given is None:
        return None
    found = " ".join(text[start:end] for start, end in fragments)
    if found == given or re.sub(r"\s", " ", found) == re.sub(r"\s", " ", given):
        return None
    return f"text field {given!r} does not match the text at those offsets: {found!r}"


def write(records: Iterable[Record], directory: Path) -> list[Diagnostic]:
    """Write `ID.txt` + `ID.ann` per record and an `annotation.conf`, into a new or empty folder."""
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise ReaderError(
            f"{directory} exists and is not an empty folder; brat export needs a new or empty folder"
        )
    directory.mkdir(parents=True, exist_ok=True)
    diagnostics: list[Diagnostic] = []
    used: set[str] = set()
    labels: list[str] = []
    pairs: dict[str, tuple[dict[str, None], dict[str, None]]] = {}  # type -> labels of its ends
    for number, record in enumerate(records, 1):
        name = _file_name(record.id or f"doc-{number:05d}", used)
        if record.id is not None and name != record.id:
            diagnostics.append(
                Diagnostic(
                    str(directory),
                    None,
                    f"document {record.id!r} written as {name}.txt (safe file name)",
                    "info",
                )
            )
        lines = []
        names: dict[str, str] = {}
        label_of: dict[str, str] = {}
        notes: list[str] = []
        for index, span in enumerate(exportable_spans(record, diagnostics, str(directory)), 1):
            if span.label not in labels:
                labels.append(span.label)
            fragments = _fragments(record.text, span.start, span.end)
            offsets = ";".join(f"{start} {end}" for start, end in fragments)
            text = " ".join(record.text[start:end] for start, end in fragments)
            lines.append(f"T{index}\t{span.label} {offsets}\t{text}\n")
            if span.id is not None:
                names.setdefault(span.id, f"T{index}")
                label_of[f"T{index}"] = span.label
            if span.note:
                notes.append(f"#{len(notes) + 1}\t{NOTE} T{index}\t{_escape(span.note)}\n")
        relations = exportable_relations(record, names, diagnostics, str(directory))
        for index, (relation, arg1, arg2) in enumerate(relations, 1):
            lines.append(f"R{index}\t{relation.type} Arg1:{arg1} Arg2:{arg2}\n")
            ends = pairs.setdefault(relation.type, ({}, {}))
            ends[0][label_of[arg1]] = ends[1][label_of[arg2]] = None
        lines += notes
        target = directory / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.with_name(target.name + ".txt").write_text(record.text, encoding="utf-8", newline="")
        target.with_name(target.name + ".ann").write_text(
            "".join(lines), encoding="utf-8", newline=""
        )
        if record.meta.get("note"):
            target.with_name(target.name + ".note").write_text(
                str(record.meta["note"]), encoding="utf-8", newline=""
            )
    (directory / "annotation.conf").write_text(annotation_conf(labels, pairs), encoding="utf-8")
    return diagnostics


def annotation_conf(
    labels: list[str], pairs: dict[str, tuple[dict[str, None], dict[str, None]]]
) -> str:
    """brat's configuration for the labels and link types written: each type with the labels
    its two ends carry (`said_by<TAB>Arg1:claim, Arg2:actor`)."""
    relations = "".join(
        f"{kind}\tArg1:{'|'.join(ends[0])}, Arg2:{'|'.join(ends[1])}\n"
        for kind, ends in pairs.items()
    )
    return (
        "[entities]\n"
        + "".join(f"{label}\n" for label in labels)
        + f"\n[relations]\n{relations}\n[events]\n\n[attributes]\n"
    )


def _fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A span cut at line breaks, as brat stores spans that cross lines."""
    fragments = []
    position = start
    for piece in text[start:end].split("\n"):
        if piece:
            fragments.append((position, position + len(piece)))
        position += len(piece) + 1
    return fragments or [(start, end)]


def _file_name(doc_id: str, used: set[str]) -> str:
    """A safe relative file name (without suffix) for a document id; `/` makes subfolders."""
    parts = [re.sub(r"[^\w\-.]+", "_", part) for part in doc_id.split("/")]
    parts = [part if part.strip(".") else "_" for part in parts]
    name = "/".join(parts)
    candidate, number = name, 1
    while candidate.lower() in used:
        number += 1
        candidate = f"{name}-{number}"
    used.add(candidate.lower())
    return candidate
