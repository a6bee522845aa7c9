"""What a character may send to the terminal: controls become visible symbols.

Article text never reaches the terminal raw. C0/C1 controls, DEL and ESC are drawn as
symbols; explicit bidi controls keep their effect on the layout but are drawn as one dim
marker cell each, so a hidden override cannot mislead the reader. Bidi marks (LRM, RLM,
ALM) and the other invisible characters take no cell in a document unless the reader asks
to see them (`DisplayOptions.marks`); then they get the markers here too.
"""

from __future__ import annotations

import unicodedata

# Explicit directional formatting characters and marks -> the marker drawn for them.
BIDI_MARKERS = {
    "\u202a": "⇀",  # LRE
    "\u202b": "↼",  # RLE
    "\u202d": "⇉",  # LRO
    "\u202e": "⇇",  # RLO
    "\u202c": "↥",  # PDF
    "\u2066": "⇾",  # LRI
    "\u2067": "⇽",  # RLI
    "\u2068": "⇹",  # FSI
    "\u2069": "↧",  # PDI
    "\u200e": "›",  # LRM
    "\u200f": "‹",  # RLM
    "\u061c": "‹",  # ALM
}
OTHER_INVISIBLE = "·"  # zero-width format characters other than bidi controls (ZWSP, WJ, SHY, BOM)
C1_SYMBOL = "␦"
LINE_SEPARATOR = "↵"  # U+2028 inside a paragraph: a terminal would break the line
DOTTED_CIRCLE = "◌"  # carries a combining mark that has no base letter


def control_symbol(char: str) -> str | None:
    """The visible stand-in for a control character, or None if `char` is not one."""
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # Control Pictures: ESC -> ␛, NUL -> ␀
    if code == 0x7F:
        return "␡"
    if 0x80 <= code < 0xA0:
        return C1_SYMBOL
    return None


def invisible_symbol(char: str) -> str | None:
    """The marker for a zero-width format character (bidi controls included), else None."""
    marker = BIDI_MARKERS.get(char)
    if marker is not None:
        return marker
    category = unicodedata.category(char)
    if category == "Cf":
        return OTHER_INVISIBLE
    if category in ("Zl", "Zp"):
        return LINE_SEPARATOR
    return None


def sanitise(text: str) -> str:
    """`text` safe to print anywhere: controls as symbols, bidi controls as markers.

    The one sanitiser for every string that came from data (file names, labels, ids, error
    text) on its way to a terminal outside the text engine: messages, tables, the app's
    one-line fields. A hidden override (U+202E) cannot reorder the rest of the line.
    """
    return "".join(control_symbol(char) or BIDI_MARKERS.get(char, char) for char in text)
