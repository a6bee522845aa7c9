"""Words as display clusters: graphemes, Arabic contextual forms, lam-alef, markers, widths.

A word (a run without break spaces) is cut into grapheme clusters, each letter takes its
contextual presentation form decided in logical order, lam followed by alef becomes one
cluster drawn as one ligature cell, and every cluster knows the logical range it stands
for. Shaping is decided here, before any styling, so a highlight over half a word can
never change its letters' forms. Words are shaped once per display option set and cached.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

import regex
from arabic_reshaper.letters import FINAL, INITIAL, ISOLATED, LETTERS_ARABIC, MEDIAL
from rich.cells import get_character_cell_size

from reader.text._bidi_data import MIRRORED
from reader.text.sanitise import DOTTED_CIRCLE, control_symbol, invisible_symbol

ZWJ, ZWNJ = "\u200d", "\u200c"
LAM = "\u0644"
ALEFS = {"\u0627": 0, "\u0622": 1, "\u0623": 2, "\u0625": 3}
# Lam-alef ligatures (isolated, final) for ا آ أ إ
LAM_ALEF = (("\ufefb", "\ufefc"), ("\ufef5", "\ufef6"), ("\ufef7", "\ufef8"), ("\ufef9", "\ufefa"))
_GRAPHEME = regex.compile(r"\X")


def is_harakah(char: str) -> bool:
    """An Arabic combining mark (harakat, shadda, sukun, Quranic marks, superscript alef)."""
    return "\u0610" <= char <= "\u08ff" and unicodedata.category(char) == "Mn"


@dataclass(frozen=True)
class DisplayOptions:
    """How text is drawn; none of these changes a logical offset."""

    harakat: bool = True  # show Arabic marks
    shaping: bool = True  # contextual forms and lam-alef
    reorder: bool = True  # our bidi; False sends logical order for terminals that reorder
    direction: str = "auto"  # "auto", "rtl" or "ltr" paragraph direction
    tab_width: int = 4


class Cluster(NamedTuple):
    """One cell's worth of a word, in logical order; offsets relative to the word."""

    start: int
    end: int
    text: str  # drawn at an even level
    mirrored: str  # drawn at an odd level (rule L4)
    width: int
    marker: bool  # a stand-in symbol (control, bidi mark), drawn dim


class WordShape(NamedTuple):
    """A shaped word: its clusters in logical order and its total width in cells."""

    clusters: tuple[Cluster, ...]
    width: int
    ltr_text: str  # the clusters' texts, left to right, at an even level
    rtl_text: str  # the clusters' mirrored texts in reverse order, at an odd level


def _width(text: str) -> int:
    if "\ufe0f" in text or any("\U0001f1e6" <= char <= "\U0001f1ff" for char in text):
        return 2  # emoji presentation, or a flag (a pair of regional indicators)
    return min(2, max((get_character_cell_size(char) for char in text), default=0))


class _Piece(NamedTuple):
    start: int
    end: int
    base: str  # the letter that joins, or "" for non-joining clusters
    rest: str  # what follows the base in the cluster (marks, modifiers)
    marker: bool
    width: int


_JOINS_AFTER = frozenset(
    c for c, forms in LETTERS_ARABIC.items() if forms[INITIAL] or forms[MEDIAL]
)
_JOINS_BEFORE = frozenset(c for c, forms in LETTERS_ARABIC.items() if forms[FINAL] or forms[MEDIAL])
_HARAKAT = frozenset(chr(c) for c in range(0x0610, 0x0900) if is_harakah(chr(c)))
# Characters that are each one cell-wide cluster on their own, with no sanitising, joining
# subtleties or emoji: most words of news text consist of these and harakat only.
_SIMPLE_BASES = frozenset(
    [chr(c) for c in range(0x21, 0x7F)]
    + [chr(c) for c in range(0xC0, 0x250) if unicodedata.category(chr(c)).startswith("L")]
    + [c for c in LETTERS_ARABIC if c not in (ZWJ, ZWNJ)]
    + [chr(c) for c in range(0x0660, 0x066E)]  # Arabic-Indic digits, ٪ ٫ ٬ ٭
    + ["\u060c", "\u061b", "\u061f", "\u06d4", "«", "»", "“", "”", "‘", "’", "—", "–", "…"]
)
_SIMPLE = _SIMPLE_BASES | _HARAKAT


def _simple_pieces(word: str, options: DisplayOptions) -> list[_Piece]:
    """Clusters of a word of simple characters: each base with the harakat after it."""
    pieces = []
    n = len(word)
    start = 0
    for i in range(1, n + 1):
        if i < n and word[i] in _HARAKAT:
            continue
        base = word[start]
        rest = word[start + 1 : i] if options.harakat else ""
        if base in LETTERS_ARABIC:
            pieces.append(_Piece(start, i, base, rest, False, 1))
        else:
            pieces.append(_Piece(start, i, "", base + rest, False, 1))
        start = i
    return pieces


