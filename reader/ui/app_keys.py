"""The app's own key bindings (ids, keys, descriptions), apart from what the keys do.

`ReaderApp` declares these on its class; the modules behind them (`reader.ui.annotating`,
`linking`, `suggesting`, `adjudicating`) are imported when first used, after the first
paint, so declaring a key never costs their import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding, BindingType

if TYPE_CHECKING:
    from reader.config import Config

#: The suggestion keys' actions (refused in the bars that take typed keys, like the edits).
SUGGESTING_EDITS = {
    "next_suggestion",
    "accept_suggestion",
    "reject_suggestion",
    "accept_all",
    "tag_all",
}

#: Actions that change annotations or the document: never while the search field, the link
#: bar or the note editor has the keyboard (Delete or ctrl+d there must not delete a span or
#: close the document; `ReaderApp.check_action`).
EDITS = {
    "tag",
    "delete_span",
    "move_edge",
    "undo",
    "redo",
    "mark",
    "toggle_spans",
    "link_span",
    "unlink_span",
    "follow_link",
    "edit_note",
    "next_conflict",
    "take_version",
} | SUGGESTING_EDITS

#: Tagging, deleting, moving edges, undo and redo, marking a document.
ANNOTATING_KEYS: list[BindingType] = [
    Binding("ctrl+z", "undo", "Undo the last change to annotations (any document)", id="undo"),
    Binding("ctrl+y", "redo", "Redo the last change undone", id="redo"),
    Binding(
        "x,delete",
        "delete_span",
        "Delete the focused span (or the only one under the caret)",
        show=False,
        id="delete-span",
    ),
    Binding(
        "left_square_bracket",
        "move_edge('start', -1)",
        "Start edge one letter earlier (grow)",
        show=False,
        id="grow-start",
    ),
    Binding(
        "right_square_bracket",
        "move_edge('start', 1)",
        "Start edge one letter later (leave a clitic out)",
        show=False,
        id="shrink-start",
    ),
    Binding(
        "left_curly_bracket",
        "move_edge('end', -1)",
        "End edge one letter earlier (shrink)",
        show=False,
        id="shrink-end",
    ),
    Binding(
        "right_curly_bracket",
        "move_edge('end', 1)",
        "End edge one letter later (grow)",
        show=False,
        id="grow-end",
    ),
    Binding(
        "ctrl+d",
        "mark('done')",
        "Mark the document done and open the next to do",
        show=False,
        id="mark-done",
    ),
    Binding(
        "ctrl+k",
        "mark('skipped')",
        "Skip the document and open the next to do",
        show=False,
        id="mark-skipped",
    ),
    Binding("f3", "toggle_spans", "Show or hide the spans list", show=False, id="toggle-spans"),
]

#: The app's link and note keys (actions in ReaderApp, one line each, calling `Linker`).
LINKING_KEYS: list[BindingType] = [
    Binding(
        "r",
        "link_span",
        "Link the focused claim to its actor (offered nearest first)",
        show=False,
        id="link-span",
    ),
    Binding(
        "f",
        "follow_link",
        "Jump along the focused span's link (claim ↔ actor)",
        show=False,
        id="follow-link",
    ),
    Binding(
        "R",
        "unlink_span",
        "Delete the focused span's link (choose which if several)",
        show=False,
        id="unlink-span",
    ),
    Binding(
        "e",
        "edit_note",
        "Write the note on the focused span, or on the document",
        show=False,
        id="edit-note",
    ),
]

#: Going through suggestions, accepting and rejecting them.
SUGGESTING_KEYS: list[BindingType] = [
    Binding("g", "next_suggestion", "Go to the next suggestion", show=False, id="next-suggestion"),
    Binding(
        "enter",
        "accept_suggestion",
        "Accept the suggestion under the caret (makes it a span)",
        show=False,
        id="accept-suggestion",
    ),
    Binding(
        "X",
        "reject_suggestion",
        "Reject the suggestion under the caret (never proposed again)",
        show=False,
        id="reject-suggestion",
    ),
    Binding(
        "A",
        "accept_all",
        "Accept every suggestion of that one's label in the document",
        show=False,
        id="accept-all",
    ),
    Binding(
        "t",
        "tag_all",
        "Tag every other occurrence of the span's text here (again: suggest it everywhere)",
        show=False,
        id="tag-all",
    ),
]

#: Going through a gold store's conflicts and taking versions.
ADJUDICATING_KEYS: list[BindingType] = [
    Binding(
        "v",
        "next_conflict",
        "Go to the next conflict to adjudicate",
        show=False,
        id="next-conflict",
    ),
    *(
        Binding(
            str(n),
            f"take_version({n})",
            f"Take version {n} of the conflict (its number in the panel)",
            show=False,
            id=f"take-version-{n}",
        )
        for n in range(1, 10)
    ),
    Binding(
        "b",
        "take_version('all')",
        "Take every version of the conflict",
        show=False,
        id="take-all-versions",
    ),
    Binding(
        "0",
        "take_version('none')",
        "Take no version: nothing there",
        show=False,
        id="take-no-version",
    ),
]


def label_bindings(config: Config) -> list[Binding]:
    """One binding per label: tag-actor = "a", ... (relabels the focused span too)."""
    return [
        Binding(
            label.key,
            f"tag('{label.name}')",
            f"Tag the selection or word as {label.name} (relabels a focused span)",
            show=False,
            id=f"tag-{label.name}",
        )
        for label in config.labels
    ]
