"""Words as display clusters: graphemes, Arabic contextual forms, lam-alef, markers, widths.

A word (a run without break spaces) is cut into grapheme clusters. Every letter takes its
contextual form from its Unicode joining type (ArabicShaping.txt: all Arabic-script letters,
Persian, Urdu, Kurdish, Pashto...), decided in logical order; a letter with no presentation
form prints as itself while its neighbours still join to it. Lam followed by alef becomes one
cluster drawn as one ligature cell, unless a forced boundary (a span or caret edge) falls
between them. Default-ignorable characters (LRM, RLM, ZWJ, ZWNJ, WJ, SHY...) take no cell and
do their job; explicit bidi controls and C0/C1 controls are drawn as one-cell markers. Every
cluster knows the logical range it stands for. Shaping is decided here, before any styling,
so a highlight over half a word can never change its letters' forms.

The common word (letters, harakat, digits, punctuation) takes a fast path that makes its
drawn text with `str` operations only; its clusters are built when something asks for them.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator
from functools import cache, lru_cache
from itertools import accumulate, repeat
from typing import NamedTuple

from rich.cells import get_character_cell_size

from reader.text._bidi_data import MIRRORED
from reader.text._joining_data import (
    DEFAULT_IGNORABLE,
    IGNORABLE_MARKS,
    PREPENDED_CONCATENATION_MARKS,
)
from reader.text.bidi import classes as bidi_classes
from reader.text.joining import DROPPED, LAM, LAM_ALEF, LAM_FORMS, form_codes, glyph, shape_text
from reader.text.sanitise import (
    BIDI_MARKERS,
    DOTTED_CIRCLE,
    OTHER_INVISIBLE,
    control_symbol,
    invisible_symbol,
)
from reader.text.words import grapheme_pattern

ZWJ, ZWNJ = "\u200d", "\u200c"
EXPLICIT_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Marks that are letters rather than vowels: hiding harakat keeps them (madda, hamza).
KEPT_MARKS = frozenset("\u0653\u0654\u0655\u065f")


def _expand(char_class: str, without: frozenset[str] = frozenset()) -> frozenset[str]:
    """The characters of a character-class body such as "\u0600-\u0605\u06dd", less those
    `without` (taken out in place: HIDDEN has thousands, and each set copy costs start-up)."""
    body, chars = char_class, set[str]()
    i = 0
    while i < len(body):
        if i + 2 < len(body) and body[i + 1] == "-":
            chars.update(map(chr, range(ord(body[i]), ord(body[i + 2]) + 1)))
            i += 3
        else:
            chars.add(body[i])
            i += 1
    chars.difference_update(without)
    return frozenset(chars)


PREPENDED = _expand(PREPENDED_CONCATENATION_MARKS)
# Default-ignorable characters that take no cell: all but the explicit bidi controls (shown as
# markers, the Trojan Source defence) and the variation selectors and other marks (which stay
# inside their grapheme cluster).
HIDDEN = _expand(DEFAULT_IGNORABLE, without=EXPLICIT_BIDI | _expand(IGNORABLE_MARKS))


def is_harakah(char: str) -> bool:
    """An Arabic combining mark (harakat, shadda, sukun, Quranic marks, superscript alef)."""
    return "\u0610" <= char <= "\u08ff" and unicodedata.category(char) == "Mn"


class DisplayOptions(NamedTuple):
    """How text is drawn; none of these changes a logical offset."""

    harakat: bool = True  # show Arabic vowel marks (hamza and madda always show)
    shaping: bool = True  # contextual forms and lam-alef
    reorder: bool = True  # our bidi; False sends logical order for terminals that reorder
    direction: str = "auto"  # "auto", "rtl" or "ltr" paragraph direction
    tab_width: int = 4
    marks: bool = False  # draw every invisible character (LRM, ZWJ, SHY...) as a marker


class Cluster(NamedTuple):
    """One cell's worth of a word, in logical order; offsets relative to the word."""

    start: int
    end: int
    text: str  # drawn at an even level
    mirrored: str  # drawn at an odd level (rule L4)
    width: int  # 0 for a cluster of invisible characters only
    marker: bool  # a stand-in symbol (control, bidi mark), drawn dim


# --- the fast path --------------------------------------------------------------------------


