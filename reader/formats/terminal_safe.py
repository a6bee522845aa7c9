"""Exported data on its way to a terminal: the same data, unable to drive the terminal.

An export keeps the text exactly (it is data), so a pipe or `-o` gets every character. Written
straight to a terminal, a C1 control (U+009B is a one-character CSI) or a bidi override
(U+202E) inside a string would act on the terminal. JSON formats write those characters as
`\\uXXXX` escapes there (still valid JSON, the same value once parsed); line formats (CoNLL)
draw them through the one sanitiser, line by line.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import TextIO

from reader.text.sanitise import sanitise

JSON_FORMATS = ("jsonl", "doccano", "labelstudio")
# What JSON leaves raw that a terminal acts on: DEL, C1 controls, bidi controls and marks,
# line and paragraph separators (C0 controls JSON escapes itself).
_ACTIVE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def json_escape(text: str) -> str:
    """JSON text with the characters a terminal acts on written as `\\uXXXX` escapes.

    Only valid on JSON text: outside strings JSON holds none of these characters."""
    return _ACTIVE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def sanitise_lines(text: str) -> str:
    """Line-format text sanitised line by line (the line breaks themselves kept)."""
    return "\n".join(sanitise(line) for line in text.split("\n"))


class TerminalSafe(io.TextIOBase):
    """A text stream that passes what is written through `clean` on its way to `stream`."""

    def __init__(self, stream: TextIO, clean: Callable[[str], str]) -> None:
        self._stream = stream
        self._clean = clean
        self.name = getattr(stream, "name", "<stdout>")

    def write(self, text: str) -> int:
        self._stream.write(self._clean(text))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()
