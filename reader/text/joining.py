"""Joining: each Arabic-script letter's contextual form from its Unicode joining type.

Joining types come from ArabicShaping.txt for every letter (Arabic, Persian, Urdu, Kurdish,
Pashto, ...), presentation forms from UnicodeData.txt (both in `_joining_data`). A letter
joins across transparent characters (marks, most format characters); ZWJ and tatweel join
on both sides; ZWNJ and everything else break the chain. A letter with no presentation form
for its position prints as itself while its neighbours still join to it.
"""

from __future__ import annotations

import re
import unicodedata
from operator import add

from reader.text._joining_data import FORMS, JOINING_RANGES

LAM = "\u0644"
LAM_FORMS = ("\ufedf", "\ufee0")  # lam initial, medial: the forms a ligature can start from
# alef -> its final form, and the lam-alef ligature (isolated, final)
LAM_ALEF = {
    "\u0627": ("\ufe8e", "\ufefb", "\ufefc"),
    "\u0622": ("\ufe82", "\ufef5", "\ufef6"),
    "\u0623": ("\ufe84", "\ufef7", "\ufef8"),
    "\u0625": ("\ufe88", "\ufef9", "\ufefa"),
}
# Invisible characters that the drawn text leaves out (their joining types still count).
DROPPED = "\u200b\u200c\u200d\u200e\u200f\u061c\u2060\u00ad\ufeff"


class _JoiningTable(dict[int, str]):
    """`str.translate` table: code point -> joining type letter (D R L C U T)."""

    def __missing__(self, code_point: int) -> str:
        category = unicodedata.category(chr(code_point))
        joining = self[code_point] = "T" if category in ("Mn", "Me", "Cf") else "U"
        return joining


_JOINING = _JoiningTable(
    (point, kind) for first, last, kind in JOINING_RANGES for point in range(first, last + 1)
)
_JOINING[ord(" ")] = " "  # non-joining like U; kept as a space so joined words split again


def joining_type(char: str) -> str:
    """The Unicode Joining_Type of `char`: D, R, L, C, U or T."""
    kind = _JOINING[ord(char)]
    return "U" if kind == " " else kind


def _decide(types: str) -> str:
    """For each character, "-" (not a shaped letter) or its form: 0 isolated, 1 final,
    2 initial, 3 medial. A letter joins across transparent characters (marks)."""
    joined_before = [False] * len(types)
    joined_after = [False] * len(types)
    previous = -1
    for i, kind in enumerate(types):
        if kind == "T":
            continue
        if previous >= 0 and types[previous] in "DLC" and kind in "DRC":
            joined_after[previous] = joined_before[i] = True
        previous = i
    return "".join(
        "0123"[joined_before[i] + 2 * joined_after[i]] if kind in "DRL" else "-"
        for i, kind in enumerate(types)
    )


class _FormCodes(dict[str, str]):
    """Joining-type string -> form codes, computed once per pattern (patterns repeat)."""

    def __missing__(self, types: str) -> str:
        if len(self) > 100_000:
            self.clear()
        codes = self[types] = _decide(types)
        return codes


class _Glyphs(dict[str, str]):
    """letter + form code -> the glyph drawn: its presentation form, else the letter itself."""

    def __missing__(self, key: str) -> str:
        char, code = key[:-1], key[-1]
        forms = FORMS.get(char)
        glyph = self[key] = (forms[int(code)] or char) if forms and code != "-" else char
        return glyph


_CODES = _FormCodes()
_GLYPHS = _Glyphs()


def form_codes(word: str) -> str:
    """The form code of every character of `word` (see `_decide`)."""
    return _CODES[word.translate(_JOINING)]


_GLYPHS.update({char + "-": "" for char in DROPPED})
_HARAKAT_CLASS = "".join(
    chr(c) for c in range(0x0610, 0x0900) if unicodedata.category(chr(c)) == "Mn"
)
_LIGATURE = re.compile(
    f"([{''.join(LAM_FORMS)}])([{_HARAKAT_CLASS}]*)([{''.join(v[0] for v in LAM_ALEF.values())}])"
)
_LIGATURE_OF = {
    lam + final: (isolated if lam == LAM_FORMS[0] else end)
    for final, isolated, end in LAM_ALEF.values()
    for lam in LAM_FORMS
}


def _ligature(match: re.Match[str]) -> str:
    return _LIGATURE_OF[match.group(1) + match.group(3)] + match.group(2)


def glyph(char: str, code: str) -> str:
    """What letter `char` with form code `code` (see `form_codes`) draws."""
    return _GLYPHS[char + code]


def shape_text(text: str) -> str:
    """`text` with every letter in its contextual form and each joined lam + alef (marks
    between them kept) as one ligature; the invisible characters in `DROPPED` left out.
    One character in, one out, except for those two."""
    codes = " ".join(map(_CODES.__getitem__, text.translate(_JOINING).split(" ")))
    out = "".join(map(_GLYPHS.__getitem__, map(add, text, codes)))
    return _LIGATURE.sub(_ligature, out) if LAM in text else out