def _class_of(chars: frozenset[str]) -> str:
    """A regular-expression character class body for `chars`, as ranges."""
    points = sorted(map(ord, chars))
    parts: list[str] = []
    first = last = points[0]
    for point in [*points[1:], -1]:
        if point == last + 1:
            last = point
            continue
        parts.append(re.escape(chr(first)) + ("-" + re.escape(chr(last)) if last > first else ""))
        first = last = point
    return "".join(parts)


_HARAKAT = frozenset(chr(c) for c in range(0x0610, 0x0900) if is_harakah(chr(c)))
_DROP_VOWELS = {ord(c): None for c in _HARAKAT if c not in KEPT_MARKS}
# The marks a fast-path word can hold (Arabic ones): a small class keeps `re` fast, and as
# ranges it compiles faster at start-up than letter by letter.
_MARK_CLASS = _class_of(_HARAKAT)
# Invisible characters common in real text that the fast path drops (they take no cell);
# their joining types still apply (ZWJ joins, ZWNJ breaks, the others are transparent).
_FAST_HIDDEN = frozenset(DROPPED)
_DROP_HIDDEN = dict.fromkeys(map(ord, _FAST_HIDDEN))
_MIRROR = str.maketrans(MIRRORED)
# Characters that are each one cell wide, need no sanitising and are no emoji: most words of
# news text are made of these (and marks on them).
_SIMPLE = frozenset(
    [chr(c) for c in range(0x21, 0x7F)]
    + [chr(c) for c in range(0xC0, 0x250) if unicodedata.category(chr(c)).startswith("L")]
    + [
        chr(c)
        for c in [*range(0x0610, 0x0700), *range(0x0750, 0x0780), *range(0x08A0, 0x0900)]
        if unicodedata.category(chr(c)) in ("Lo", "Lm", "Mn", "Nd", "Po", "Sc", "So", "Pd")
        and chr(c) not in PREPENDED
    ]
    + ["\u060c", "\u060d", "«", "»", "“", "”", "‘", "’", "—", "–", "…", "\xa0"]
)
_SIMPLE_OR_HIDDEN = _SIMPLE | _FAST_HIDDEN


_NOT_FAST = re.compile(f"[^ {_class_of(_SIMPLE)}]")
_MARK_FIRST = re.compile(f" [{_MARK_CLASS}]")  # in " " + joined words: a word starting with a mark
_ZERO_WIDTH = re.compile(f"[{_MARK_CLASS}{''.join(sorted(_FAST_HIDDEN))}]+")
_MARKS_BEFORE_BASE = re.compile(f"([{_MARK_CLASS}]+)(.)", re.DOTALL)
# Only the mirrored characters a fast-path word can hold: a class of ASCII brackets and
# guillemets compiles at once, where all 428 of them made a 64K-entry table at start-up.
_MIRRORABLE = re.compile(f"[{_class_of(_SIMPLE.intersection(MIRRORED))}]")
# The grapheme clusters of a word of simple characters: a character and the marks after it.
# The same as UAX #29's `\X` there, without importing `regex` to paint plain text.
_SIMPLE_CLUSTER = re.compile(f".[{_MARK_CLASS}]*", re.DOTALL)


def _simple(word: str) -> bool:
    """A word of simple characters (marks after a base only): the fast path's own."""
    return word[:1] not in _HARAKAT and _SIMPLE.issuperset(word)


def graphemes(word: str) -> Iterator[re.Match[str]]:
    """The word's extended grapheme clusters, as matches."""
    if _simple(word):
        return _SIMPLE_CLUSTER.finditer(word)
    return grapheme_pattern().finditer(word)  # type: ignore[return-value]


def _base_first(match: re.Match[str]) -> str:
    return match.group(2) + match.group(1)[::-1]