def _pieces(word: str, options: DisplayOptions) -> list[_Piece]:
    """Clusters of any word: grapheme clusters (UAX #29), sanitised, with their widths."""
    if word and word[0] not in _HARAKAT and _SIMPLE.issuperset(word):
        return _simple_pieces(word, options)
    pieces = []
    for match in _GRAPHEME.finditer(word):
        text = match.group()
        start, end = match.span()
        first = text[0]
        symbol = control_symbol(first) or invisible_symbol(first)
        if symbol is not None:
            pieces.append(_Piece(start, end, "", symbol, True, 1))
            continue
        if not options.harakat:
            text = "".join(c for c in text if c not in _HARAKAT) or DOTTED_CIRCLE
        if first in LETTERS_ARABIC:
            pieces.append(
                _Piece(
                    start,
                    end,
                    first,
                    "".join(c for c in text[1:] if c not in (ZWJ, ZWNJ)),
                    False,
                    1,
                )
            )
        elif unicodedata.category(first) in ("Mn", "Me"):  # a mark with no base letter
            shown = "".join(c for c in text if c != ZWJ) if text != DOTTED_CIRCLE else ""
            pieces.append(_Piece(start, end, "", DOTTED_CIRCLE + shown, False, 1))
        else:
            pieces.append(_Piece(start, end, "", text, False, max(1, _width(text))))
    return pieces


def shape_word(word: str, options: DisplayOptions) -> WordShape:
    """Cut `word` into display clusters, shaped unless options say otherwise."""
    pieces = _pieces(word, options)
    shape = options.shaping and options.reorder
    n = len(pieces)
    if shape:
        after = [p.base in _JOINS_AFTER for p in pieces]
        before = [p.base in _JOINS_BEFORE for p in pieces]
        forced = [False] * n
        if ZWJ in word or ZWNJ in word:  # ZWNJ stops a letter joining; ZWJ makes it join
            for i, p in enumerate(pieces):
                cluster = word[p.start : p.end]
                after[i] = after[i] and ZWNJ not in cluster
                forced[i] = ZWJ in cluster
    clusters: list[Cluster] = []
    i = 0
    while i < n:
        piece = pieces[i]
        if piece.base and shape:
            joined_before = i > 0 and after[i - 1] and before[i]
            if piece.base == LAM and after[i] and i + 1 < n and pieces[i + 1].base in ALEFS:
                alef = pieces[i + 1]
                glyph = LAM_ALEF[ALEFS[alef.base]][1 if joined_before else 0]
                text = glyph + piece.rest + alef.rest
                clusters.append(Cluster(piece.start, alef.end, text, text, 1, False))
                i += 2
                continue
            joined_after = after[i] and ((i + 1 < n and before[i + 1]) or forced[i])
            forms = LETTERS_ARABIC[piece.base]
            if joined_before and joined_after:
                form = forms[MEDIAL] or forms[FINAL]
            elif joined_before:
                form = forms[FINAL] or forms[ISOLATED]
            elif joined_after:
                form = forms[INITIAL] or forms[ISOLATED]
            else:
                form = forms[ISOLATED]
            text = (form or piece.base) + piece.rest
        else:
            text = piece.base + piece.rest
        mirrored = text if piece.marker else MIRRORED.get(text[0], text[0]) + text[1:]
        clusters.append(Cluster(piece.start, piece.end, text, mirrored, piece.width, piece.marker))
        i += 1
    return WordShape(
        tuple(clusters),
        sum(c.width for c in clusters),
        "".join(c.text for c in clusters),
        "".join(c.mirrored for c in reversed(clusters)),
    )


class ShapeCache:
    """Shaped words for one set of display options (words repeat a lot in any article)."""

    def __init__(self, options: DisplayOptions, limit: int = 200_000) -> None:
        self.options = options
        self._limit = limit
        self._shapes: dict[str, WordShape] = {}

    def many(self, words: list[str]) -> list[WordShape]:
        """The shapes of `words`, in order."""
        get = self._shapes.get
        if len(self._shapes) >= self._limit:
            self._shapes.clear()
        return [get(word) or self(word) for word in words]

    def __call__(self, word: str) -> WordShape:
        shape = self._shapes.get(word)
        if shape is None:
            if len(self._shapes) >= self._limit:
                self._shapes.clear()
            shape = self._shapes[word] = shape_word(word, self.options)
        return shape
