"""The standard Arabic keyboard, key by key: so single-letter bindings answer in Arabic too.

A person typing Arabic presses the physical key of `a` and the terminal sends `ش`. Every
binding on a single character therefore also answers to the character on the same key of
the Arabic (101) layout. The table is the Windows "Arabic (101)" layout, which the Linux
xkb `ara` layout follows; where they differ (lam-alef keys, two shifted keys) both are kept.
Aliases are the Arabic letters and marks on each key, and the two ASCII characters the
Arabic layout moves onto the bracket keys: Shift+[ types "<" and Shift+] types ">" there, so
they stand in for "{" and "}". `reader.ui.keymap` never lets an alias take a key that another
binding declares, so no alias can steal another binding's key.
"""

from __future__ import annotations

from collections.abc import Container

from textual.keys import _character_to_key

# Latin character -> the characters on the same key of the Arabic layout.
LATIN_TO_ARABIC: dict[str, tuple[str, ...]] = {
    # digits row (Arabic-Indic digits come from the xkb "digits" variant)
    "`": ("ذ",),
    "~": ("\u0651",),  # shadda
    "1": ("١",),
    "2": ("٢",),
    "3": ("٣",),
    "4": ("٤",),
    "5": ("٥",),
    "6": ("٦",),
    "7": ("٧",),
    "8": ("٨",),
    "9": ("٩",),
    "0": ("٠",),
    # top row
    "q": ("ض",),
    "w": ("ص",),
    "e": ("ث",),
    "r": ("ق",),
    "t": ("ف",),
    "y": ("غ",),
    "u": ("ع",),
    "i": ("ه",),
    "o": ("خ",),
    "p": ("ح",),
    "[": ("ج",),
    "]": ("د",),
    "{": ("<",),
    "}": (">",),  # Shift+[ and Shift+] of the Arabic layout
    "Q": ("\u064e",),
    "W": ("\u064b",),
    "E": ("\u064f",),
    "R": ("\u064c",),  # fatha, fathatan, damma, dammatan
    "T": ("\ufef9",),
    "Y": ("إ",),
    "U": ("\u2018",),
    "I": ("÷",),
    "O": ("×",),
    "P": ("؛",),
    # home row
    "a": ("ش",),
    "s": ("س",),
    "d": ("ي",),
    "f": ("ب",),
    "g": ("ل",),
    "h": ("ا",),
    "j": ("ت",),
    "k": ("ن",),
    "l": ("م",),
    ";": ("ك",),
    "'": ("ط",),
    "A": ("\u0650",),
    "S": ("\u064d",),  # kasra, kasratan
    "G": ("\ufef7",),
    "H": ("أ",),
    "J": ("\u0640",),
    "K": ("،",),  # lam-alef-hamza, alef-hamza, tatweel, comma
    # bottom row
    "z": ("ئ",),
    "x": ("ء",),
    "c": ("ؤ",),
    "v": ("ر",),
    "b": ("\ufefb",),  # lam-alef (xkb sends one char)
    "n": ("ى",),
    "m": ("ة",),
    ",": ("و",),
    ".": ("ز",),
    "/": ("ظ",),
    "X": ("\u0652",),
    "B": ("\ufef5",),
    "N": ("آ",),
    "M": ("\u2019",),
    "?": ("؟",),  # sukun, lam-alef-madda
}


# Textual key name ("slash", "N", "left_square_bracket") -> the Latin character it types.
_LATIN_OF_KEY: dict[str, str] = {_character_to_key(latin): latin for latin in LATIN_TO_ARABIC}


def arabic_keys(key: str) -> list[str]:
    """The Textual key names of the Arabic characters on the same key as `key` ("a" -> ["ش"]).

    `key` is one Textual key name ("a", "N", "slash", "question_mark"); a key with a
    modifier other than shift, or with no printable character, has no Arabic counterpart.
    """
    key = key.strip()
    if key.startswith("shift+") and len(key) == len("shift+") + 1:
        key = key[-1].upper()
    character = _LATIN_OF_KEY.get(key, key if len(key) == 1 else None)
    if character is None:
        return []
    return [_character_to_key(arabic) for arabic in LATIN_TO_ARABIC.get(character, ())]


def with_arabic_keys(keys: str, taken: Container[str] = frozenset()) -> str:
    """A comma-separated key list with the Arabic counterpart of each single-character key
    added, except counterparts in `taken` (keys other bindings declare)."""
    listed = [key.strip() for key in keys.split(",") if key.strip()]
    out = list(listed)
    for key in listed:
        for alias in arabic_keys(key):
            if alias not in out and alias not in taken:
                out.append(alias)
    return ",".join(out)