def _fast_shapes(words: list[str], options: DisplayOptions) -> list[WordShape]:
    """Shapes of fast-path words, all at once: a few `str` passes over the words joined by
    spaces (which never join, never shape and are no cluster's part)."""
    joined = " ".join(words)
    if options.shaping and options.reorder:
        text = shape_text(joined)
    else:
        text = joined.translate(_DROP_HIDDEN) if options.reorder else joined
    if not options.harakat:
        text = text.translate(_DROP_VOWELS)
    bare = _ZERO_WIDTH.sub("", text)
    # Reversed whole, the words come in reverse order, each with its clusters reversed but
    # a base still before its marks (L3).
    backwards = text[::-1]
    if len(bare) != len(text):
        backwards = _MARKS_BEFORE_BASE.sub(_base_first, backwards)
    if _MIRRORABLE.search(backwards) is not None:
        backwards = backwards.translate(_MIRROR)
    rtl = backwards.split(" ")
    rtl.reverse()
    rows = zip(
        text.split(" "),
        rtl,
        map(len, bare.split(" ")),
        words,
        bidi_classes(joined).split("W"),  # a space is the only W in these words
        repeat(options),
        repeat(()),
        repeat(None),
        strict=False,  # the last three repeat for ever
    )
    return list(map(tuple.__new__, repeat(WordShape), rows))


@cache
def _hidden_before_mark() -> re.Pattern[str]:
    """An invisible character right before a mark (compiled when first needed)."""
    return re.compile(f"[{''.join(_FAST_HIDDEN)}][{_MARK_CLASS}]")


def _fast_kind(word: str, options: DisplayOptions) -> int:
    """0: the general path; 1: the fast path; 2: the fast path, dropping invisibles."""
    if _simple(word):
        return 1
    if word[0] in _HARAKAT:
        return 0
    if options.marks or not _SIMPLE_OR_HIDDEN.issuperset(word):
        return 0
    return 0 if _hidden_before_mark().search(word) else 2


def _leads(word: str) -> tuple[tuple[int, int], ...]:
    """(invisible character, the visible one whose level it takes) for a fast-path word."""
    visible = [i for i, char in enumerate(word) if char not in _FAST_HIDDEN]
    if not visible:
        return ()
    leads = []
    lead = visible[0]
    for i, char in enumerate(word):
        if char in _FAST_HIDDEN:
            leads.append((i, lead))
        else:
            lead = i
    return tuple(leads)


def shape_words(words: list[str], options: DisplayOptions) -> list[WordShape]:
    """`shape_word` for many words at once (much faster than one by one)."""
    joined = " ".join(words)
    positions = [m.start() for m in _NOT_FAST.finditer(joined)]
    positions += [m.start() for m in _MARK_FIRST.finditer(" " + joined)]
    if not positions:
        return _fast_shapes(words, options)
    starts = list(accumulate(map((1).__add__, map(len, words)), initial=0))
    kinds = {
        i: _fast_kind(words[i], options) for i in {bisect_right(starts, p) - 1 for p in positions}
    }
    general = sorted(i for i, kind in kinds.items() if kind == 0)
    if general:
        skip = set(general)
        shapes = _fast_shapes([w for i, w in enumerate(words) if i not in skip], options)
        for i in general:
            shapes.insert(i, shape_word(words[i], options))
    else:
        shapes = _fast_shapes(words, options)
    for i, kind in kinds.items():
        if kind == 2:
            shapes[i] = shapes[i]._replace(leads=_leads(words[i]))
    return shapes


# --- the general path -----------------------------------------------------------------------


class _Piece:
    """A cluster being built: logical range, the joining letter's glyph, what follows it."""

    __slots__ = ("end", "glyph", "lead", "letter", "marker", "rest", "start", "width")

    def __init__(
        self, start: int, end: int, glyph: str, rest: str, width: int, marker: bool = False
    ) -> None:
        self.start, self.end, self.glyph, self.rest = start, end, glyph, rest
        self.width, self.marker = width, marker
        self.lead = start  # the first character drawn: the cluster is drawn at its level
        self.letter = -1  # index in the word of the joining letter this cluster draws


def _width(text: str) -> int:
    if "\ufe0f" in text or any("\U0001f1e6" <= char <= "\U0001f1ff" for char in text):
        return 2  # emoji presentation, or a flag (a pair of regional indicators)
    return min(2, max((get_character_cell_size(char) for char in text), default=0))


def _marks_shown(marks: str, options: DisplayOptions) -> str:
    """The marks of a cluster that are drawn: vowels if shown; invisible characters only
    when the terminal does the bidi and shaping (they are its instructions)."""
    return "".join(
        c
        for c in marks
        if (c not in HIDDEN or not options.reorder)
        and (options.harakat or c not in _HARAKAT or c in KEPT_MARKS)
    )


