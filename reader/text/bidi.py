"""The Unicode Bidirectional Algorithm (UAX #9): embedding levels and visual order.

Paragraphs without explicit embeddings or isolates (nearly all news text) are resolved here,
on a string of one-letter bidi classes, with regular expressions and `str` operations that
run in C; rules W1-W7, N0-N2 and I1-I2 then cost a few passes over that string.
Paragraphs with explicit formatting characters (LRE ... PDI) go to python-bidi's Rust core,
which is conformant, and whose levels are only exposed through its debug output.
Both paths are checked against all 91,707 cases of BidiCharacterTest.txt.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache

from reader.text._bidi_data import CLOSING, OPENING

# One letter per bidi class, so a paragraph's classes are one string.
_CODE = {
    "L": "L",
    "R": "R",
    "AL": "A",
    "EN": "E",
    "ES": "+",
    "ET": "$",
    "AN": "N",
    "CS": ",",
    "NSM": "M",
    "BN": "b",
    "B": "B",
    "S": "S",
    "WS": "W",
    "ON": "O",
    "LRE": "e",
    "RLE": "e",
    "LRO": "e",
    "RLO": "e",
    "PDF": "e",
    "LRI": "i",
    "RLI": "i",
    "FSI": "i",
    "PDI": "p",
}
REMOVED_BY_X9 = frozenset("eb")  # classes that rule X9 removes

# Ranges whose unassigned code points default to R or AL (DerivedBidiClass.txt @missing lines).
_DEFAULT_RTL = (
    (0x0600, 0x07BF, "A"),
    (0x0860, 0x08FF, "A"),
    (0xFB50, 0xFDCF, "A"),
    (0xFDF0, 0xFDFF, "A"),
    (0xFE70, 0xFEFF, "A"),
    (0x10D00, 0x10D3F, "A"),
    (0x10EC0, 0x10EFF, "A"),
    (0x10F30, 0x10F6F, "A"),
    (0x1EC70, 0x1ECBF, "A"),
    (0x1ED00, 0x1ED4F, "A"),
    (0x1EE00, 0x1EEFF, "A"),
    (0x0590, 0x05FF, "R"),
    (0x07C0, 0x085F, "R"),
    (0xFB1D, 0xFB4F, "R"),
    (0x10800, 0x10FFF, "R"),
    (0x1E800, 0x1EFFF, "R"),
)


def _class_of(code_point: int) -> str:
    name = unicodedata.bidirectional(chr(code_point))
    if name:
        return _CODE[name]
    if (code_point & 0xFFFE) == 0xFFFE or 0xFDD0 <= code_point <= 0xFDEF:
        return "b"  # noncharacters are default ignorable: BN
    if 0x20A0 <= code_point <= 0x20CF:
        return "$"
    for low, high, code in _DEFAULT_RTL:
        if low <= code_point <= high:
            return code
    return "L"


class _ClassTable(dict[int, str]):
    """`str.translate` table from code point to class letter, filled on first sight."""

    def __missing__(self, code_point: int) -> str:
        code = _class_of(code_point)
        self[code_point] = code
        return code


_CLASSES = _ClassTable()


def classes(text: str) -> str:
    """The bidi class of every character of `text`, one letter each (see `_CODE`)."""
    return text.translate(_CLASSES)


def paragraph_level(cls: str, base: str = "auto", default: int = 0) -> int:
    """Rules P2/P3 (skipping isolates), or the forced base: 0 for LTR, 1 for RTL."""
    if base == "ltr":
        return 0
    if base == "rtl":
        return 1
    if "i" not in cls:
        match = _FIRST_STRONG.search(cls)
        return default if match is None else (0 if match.group() == "L" else 1)
    depth = 0
    for _i, code in enumerate(cls):
        if code == "i":
            depth += 1
        elif code == "p":
            depth = max(0, depth - 1)
        elif depth == 0 and code in "LRA":
            return 0 if code == "L" else 1
    return default


_FIRST_STRONG = re.compile("[LRA]")
# What can raise a level above the paragraph's: left-to-right letters and numbers in a
# right-to-left paragraph; right-to-left letters and Arabic numbers in a left-to-right one.
_OTHER_DIRECTION = (re.compile("[RAN]"), re.compile("[LEN]"))
_W2 = re.compile("A[^LR]*")
_W4_EN = re.compile(r"(?<=E)[+,](?=E)")
_W4_AN = re.compile(r"(?<=N),(?=N)")
_W5 = re.compile(r"\$+(?=E)|(?<=E)\$+")
_W7 = re.compile("L[^R]*")
_NEUTRALS_BETWEEN_L = re.compile(r"(?<=L)[BSWO]+(?=L)")
_NEUTRALS_BETWEEN_R = re.compile(r"(?<=[REN])[BSWO]+(?=[REN])")
_W6 = str.maketrans("+$,", "OOO")
_TO_LEVELS = (
    bytes.maketrans(b"LREN", bytes([0, 1, 2, 2])),  # even paragraph
    bytes.maketrans(b"LREN", bytes([2, 1, 2, 2])),  # odd paragraph
)


def _resolve_simple(text: str, cls: str, level: int) -> bytes:
    """Levels for a paragraph with no explicit formatting characters (and no BN)."""
    if _OTHER_DIRECTION[level % 2].search(cls) is None:  # one direction only: no runs
        return bytes([level]) * len(cls)
    sos = "L" if level % 2 == 0 else "R"
    s = sos + cls + sos  # sos and eos as sentinels: the run has the paragraph's level
    if "M" in s:  # W1: a mark takes the class of what precedes it
        for code in "LRAEN+$,OWSB":
            pair = code + "M"
            while pair in s:
                s = s.replace(pair, code + code)
    if "E" in s:
        if "A" in s:  # W2: European digits after Arabic letters are Arabic numbers
            s = _W2.sub(lambda m: m.group().replace("E", "N"), s)
    s = s.replace("A", "R")  # W3
    if "E+E" in s or "E,E" in s:  # W4 (a plain search first: the regexes scan every position)
        s = _W4_EN.sub("E", s)
    if "N,N" in s:
        s = _W4_AN.sub("N", s)
    if "$" in s and "E" in s:  # W5
        s = _W5.sub(lambda m: "E" * len(m.group()), s)
    s = s.translate(_W6)  # W6
    if "E" in s and "L" in s:  # W7
        s = _W7.sub(lambda m: m.group().replace("E", "L"), s)
    if ("L" in s) if sos == "R" else ("R" in s or "E" in s or "N" in s):
        # N0 (with no strong type against the embedding direction, every bracket ends up
        # in that direction anyway, as N1/N2 would put it)
        s = _brackets(text, cls, s, sos)
    # N1/N2: neutrals between two strong types of one direction take it, others the embedding's.
    if sos == "R":
        if "L" in s:
            s = _NEUTRALS_BETWEEN_L.sub(lambda m: "L" * len(m.group()), s)
        s = s.translate(_NEUTRALS_TO["R"])
    else:
        s = _NEUTRALS_BETWEEN_R.sub(lambda m: "R" * len(m.group()), s)
        s = s.translate(_NEUTRALS_TO["L"])
    return s[1:-1].encode("ascii").translate(_TO_LEVELS[level])


_NEUTRALS_TO = {"R": str.maketrans("BSWO", "RRRR"), "L": str.maketrans("BSWO", "LLLL")}


@cache
def _bracket() -> re.Pattern[str]:
    """Any paired bracket. Compiled when first needed: its class spans the BMP, a 64K table
    that costs milliseconds at start-up, and many documents begin with no mixed-direction
    paragraph that needs rule N0."""
    return re.compile("[" + re.escape("".join(sorted({*OPENING, *CLOSING}))) + "]")


_CANONICAL = {"\u2329": "\u3008", "\u232a": "\u3009"}


def _brackets(text: str, cls: str, s: str, sos: str) -> str:
    """Rule N0 on the resolved string `s` (which carries sos/eos sentinels at both ends)."""
    if _bracket().search(text) is None:
        return s
    pairs = _bracket_pairs(text, s)
    if not pairs:
        return s
    chars = list(s)
    e = sos
    for opening, closing in pairs:
        o, c = opening + 1, closing + 1  # positions in `chars`, past the sos sentinel
        found_e = found_other = False
        for code in chars[o + 1 : c]:
            strong = "L" if code == "L" else "R" if code in "REN" else ""
            if strong == e:
                found_e = True
                break
            found_other = found_other or bool(strong)
        if found_e:
            new = e
        elif found_other:  # N0 c: the direction of the context before the opening bracket
            new = sos
            for code in reversed(chars[:o]):
                if code == "L" or code in "REN":
                    new = "L" if code == "L" else "R"
                    break
        else:
            continue
        chars[o] = chars[c] = new
        for index in (o, c):  # marks that followed a bracket follow its new direction
            k = index + 1
            while k < len(chars) - 1 and cls[k - 1] == "M":
                chars[k] = new
                k += 1
    return "".join(chars)


def _bracket_pairs(text: str, s: str) -> list[tuple[int, int]]:
    """Rule BD16: paired brackets, sorted by the opening bracket's position."""
    stack: list[tuple[str, int]] = []
    pairs = []
    for match in _bracket().finditer(text):
        i, char = match.start(), match.group()
        if s[i + 1] != "O":
            continue
        if char in OPENING:
            if len(stack) == 63:
                break
            closing = OPENING[char]
            stack.append((_CANONICAL.get(closing, closing), i))
        else:
            canonical = _CANONICAL.get(char, char)
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == canonical:
                    pairs.append((stack[depth][1], i))
                    del stack[depth:]
                    break
    pairs.sort()
    return pairs


