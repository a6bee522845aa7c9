"""The progress numbers drawn as bars: a Rich renderable for the app and for a terminal.

Names from data (labels, annotators) are laid out by the text engine on one line, so an Arabic
label reads right (shaped, in visual order, controls made visible) and never goes through
markup. Two columns of sections when there is room, one under the other when not.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date, timedelta

from rich.bar import Bar
from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.table import Table
from rich.text import Text

from reader.progress.summary import Progress
from reader.store.status import Status
from reader.text.one_line import one_line
from reader.text.shaping import DisplayOptions

STATUS_NAMES = {status.value: status.display for status in Status}
STATUS_COLOURS = {
    "todo": "bright_black",
    "in_progress": "yellow",
    "done": "green",
    "skipped": "magenta",
    "reviewed": "bright_green",
}
DAY_COLOUR, ANNOTATOR_COLOUR, LABEL_COLOUR = "cyan", "bright_blue", "white"
TWO_COLUMNS = 70  # narrower than this, the sections go one under the other
NAME_WIDTH = 12


class ProgressReport:
    """Everything in a `Progress` as bars: labels, statuses, spans per day, annotators.

    `colours` maps label names to Rich colours (the config's); `days` is how many days up to
    the last one with a span are drawn (days without spans included, as zero)."""

    def __init__(
        self,
        progress: Progress,
        colours: Mapping[str, str] | None = None,
        options: DisplayOptions | None = None,
        days: int = 14,
    ) -> None:
        self.progress = progress
        self.colours = dict(colours or {})
        self.options = options or DisplayOptions()
        self.days = days

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        sections = [
            self._section("spans per label", self._labels(), width),
            self._section("documents by status", self._statuses(), width),
            self._section(self._days_title(), self._day_rows(), width),
            self._section("spans per annotator", self._annotators(), width),
        ]
        yield self._headline()
        if width >= TWO_COLUMNS:
            grid = Table.grid(expand=True, padding=(0, 2))
            grid.add_column(ratio=1)
            grid.add_column(ratio=1)
            grid.add_row(sections[0], sections[1])
            grid.add_row("", "")
            grid.add_row(sections[2], sections[3])
            yield grid
        else:
            yield Group(*(Group(section, "") for section in sections))

    def _headline(self) -> Text:
        p = self.progress
        percent = f" ({round(100 * p.done / p.documents)}%)" if p.documents else ""
        parts = [
            f"{p.done}/{p.documents} documents done{percent}",
            f"{p.spans:,} spans",
            f"{len(p.annotators)} annotator{'s' if len(p.annotators) != 1 else ''}",
        ]
        if p.undated:
            parts.append(f"{p.undated:,} undated")
        return Text(" · ".join(parts), style="bold", end="\n\n")

    def _labels(self) -> Iterator[tuple[Text, int, str]]:
        for label, count in self.progress.labels.items():
            yield self._name(label), count, self.colours.get(label, LABEL_COLOUR)

    def _statuses(self) -> Iterator[tuple[Text, int, str]]:
        for status, count in self.progress.statuses.items():
            yield Text(STATUS_NAMES.get(status, status)), count, STATUS_COLOURS.get(status, "white")

    def _window(self) -> list[str]:
        """The days drawn: `days` of them, ending on the last day with a span."""
        if not self.progress.days:
            return []
        last = date.fromisoformat(max(self.progress.days))
        return [(last - timedelta(days=n)).isoformat() for n in range(self.days - 1, -1, -1)]

    def _days_title(self) -> str:
        window = self._window()
        return f"spans per day (to {window[-1]})" if window else "spans per day"

    def _day_rows(self) -> Iterator[tuple[Text, int, str]]:
        for day in self._window():
            yield Text(day[5:]), self.progress.days.get(day, 0), DAY_COLOUR

    def _annotators(self) -> Iterator[tuple[Text, int, str]]:
        for name, count in self.progress.annotators.items():
            yield self._name(name), count, ANNOTATOR_COLOUR

    def _name(self, name: str) -> Text:
        shown = one_line(name, NAME_WIDTH, self.options)
        return Text(shown.text, justify="right" if shown.rtl else "left", no_wrap=True)

    def _section(self, title: str, rows: Iterable[tuple[Text, int, str]], width: int) -> Table:
        table = Table.grid(padding=(0, 1))
        table.title = Text(title, style="bold underline", justify="left")
        table.title_justify = "left"
        table.add_column(width=NAME_WIDTH, no_wrap=True)
        table.add_column(justify="right", no_wrap=True)
        table.add_column(no_wrap=True)
        shown = list(rows)
        if not shown:
            table.add_row(Text("nothing yet", style="dim"), "", "")
            return table
        biggest = max(count for _, count, _ in shown) or 1
        column = width // 2 - 2 if width >= TWO_COLUMNS else width
        bar_width = max(4, column - NAME_WIDTH - len(f"{biggest:,}") - 2)
        for name, count, colour in shown:
            table.add_row(name, f"{count:,}", Bar(biggest, 0, count, width=bar_width, color=colour))
        return table
