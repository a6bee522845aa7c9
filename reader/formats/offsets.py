"""Offset conversions between the ways tools count positions in a text.

reader counts code points (Python `str` indices). doccano and Label Studio count UTF-16 code
units, as a browser does: every character above U+FFFF (most emoji) counts two. Sources with a
BOM or CRLF line endings count positions in the text as it was before we normalise it.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_CR_BEFORE_LF = re.compile("\r(?=\n)")


class OffsetError(ValueError):
    """An offset that no code point position stands for (out of range, inside a surrogate pair)."""


class Utf16Offsets:
    """Converts offsets between code points and UTF-16 code units for one text.

    Built once per text; a text with no astral characters (the common case) converts for free.
    """

    def __init__(self, text: str) -> None:
        self.length = len(text)
        # code point indices of characters that take two UTF-16 units
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        # their UTF-16 start positions
        self._astral_u16 = [index + k for k, index in enumerate(self._astral)]
        self.length_utf16 = self.length + len(self._astral)

    def to_utf16(self, offset: int) -> int:
        """The UTF-16 offset of code point offset `offset`."""
        if not 0 <= offset <= self.length:
            raise OffsetError(
                f"offset {offset} is out of range for a text of {self.length} characters"
            )
        if not self._astral:
            return offset
        return offset + bisect_left(self._astral, offset)

    def from_utf16(self, offset: int) -> int:
        """The code point offset of UTF-16 offset `offset`; an offset inside a pair is an error."""
        if not 0 <= offset <= self.length_utf16:
            raise OffsetError(
                f"UTF-16 offset {offset} is out of range for a text of {self.length_utf16} UTF-16 units"
            )
        if not self._astral:
            return offset
        before = bisect_left(self._astral_u16, offset)  # pairs starting before `offset`
        if before and self._astral_u16[before - 1] + 1 == offset:
            raise OffsetError(
                f"UTF-16 offset {offset} falls between the two halves of a surrogate pair"
            )
        return offset - before


def codepoints_to_utf16(text: str, offset: int) -> int:
    """Code point offset -> UTF-16 offset in `text` (for one-off conversions)."""
    return Utf16Offsets(text).to_utf16(offset)


def utf16_to_codepoints(text: str, offset: int) -> int:
    """UTF-16 offset -> code point offset in `text`; raises OffsetError inside a surrogate pair."""
    return Utf16Offsets(text).from_utf16(offset)


class NewlineMap:
    """Maps offsets in a source text to offsets in its normalised form.

    Normalising drops a leading BOM (if asked) and turns CRLF and CR into LF, as document text
    is defined. Offsets a source counted on the original text are moved by the number of
    characters removed before them. An offset between a CR and its LF lands on the LF.
    """

    def __init__(self, original: str, drop_bom: bool = True) -> None:
        removed = []
        if drop_bom and original.startswith("\ufeff"):
            removed.append(0)
        removed.extend(m.start() for m in _CR_BEFORE_LF.finditer(original))
        self.original = original
        self._removed = removed
        body = original[1:] if drop_bom and original.startswith("\ufeff") else original
        self.text = body.replace("\r\n", "\n").replace("\r", "\n")
        self.bom = drop_bom and original.startswith("\ufeff")
        self.crlf = "\r\n" in body
        self.cr = "\r" in body.replace("\r\n", "")

    @property
    def changed(self) -> bool:
        return self.text != self.original

    def to_new(self, offset: int) -> int:
        """Where `offset` in the original text is in the normalised text."""
        if not self._removed:
            return offset
        return offset - bisect_left(self._removed, offset)

    def inside_crlf(self, offset: int) -> bool:
        """True if `offset` falls between a CR and its LF (a span edge there is suspicious)."""
        return (
            0 < offset < len(self.original)
            and self.original[offset - 1] == "\r"
            and self.original[offset] == "\n"
        )


def normalise(text: str, drop_bom: bool = True) -> NewlineMap:
    """Document text as DESIGN.md defines it, with the map from the original's offsets."""
    return NewlineMap(text, drop_bom)