def _resolve_rust(text: str, level: int) -> bytes:
    """Levels from python-bidi's conformant Rust core (per UTF-8 byte in its debug output)."""
    from bidi import get_display

    debug = get_display(text, base_dir="L" if level % 2 == 0 else "R", debug=True)
    body = debug[debug.index("levels:") : debug.index("paragraphs:")]
    per_byte = re.findall(r"Level\(\s*(\d+),", body)  # (compiled on this first use, and cached)
    out = bytearray(len(text))
    offset = 0
    for i, char in enumerate(text):
        out[i] = int(per_byte[offset])
        offset += len(char.encode("utf-8"))
    return bytes(out)


def resolve_levels(
    text: str, base: str = "auto", default: int = 0, cls: str | None = None
) -> tuple[int, bytes, str]:
    """Paragraph level, the embedding level of each character, and the classes.

    `text` is one paragraph. `base` is "auto", "ltr" or "rtl"; `default` is the level an
    "auto" paragraph with no strong character takes; `cls` is `classes(text)` when the
    caller has it already. Characters that rule X9 removes get the level of the character
    before them (or the paragraph's), so they can be drawn.
    """
    if cls is None:
        cls = classes(text)
    level = paragraph_level(cls, base, default)
    if not text:
        return level, b"", cls
    if _EXPLICIT.search(cls) is not None:
        levels = _resolve_rust(text, level)
    elif "b" in cls:  # X9: resolve without the BN characters, then put them back
        runs = [m.span() for m in _BN.finditer(cls)]
        bounds = [0, *(edge for run in runs for edge in run), len(text)]
        kept = "".join(text[bounds[i] : bounds[i + 1]] for i in range(0, len(bounds), 2))
        inner = _resolve_simple(kept, cls.replace("b", ""), level) if kept else b""
        out = bytearray()
        taken = 0
        for i in range(0, len(bounds) - 1, 2):
            size = bounds[i + 1] - bounds[i]
            out += inner[taken : taken + size]
            taken += size
            if i + 2 < len(bounds):
                out += bytes([out[-1] if out else level]) * (bounds[i + 2] - bounds[i + 1])
        return level, bytes(out), cls
    else:
        return level, _resolve_simple(text, cls, level), cls
    fixed = bytearray(levels)
    for match in _REMOVED.finditer(cls):  # X9-removed characters: the level before them
        start, end = match.span()
        fixed[start:end] = bytes([fixed[start - 1] if start else level]) * (end - start)
    return level, bytes(fixed), cls


