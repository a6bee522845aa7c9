"""TinyDB JSON files: a JSON object of tables, each an object of records keyed "1", "2", ...

Every file of a store is one (see `layout` for which, and what each holds). Plain
`TinyDB(path, access_mode="r")` reads any of them. They are only ever replaced whole (see
files.atomic_write), never edited in place, so TinyDB's own JSONStorage must not write them.
The first table, `_meta`, says what the file is: {"format": ..., "version": ..., "seq": ...},
`seq` being the last journal commit the file holds.

Reading checks what a whole file must be and says what is wrong in a few words (`Damage`):
never a traceback, whatever the bytes (deep nesting, a 5,000-digit number, bad UTF-8).
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import orjson

META = "_meta"


class Damage(ValueError):
    """The file cannot be read as a store file; the message says what is wrong, in a few words."""


# One encoder for every record: json.dumps with options builds a new encoder per call.
dumps = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode


def encode(meta: dict[str, Any], tables: Iterable[tuple[str, Iterable[Any]]]) -> bytes:
    """File bytes: `_meta` then each table, one record per line (a human can read and diff it)."""
    out = ["{", f'"{META}": {{"1": {dumps(meta)}}}']
    for name, records in tables:
        rows = ",\n".join(
            f'"{number}": {dumps(record)}' for number, record in enumerate(records, 1)
        )
        out.append(f",\n{dumps(name)}: {{\n{rows}\n}}" if rows else f",\n{dumps(name)}: {{}}")
    out.append("\n}\n")
    return "".join(out).encode("utf-8")


def load_json(data: bytes) -> Any:
    """Parse JSON bytes; Damage with a short reason for anything that is not readable JSON.

    orjson reads them, in half the time of the json module (decoding the document files is
    most of a full export or check); what it refuses, the json module reads again, to accept
    what it accepts (NaN, lone surrogates) or to say in its words what is wrong. One difference
    stays: an integer beyond 64 bits is read as a float (no field of a store holds one).
    The cyclic garbage collector is paused meanwhile: decoding makes only objects that are
    kept, and a big manifest's 40,000 of them would otherwise start collections that walk
    every object of the process (the whole app, when it opens a store).
    """
    with _collector_paused():
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError:
            pass
    if not data.strip():
        raise Damage("the file is empty (0 bytes of JSON)" if not data else "the file is blank")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Damage(f"not UTF-8 text (bad byte at offset {error.start})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        if error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated string"):
            raise Damage(f"the JSON ends early at line {error.lineno} (truncated?)") from None
        raise Damage(
            f"not valid JSON at line {error.lineno} column {error.colno}: {error.msg}"
        ) from None
    except RecursionError:
        raise Damage("the JSON is nested too deeply to be a store file") from None
    except ValueError as error:  # e.g. a number of more than 4,300 digits
        raise Damage(f"not readable JSON ({str(error).split(';')[0]})") from None


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The garbage collector off for the block (left off if it was off before)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_tables(data: bytes, formats: tuple[str, ...]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The `_meta` record and the tables of a file whose format is one of `formats`; Damage if not."""
    raw = load_json(data)
    if not isinstance(raw, dict):
        raise Damage(f"expected a JSON object of tables, found {kind(raw)}")
    for name, table in raw.items():
        if not isinstance(table, dict):
            raise Damage(f"table {name!r} should be an object of records, found {kind(table)}")
    if META not in raw:
        raise Damage(
            f"no {META!r} table: not a reader store (another program's TinyDB or JSON file?)"
        )
    meta = next(iter(raw[META].values()), None)
    if not isinstance(meta, dict) or meta.get("format") not in formats:
        raise Damage(f"table {META!r} does not say format {formats[0]!r}: not a reader store")
    if type(meta.get("version")) is not int:
        raise Damage(f"table {META!r} has no format version")
    return meta, raw


def kind(value: object) -> str:
    """'a list', 'a string'...: what a JSON value is, for messages."""
    return {
        list: "a list",
        str: "a string",
        int: "a number",
        float: "a number",
        bool: "a boolean",
        type(None): "null",
        dict: "an object",
    }.get(type(value), type(value).__name__)