def _grapheme_pieces(word: str, options: DisplayOptions) -> list[_Piece]:
    """Clusters of any word: grapheme clusters (UAX #29), sanitised, invisibles of no width."""
    shaped = options.shaping and options.reorder
    codes = form_codes(word) if shaped else ""
    pieces: list[_Piece] = []
    for match in graphemes(word):
        start, end = match.span()
        while word[start] in PREPENDED and end - start > 1:  # ۝ before a number: its own cell
            pieces.append(_Piece(start, start + 1, word[start], "", 1))
            start += 1
        first = word[start]
        symbol = control_symbol(first)
        if symbol is None and first in EXPLICIT_BIDI:
            symbol = BIDI_MARKERS[first]
        if symbol is None and first in HIDDEN:
            if options.marks:
                symbol = BIDI_MARKERS.get(first, OTHER_INVISIBLE)
            else:
                # no cell; sent as is when the terminal does the bidi and shaping
                pieces.append(_Piece(start, start + 1, "" if options.reorder else first, "", 0))
                if end - start > 1:  # marks after an invisible character: a lone mark
                    pieces.extend(_lone_mark(start + 1, end, word, options))
                continue
        if (
            symbol is None
            and first not in PREPENDED
            and unicodedata.category(first) in ("Cf", "Zl", "Zp")
        ):
            symbol = invisible_symbol(first)
        if symbol is not None:
            pieces.append(_Piece(start, end, symbol, "", 1, True))
        elif unicodedata.category(first) in ("Mn", "Me"):
            pieces.extend(_lone_mark(start, end, word, options))
        elif codes and codes[start] != "-":
            piece = _Piece(start, end, glyph(first, codes[start]), "", 1)
            piece.letter = start
            rest = word[start + 1 : end]
            if options.marks and (ZWJ in rest or ZWNJ in rest):  # shown as markers of their own
                cut = min(i for i in (rest.find(ZWJ), rest.find(ZWNJ)) if i >= 0)
                piece.end = start + 1 + cut
                rest = rest[:cut]
                pieces.append(piece)
                for k in range(piece.end, end):
                    symbol = OTHER_INVISIBLE if word[k] in HIDDEN else word[k]
                    pieces.append(_Piece(k, k + 1, symbol, "", 1, word[k] in HIDDEN))
                piece.rest = _marks_shown(rest, options)
                continue
            piece.rest = _marks_shown(rest, options)
            pieces.append(piece)
        else:
            if first in _SIMPLE:  # a digit, bracket, Latin letter...: its marks as a letter's
                text = first + _marks_shown(word[start + 1 : end], options)
            else:  # emoji sequences keep their joiners
                text = word[start:end]
                if not options.harakat:
                    text = "".join(c for c in text if c not in _HARAKAT or c in KEPT_MARKS)
            pieces.append(_Piece(start, end, text, "", max(1, _width(text))))
    return pieces


def _lone_mark(start: int, end: int, word: str, options: DisplayOptions) -> list[_Piece]:
    """Marks with no base letter: drawn on a dotted circle, or nothing if all are hidden."""
    shown = _marks_shown(word[start:end], options)
    if HIDDEN.issuperset(shown):  # nothing to see (invisible characters may be passed on)
        return [_Piece(start, end, shown, "", 0)]
    return [_Piece(start, end, DOTTED_CIRCLE, shown, 1)]


def _merge_invisible(pieces: list[_Piece]) -> list[_Piece]:
    """Zero-width pieces join the cluster before them (or after, at the word's start)."""
    out: list[_Piece] = []
    pending, carried = -1, ""  # where the invisible characters at the start began; their text
    for piece in pieces:
        if piece.width == 0:
            if out:
                out[-1].end = piece.end
                out[-1].rest += piece.glyph + piece.rest
            else:
                pending = piece.start if pending < 0 else pending
                carried += piece.glyph + piece.rest
            continue
        if pending >= 0:
            piece.start, piece.glyph, pending, carried = pending, carried + piece.glyph, -1, ""
        out.append(piece)
    if pending >= 0:  # nothing but invisible characters
        out.append(_Piece(pending, pieces[-1].end, carried, "", 0))
    return out