_EXPLICIT = re.compile("[eip]")  # classes that need the full algorithm (X1-X10)
_BN = re.compile("b+")
_REMOVED = re.compile("[eb]+")
_L1 = re.compile("[Wiepb]*(?:[SB]|$)")


def line_levels(cls: str, levels: bytes, level: int) -> bytearray:
    """Rule L1 on one line: separators, and whitespace before them or at the line's end,
    go back to the paragraph level. `cls` and `levels` are the line's slices."""
    out = bytearray(levels)
    for match in _L1.finditer(cls):
        for i in range(match.start(), match.end()):
            out[i] = level
    return out


def reorder(levels: Sequence[int]) -> list[int]:
    """Rule L2: the permutation that puts positions with these levels in screen order."""
    n = len(levels)
    if n == 0:
        return []
    highest = max(levels)
    lowest_odd = min(levels) | 1
    if highest < lowest_odd:
        return list(range(n))
    if min(levels) == highest:
        return list(range(n - 1, -1, -1)) if highest % 2 else list(range(n))
    # Work on runs of equal level: reverse sequences of runs, then each run's inside.
    runs = []
    start = 0
    for i in range(1, n + 1):
        if i == n or levels[i] != levels[start]:
            runs.append((levels[start], start, i))
            start = i
    for k in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(runs):
            if runs[i][0] >= k:
                j = i
                while j < len(runs) and runs[j][0] >= k:
                    j += 1
                runs[i:j] = runs[i:j][::-1]
                i = j
            else:
                i += 1
    order: list[int] = []
    for run_level, start, end in runs:
        flips = run_level - lowest_odd + 1 if run_level >= lowest_odd else 0
        order.extend(range(end - 1, start - 1, -1) if flips % 2 else range(start, end))
    return order


def visual_order(text: str, base: str = "auto") -> list[int]:
    """Logical indices of `text` (one paragraph laid out as one line) in screen order, left
    to right, without the characters rule X9 removes: field 5 of BidiCharacterTest.txt."""
    level, levels, cls = resolve_levels(text, base)
    final = line_levels(cls, levels, level)
    kept = [i for i, code in enumerate(cls) if code not in REMOVED_BY_X9]
    return [kept[i] for i in reorder([final[i] for i in kept])]
