"""How spans look: a style per label, and the styles of one screen row's cells under its spans.

Entities (actor, place, date) get a background in their label's colour; labels marked
`underline` (claims) are underlined and put a mark in the gutter, so a claim and the actor
and place inside it are all visible at once. Where entities nest, the innermost wins the
cell, drawn in a stronger shade, so its edges stay visible inside the outer one. The focused
span is drawn reversed and bold. The spans linked to the focused one (its actor, or the
claims an actor made) are drawn reversed, underlined and italic, not bold; inside the
focused span they are its one part not reversed. A row holding a span with a note has a
note mark in the gutter.

With 256 colours a soft shade would round to the same grey for every label, so there the
background is the label's own colour (the defaults are in the 256-colour palette) under dark
text, and a nested span is bold as well.

Without colour the labels must still be told apart, so each entity label also has a cue
made of text attributes (bold, italic, both, dim...), used in 16-colour terminals (with
distinct ANSI backgrounds) and alone under NO_COLOR; the legend shows the same cues. Under
NO_COLOR a span nested inside another also has a line above it (overline), so an actor
inside an actor still shows where it begins and ends.

Styles are given per cell of a laid-out line, from the cells' logical ranges: a highlight
never changes what a cell draws, so shaping (decided before) can never be broken by it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from rich.style import Style
from rich.text import Text
from textual.color import Color

from reader.config import Label
from reader.text.layout import Cell

COLOR, C256, ANSI, MONO = (
    "color",
    "256",
    "ansi",
    "mono",
)  # truecolor, 256 colours, 16 colours, NO_COLOR

#: Text attributes that tell entity labels apart without colour, in label order.
CUES: tuple[Style, ...] = (
    Style(bold=True),
    Style(italic=True),
    Style(bold=True, italic=True),
    Style(dim=True),
    Style(dim=True, italic=True),
    Style(strike=True),
)

#: The 16-colour backgrounds entity labels choose from (each takes the nearest one left).
ANSI_COLOURS: tuple[str, ...] = ("yellow", "cyan", "green", "magenta", "blue", "red")
_ANSI_RGB = {
    "red": (205, 49, 49),
    "green": (13, 188, 121),
    "yellow": (229, 229, 16),
    "blue": (36, 114, 200),
    "magenta": (188, 63, 188),
    "cyan": (17, 168, 205),
}

SHADE, NESTED_SHADE = 0.40, 0.65  # how much of the label colour over the background
GUTTER_MARK, FOCUSED_MARK, NOTE_MARK = "┃", "◀", "✎"
FOCUS = Style(reverse=True, bold=True)
LINKED = Style(reverse=True, underline=True, italic=True, bold=False)  # the focused span's partner
LINKED_IN_FOCUS = Style(reverse=False, underline=True, italic=True, bold=False)
UNDERLINE = Style(underline=True)
NESTED_CUE = Style(overline=True)  # without colour: a span nested in another has a line above
SUGGESTED_CUE = Style(dim=True, underline=True)  # a suggestion, without colour
UNKNOWN_COLOUR = "#a0a0a0"  # a label in the store that the config does not list


class Look(NamedTuple):
    """How one label is drawn: on its own, nested in another entity, its mark, its cue."""

    name: str
    key: str
    underline: bool
    own: Style  # the cells of a span of this label
    nested: Style  # the same inside another entity span
    mark: Style  # gutter mark and legend colour
    cue: Style  # the attributes that tell the label without colour


def colour_mode(no_color: bool, color_system: str | None) -> str:
    """MONO under NO_COLOR (or no colours at all), ANSI with 16 colours, C256 with 256, else COLOR."""
    if no_color or color_system is None:
        return MONO
    if color_system in ("standard", "windows"):
        return ANSI
    return C256 if color_system == "256" else COLOR


def _nearest_ansi(colour: str, taken: set[str]) -> str:
    parsed = Color.parse(colour)
    free = [name for name in ANSI_COLOURS if name not in taken] or list(ANSI_COLOURS)
    return min(
        free,
        key=lambda name: sum(
            (a - b) ** 2 for a, b in zip(parsed.rgb, _ANSI_RGB[name], strict=False)
        ),
    )


class SpanLooks:
    """The looks of every label in one colour mode, over one background colour."""

    def __init__(
        self, labels: Sequence[Label], mode: str = COLOR, background: str | Color = "#1e1e1e"
    ) -> None:
        self.mode = mode
        self.background = background if isinstance(background, Color) else Color.parse(background)
        self.labels = list(labels)
        self.linked: frozenset[str] = frozenset()  # ids of the spans linked to the focused one
        self.looks: dict[str, Look] = {}
        taken: set[str] = set()
        entity = 0
        for label in self.labels:
            cue = Style() if label.underline else CUES[entity % len(CUES)]
            if not label.underline:
                entity += 1
            self.looks[label.name] = self._look(label, cue, taken)

    def _look(self, label: Label, cue: Style, taken: set[str]) -> Look:
        mode = self.mode
        if mode == MONO:
            mark = Style(bold=True)
            own = UNDERLINE if label.underline else cue
            nested = UNDERLINE if label.underline else cue + NESTED_CUE
        elif mode == ANSI:
            ansi = _nearest_ansi(label.colour, taken)
            taken.add(ansi)
            mark = Style(color=ansi, bold=True)
            own = UNDERLINE if label.underline else Style(color="black", bgcolor=ansi) + cue
            nested = (
                UNDERLINE
                if label.underline
                else Style(color="black", bgcolor=f"bright_{ansi}") + cue
            )
        elif mode == C256:
            colour = Color.parse(label.colour)
            mark = Style(color=colour.rich_color, bold=True)
            own = (
                UNDERLINE if label.underline else Style(color="#000000", bgcolor=colour.rich_color)
            )
            nested = UNDERLINE if label.underline else own + Style(bold=True)
        else:
            colour = Color.parse(label.colour)
            mark = Style(color=colour.rich_color, bold=True)
            own = (
                UNDERLINE
                if label.underline
                else Style(bgcolor=self.background.blend(colour, SHADE).rich_color)
            )
            nested = (
                UNDERLINE
                if label.underline
                else Style(bgcolor=self.background.blend(colour, NESTED_SHADE).rich_color)
            )
        return Look(label.name, label.key, label.underline, own, nested, mark, cue)

    def look(self, name: str) -> Look:
        """The look of a label; one not in the config gets a grey one (made once)."""
        look = self.looks.get(name)
        if look is None:
            taken = {
                str(look.mark.color.name)
                for look in self.looks.values()
                if look.mark.color is not None
            }
            entities = sum(not look.underline for look in self.looks.values())
            look = self.looks[name] = self._look(
                Label(name, "", UNKNOWN_COLOUR), CUES[entities % len(CUES)], taken
            )
        return look

    # -- one row ---------------------------------------------------------------------------------

    def cell_styles(
        self, cells: Sequence[Cell], spans: Sequence[Mapping[str, Any]], focused: str | None = None
    ) -> list[Style | None]:
        """The span style of each cell (None where no span is), for the spans touching the row."""
        if not spans:
            return [None] * len(cells)
        looks = [self.look(span["label"]) for span in spans]
        entities = [
            (s["start"], s["end"], look)
            for s, look in zip(spans, looks, strict=False)
            if not look.underline
        ]
        underlined = [
            (s["start"], s["end"], look)
            for s, look in zip(spans, looks, strict=False)
            if look.underline
        ]
        focus = next(((s["start"], s["end"]) for s in spans if s["id"] == focused), None)
        linked = [(s["start"], s["end"]) for s in spans if s["id"] in self.linked]
        out: list[Style | None] = []
        for cell in cells:
            lo, hi = cell.start, cell.end
            style: Style | None = None
            inner: tuple[int, int, Look] | None = None
            depth = 0
            for entity in entities:
                if entity[0] < hi and lo < entity[1]:
                    depth += 1
                    if inner is None or (entity[1] - entity[0], -entity[0]) < (
                        inner[1] - inner[0],
                        -inner[0],
                    ):
                        inner = entity
            if inner is not None:
                style = inner[2].nested if depth > 1 else inner[2].own
            for start, end, look in underlined:
                if start < hi and lo < end:
                    style = look.own if style is None else style + look.own
                    break
            in_focus = focus is not None and focus[0] < hi and lo < focus[1]
            if in_focus:
                style = FOCUS if style is None else style + FOCUS
            partner = next((r for r in linked if r[0] < hi and lo < r[1]), None)
            if partner is not None:
                if not in_focus:
                    style = LINKED if style is None else style + LINKED
                elif focus is not None and partner[1] - partner[0] < focus[1] - focus[0]:
                    style = LINKED_IN_FOCUS if style is None else style + LINKED_IN_FOCUS
            out.append(style)
        return out

    def gutter(
        self, spans: Iterable[Mapping[str, Any]], focused: str | None = None
    ) -> tuple[str, Style] | None:
        """The gutter mark of a row, from the underlined spans touching it (a claim's rows),
        or a note mark where a span with a note does (the focused claim's mark wins)."""
        found: tuple[str, Style] | None = None
        noted: tuple[str, Style] | None = None
        for span in spans:
            look = self.look(span["label"])
            if look.underline and span["id"] == focused:
                return FOCUSED_MARK, look.mark
            if span.get("note"):
                noted = noted or (NOTE_MARK, look.mark)
            if look.underline:
                found = found or (GUTTER_MARK, look.mark)
        return noted or found

    # -- the legend --------------------------------------------------------------------------------

    def swatch(self, name: str) -> Style:
        """How a label's name is drawn in the legend: as its spans are."""
        look = self.look(name)
        if look.underline:
            return look.mark + UNDERLINE if self.mode != MONO else UNDERLINE
        return look.own

    def legend(self, counts: Mapping[str, int]) -> Text:
        """ "a actor 3  p place 1 ..." with each name drawn as its spans are; labels from the store
        that the config does not know come last."""
        text = Text(no_wrap=True, overflow="crop", end="")
        names = [label.name for label in self.labels] + sorted(
            set(counts) - {label.name for label in self.labels}
        )
        for i, name in enumerate(names):
            if i:
                text.append(" ")
            key = self.look(name).key
            if key:
                text.append(f"{key} ", Style(dim=True))
            text.append(name, self.swatch(name))
            text.append(f" {counts.get(name, 0)}")
        return text

    # -- suggestions -------------------------------------------------------------------------------

    def suggestion(self, name: str, focused: bool = False) -> Style:
        """A suggestion of a label: its colour, underlined, no background (dim and underlined
        without colour), so it never looks like an annotation; the focused one reversed."""
        if self.mode == MONO:
            style = SUGGESTED_CUE
        else:
            style = Style(color=self.look(name).mark.color, underline=True)
        return style + FOCUS if focused else style