def _clusters(
    word: str, options: DisplayOptions, split_at: frozenset[int]
) -> tuple[list[Cluster], tuple[tuple[int, int], ...]]:
    """The word's clusters, and (position, lead) for each invisible character inside a drawn
    cluster: the layout gives it the level of the character its cluster draws."""
    pieces = _merge_invisible(_grapheme_pieces(word, options))
    leads = tuple(
        (k, piece.lead)
        for piece in pieces
        if piece.width
        for k in range(piece.start, piece.end)
        if k < piece.lead or word[k] in HIDDEN
    )
    clusters: list[Cluster] = []
    i, n = 0, len(pieces)
    while i < n:
        piece = pieces[i]
        if piece.letter >= 0 and word[piece.letter] == LAM and i + 1 < n:
            alef = pieces[i + 1]
            forms = LAM_ALEF.get(word[alef.letter]) if alef.letter >= 0 else None
            if (
                forms is not None
                and alef.glyph == forms[0]
                and piece.glyph in LAM_FORMS
                and not any(piece.letter < edge <= alef.letter for edge in split_at)
            ):
                glyph = forms[1] if piece.glyph == "\ufedf" else forms[2]
                text = glyph + piece.rest + alef.rest
                clusters.append(Cluster(piece.start, alef.end, text, text, 1, False))
                i += 2
                continue
        text = piece.glyph + piece.rest
        mirrored = text if piece.marker or not text else MIRRORED.get(text[0], text[0]) + text[1:]
        clusters.append(Cluster(piece.start, piece.end, text, mirrored, piece.width, piece.marker))
        i += 1
    return clusters, leads


# --- words ------------------------------------------------------------------------------------


class WordShape(NamedTuple):
    """A shaped word: its drawn text both ways and its width in cells; its clusters in
    logical order are built on first use for words that took the fast path."""

    ltr_text: str  # the clusters' texts, left to right, at an even level
    rtl_text: str  # the clusters' mirrored texts in reverse order, at an odd level
    width: int
    word: str
    classes: str  # the word's bidi classes (reader.text.bidi.classes), for its paragraph
    options: DisplayOptions
    leads: tuple[tuple[int, int], ...] = ()  # (invisible character, whose level it takes)
    built: tuple[Cluster, ...] | None = None  # the clusters, when the general path made them

    @property
    def clusters(self) -> tuple[Cluster, ...]:
        return self.built if self.built is not None else _lazy_clusters(self.word, self.options)


@lru_cache(maxsize=65_536)
def _lazy_clusters(word: str, options: DisplayOptions) -> tuple[Cluster, ...]:
    return tuple(_clusters(word, options, frozenset())[0])


def shape_word(
    word: str, options: DisplayOptions, split_at: frozenset[int] = frozenset()
) -> WordShape:
    """Cut `word` into display clusters, shaped unless options say otherwise. A lam-alef with
    an offset of `split_at` (relative to the word) between lam and alef is drawn as two."""
    if not split_at and _fast_kind(word, options):
        return shape_words([word], options)[0]
    built, leads = _clusters(word, options, split_at)
    clusters = tuple(built)
    return WordShape(
        "".join(c.text for c in clusters),
        "".join(c.mirrored for c in reversed(clusters)),
        sum(c.width for c in clusters),
        word,
        bidi_classes(word),
        options,
        leads,
        clusters,
    )


class ShapeCache:
    """Shaped words for one set of display options (words repeat a lot in any article)."""

    def __init__(self, options: DisplayOptions, limit: int = 200_000) -> None:
        self.options = options
        self._limit = limit
        self._shapes: dict[str, WordShape] = {}

    def many(self, words: list[str]) -> list[WordShape]:
        """The shapes of `words`, in order; the new ones shaped together."""
        shapes = self._shapes
        try:
            return list(map(shapes.__getitem__, words))  # all seen before: the common case
        except KeyError:
            self.prepare(words)
        return list(map(shapes.__getitem__, words))

    def prepare(self, words: list[str]) -> None:
        """Shape the words not seen yet, all together (much faster than one by one)."""
        shapes = self._shapes
        if len(shapes) >= self._limit:
            shapes.clear()
        missing = list(set(words).difference(shapes))
        if missing:
            shapes.update(zip(missing, shape_words(missing, self.options), strict=True))

    def __call__(self, word: str) -> WordShape:
        shape = self._shapes.get(word)
        if shape is None:
            if len(self._shapes) >= self._limit:
                self._shapes.clear()
            shape = self._shapes[word] = shape_word(word, self.options)
        return shape
