"""Links from the keyboard (keys bound in `reader.ui.app_keys`): the chooser bar, and what each
key does on screen.

With a claim focused (Tab), `link-span` offers the actors it can be linked to, nearest first
(same sentence, then paragraph, then document: `reader.editing.linking`). The chooser is a
one-row bar that takes the keyboard: arrows or Tab move among the candidates, each shown in
the article (the caret goes to it, it is focused and scrolled to, the claim is marked as its
partner), Enter links, Esc goes back to the claim. `unlink-span` uses the same bar when the
span has several links, to choose which one goes. `follow-link` jumps to the focused span's
partner. The rules and the changes are `Annotating`'s; every change goes through `History`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.widget import Widget

from reader.editing.annotating import Record, Refused, Relation, Shown
from reader.editing.linking import NEARNESS, arrow
from reader.text.one_line import one_line
from reader.text.sanitise import sanitise
from reader.text.shaping import DisplayOptions, ShapeCache

if TYPE_CHECKING:
    from reader.ui.app import ReaderApp


@dataclass(frozen=True)
class Choice:
    """One thing the bar offers: a span to show, a description, and the span's own text."""

    span: Record
    what: str  # "claim ← actor · sentence"
    key: str  # what choosing it acts on: the link's type, or the id of the link to delete


