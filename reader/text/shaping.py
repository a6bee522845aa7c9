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


def _pieces(word: str, options: DisplayOptions) -> list[_Piece]:
    pieces = []
    for match in _GRAPHEME.finditer(word):
        text = match.group()
        start, end = match.span()
        first = text[0]
        symbol = control_symbol(first) or invisible_symbol(first)
        if symbol is not None:
            pieces.append(_Piece(start, end, "", symbol, True))
            continue
        if first in LETTERS_ARABIC:
            marks = "".join(c for c in text[1:] if c not in (ZWJ, ZWNJ))
            if not options.harakat:
                marks = "".join(c for c in marks if not is_harakah(c))
            pieces.append(_Piece(start, end, first, marks, False))
            continue
        if unicodedata.combining(first) or unicodedata.category(first) in ("Mn", "Me"):
            shown = text if options.harakat or not is_harakah(first) else ""
            pieces.append(_Piece(start, end, "", DOTTED_CIRCLE + "".join(c for c in shown if c != ZWJ), False))
            continue
        if not options.harakat:
            text = "".join(c for c in text if not is_harakah(c))
        pieces.append(_Piece(start, end, "", text, False))
    return pieces


def _joins_after(word: str, piece: _Piece) -> bool:
    """Whether this cluster's letter reaches out to the next one (ZWNJ stops it, ZWJ forces it)."""
    cluster = word[piece.start : piece.end]
    if ZWNJ in cluster:
        return False
    forms = LETTERS_ARABIC.get(piece.base)
    return bool(forms and (forms[INITIAL] or forms[MEDIAL]))


def _joins_before(piece: _Piece) -> bool:
    forms = LETTERS_ARABIC.get(piece.base)
    return bool(forms and (forms[FINAL] or forms[MEDIAL]))


def shape_word(word: str, options: DisplayOptions) -> WordShape:
    """Cut `word` into display clusters, shaped unless options say otherwise."""
    pieces = _pieces(word, options)
    shape = options.shaping and options.reorder
    clusters: list[Cluster] = []
    n = len(pieces)
    after = [shape and _joins_after(word, p) for p in pieces]
    before = [shape and _joins_before(p) for p in pieces]
    forced = [ZWJ in word[p.start : p.end] for p in pieces]
    i = 0
    while i < n:
        piece = pieces[i]
        joined_before = i > 0 and after[i - 1] and before[i]
        if piece.base and shape:
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
        mirrored = text if piece.marker or not text else MIRRORED.get(text[0], text[0]) + text[1:]
        width = 1 if piece.base or piece.marker else max(1, _width(text))
        clusters.append(Cluster(piece.start, piece.end, text, mirrored, width, piece.marker))
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