class LinkBar(Widget, can_focus=True):
    """Choose one of a few spans: arrows or Tab move, Enter chooses, Esc cancels."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"link-bar--prompt", "link-bar--count"}

    DEFAULT_CSS = """
    LinkBar { split: bottom; height: 1; background: $panel; }
    LinkBar > .link-bar--prompt { text-style: bold reverse; color: $accent; }
    LinkBar > .link-bar--count { text-style: bold; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,tab", "move(1)", "Next candidate (farther)", show=False, id="link-next"),
        Binding(
            "up,shift+tab",
            "move(-1)",
            "Previous candidate (nearer)",
            show=False,
            id="link-previous",
        ),
        Binding("enter", "choose", "Link (or unlink) this one", show=False, id="link-choose"),
        Binding("escape", "cancel", "Cancel, back to the span", show=False, id="link-cancel"),
    ]

    def __init__(self, options: DisplayOptions, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.options = options
        self._shapes = ShapeCache(options)
        self.prompt = ""
        self.choices: list[Choice] = []
        self.current = 0
        self._moved: Callable[[Choice], None] = lambda choice: None
        self._chosen: Callable[[Choice], None] = lambda choice: None
        self._cancelled: Callable[[], None] = lambda: None
        self.display = False

    def open(
        self,
        prompt: str,
        choices: list[Choice],
        moved: Callable[[Choice], None],
        chosen: Callable[[Choice], None],
        cancelled: Callable[[], None],
    ) -> None:
        """Offer `choices` (the first is shown at once) and take the keyboard."""
        self.prompt, self.choices, self.current = prompt, choices, 0
        self._moved, self._chosen, self._cancelled = moved, chosen, cancelled
        self.display = True
        self.screen.set_focus(self)
        self.refresh()
        moved(choices[0])

    def close(self) -> None:
        self.display = False
        self.choices = []

    def on_blur(self) -> None:
        """Focus went elsewhere (a click in the article): the choice is dropped."""
        self.close()

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """Letters do nothing while choosing (a label key must not tag behind the bar)."""
        return self.display and character is not None and character.isprintable()

    def on_key(self, event: events.Key) -> None:
        if self.display and event.is_printable:
            event.stop()
            event.prevent_default()

    def action_move(self, step: int) -> None:
        if self.choices:
            self.current = (self.current + step) % len(self.choices)
            self.refresh()
            self._moved(self.choices[self.current])

    def action_choose(self) -> None:
        if self.choices:
            choice = self.choices[self.current]
            self.close()
            self._chosen(choice)

    def action_cancel(self) -> None:
        self.close()
        self._cancelled()

    def render(self) -> Text:
        width = self.size.width
        line = Text(no_wrap=True, overflow="crop", end="")
        line.append(f" {sanitise(self.prompt)} ", self.get_component_rich_style("link-bar--prompt"))
        if not self.choices:
            return line
        choice = self.choices[self.current]
        line.append(
            f"{self.current + 1}/{len(self.choices)} {sanitise(choice.what)} ",
            self.get_component_rich_style("link-bar--count"),
        )
        room = width - line.cell_len - 1
        if room > 4:
            shown = one_line(choice.span["text"], room, self.options, self._shapes)
            line.append(" " * max(0, room - shown.width))
            line.append(shown.text)
        line.truncate(width, pad=True)
        return line


def describe(relation: Relation, spans: Callable[[str], Record | None], here: str) -> str:
    """ "claim ← actor: <the other span's text>", seen from span `here`."""
    source, target = spans(relation["from"]), spans(relation["to"])
    if source is None or target is None:
        return ""
    other = target if relation["from"] == here else source
    return f"{source['label']}{arrow(relation)}{target['label']}: {other['text']}"


class Linker:
    """What the link and note keys do on screen, for one app."""

    def __init__(self, app: ReaderApp) -> None:
        self.app = app
        self._came_from: str | None = None  # the span `follow-link` last jumped from
        self._source: str | None = None  # the span whose link the bar offers

    @property
    def bar(self) -> LinkBar:
        return self.app.link_bar

    def _show(self, span: Record) -> None:
        """Put the caret on a span and focus it (scrolled to)."""
        view = self.app.view
        view.move_caret(span["start"])
        view.focus_span(span["id"])

    # -- link --------------------------------------------------------------------------------------

    def link(self) -> Shown | None:
        """Offer the candidates for the focused span; Enter links the one shown."""
        app = self.app
        rules = app.annotator.rules
        rules.writable_document()
        source, found = rules.link_candidates(
            app.config.relations, app.view.focused_span, app.view.caret
        )
        choices = [
            Choice(
                c.span,
                f"{source['label']}{arrow({'type': c.type})}{c.span['label']} · {NEARNESS[c.nearness]}",
                c.type,
            )
            for c in found
        ]
        self._choose(
            "link",
            source,
            choices,
            lambda choice: rules.link(source["id"], choice.span["id"], choice.key),
        )
        return None

    @property
    def choosing(self) -> str | None:
        """The span whose link is being chosen (marked in the article meanwhile), or None."""
        return self._source if self.bar.display else None

    def _choose(
        self,
        prompt: str,
        here: Record,
        choices: list[Choice],
        act: Callable[[Choice], Shown | None],
    ) -> None:
        """Offer `choices` in the bar, each shown in the article; Enter acts on the one shown,
        Esc goes back to `here`."""
        self._source = here["id"]

        def chosen(choice: Choice) -> None:
            self._back(here)
            self.app.annotator.run(act, choice)

        self.bar.open(
            prompt,
            choices,
            moved=lambda choice: self._show(choice.span),
            chosen=chosen,
            cancelled=lambda: self._back(here),
        )

    def _back(self, span: Record) -> None:
        self.app.view.focus()
        if span["id"] in self.app.annotator.spans:
            self._show(span)

    # -- unlink ------------------------------------------------------------------------------------

    def unlink(self) -> Shown | None:
        """Delete the focused span's link; with several, choose which in the bar."""
        app = self.app
        rules = app.annotator.rules
        view = app.view
        links = rules.links_to_remove(view.focused_span, view.caret)
        here = rules.target_span(view.focused_span, view.caret, "unlink")
        if len(links) == 1:
            return rules.unlink(links[0]["id"])
        choices = [
            Choice(other, f"{here['label']} — {other['label']}", relation["id"])
            for relation in links
            if (
                other := rules.spans.get(
                    relation["to" if relation["from"] == here["id"] else "from"]
                )
            )
        ]
        self._choose("unlink", here, choices, lambda choice: rules.unlink(choice.key))
        return None

    # -- follow ------------------------------------------------------------------------------------

    def follow(self) -> Shown | None:
        """Jump to the focused span's partner (one not just come from, if it has several)."""
        rules = self.app.annotator.rules
        view = self.app.view
        here = rules.target_span(view.focused_span, view.caret, "follow a link from")
        partners = [p for p in rules.relations.partners(here["id"]) if p in rules.spans]
        if not partners:
            raise Refused(f"This {here['label']} has no link: link it with r", timeout=2)
        target = next((p for p in partners if p != self._came_from), partners[0])
        self._came_from = here["id"]
        span = rules.spans.get(target)
        assert span is not None
        self._show(span)
        return None

    # -- notes -------------------------------------------------------------------------------------

    def edit_note(self) -> Shown | None:
        """Open the note editor on the focused span's note, or the document's."""
        app = self.app
        rules = app.annotator.rules
        rules.writable_document()
        span = rules.note_target(app.view.focused_span)
        what = "the document" if span is None else f"this {span['label']}"
        note = rules.note if span is None else str(span.get("note", ""))
        span_id = None if span is None else span["id"]
        app.note_editor.open(
            f"note on {what}",
            note,
            saved=lambda text: app.annotator.run(rules.set_note, text, span_id),
        )
        return None


def detail(
    span_of: Callable[[str], Record | None], links: list[Relation], here: Record | None, note: str
) -> str:
    """The status bar's detail: the focused span's links and note, or the document's note."""
    if here is None:
        return f"✎ {note}" if note else ""
    parts = [describe(relation, span_of, here["id"]) for relation in links[:1]]
    if len(links) > 1:
        parts.append(f"+{len(links) - 1}")
    if here.get("note"):
        parts.append(f"✎ {here['note']}")
    return "  ".join(part for part in parts if part)
