"""The article view's keys: caret motion, selection, span focus, copy.

Each binding has an id, so a keymap can move it; every one is listed by `?`. Shift plus a
motion extends the selection; Tab cycles the spans under the caret.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

ARTICLE_KEYS: list[BindingType] = [
    Binding(keys, action, description, show=False, id=binding_id)
    for keys, action, description, binding_id in (
        ("left", "cursor_left", "Caret one cell left (on screen)", "cursor-left"),
        ("right", "cursor_right", "Caret one cell right (on screen)", "cursor-right"),
        ("up", "cursor_up", "Caret one row up, same column", "cursor-up"),
        ("down", "cursor_down", "Caret one row down, same column", "cursor-down"),
        ("ctrl+left", "word_left", "Caret to a word start on the left", "cursor-word-left"),
        ("ctrl+right", "word_right", "Caret to a word start on the right", "cursor-word-right"),
        ("home", "line_start", "Caret to the logical start of the line", "cursor-line-start"),
        ("end", "line_end", "Caret to the logical end of the line", "cursor-line-end"),
        ("pageup", "page_up", "Caret one page up", "cursor-page-up"),
        ("pagedown", "page_down", "Caret one page down", "cursor-page-down"),
        (
            "ctrl+home",
            "document_start",
            "Caret to the start of the document",
            "cursor-document-start",
        ),
        ("ctrl+end", "document_end", "Caret to the end of the document", "cursor-document-end"),
        ("shift+left", "cursor_left(True)", "Select one cell left", "select-left"),
        ("shift+right", "cursor_right(True)", "Select one cell right", "select-right"),
        ("shift+up", "cursor_up(True)", "Select one row up", "select-up"),
        ("shift+down", "cursor_down(True)", "Select one row down", "select-down"),
        (
            "ctrl+shift+left",
            "word_left(True)",
            "Select to a word start on the left",
            "select-word-left",
        ),
        (
            "ctrl+shift+right",
            "word_right(True)",
            "Select to a word start on the right",
            "select-word-right",
        ),
        (
            "shift+home",
            "line_start(True)",
            "Select to the start of the line",
            "select-line-start",
        ),
        ("shift+end", "line_end(True)", "Select to the end of the line", "select-line-end"),
        ("shift+pageup", "page_up(True)", "Select one page up", "select-page-up"),
        ("shift+pagedown", "page_down(True)", "Select one page down", "select-page-down"),
        (
            "ctrl+shift+home",
            "document_start(True)",
            "Select to the start of the document",
            "select-document-start",
        ),
        (
            "ctrl+shift+end",
            "document_end(True)",
            "Select to the end of the document",
            "select-document-end",
        ),
        ("w", "select_word", "Select the word under the caret", "select-word"),
        ("s", "select_sentence", "Select the sentence around the caret", "select-sentence"),
        (
            "escape",
            "clear_selection",
            "Clear the selection and the span focus",
            "clear-selection",
        ),
        (
            "y,ctrl+c",
            "copy",
            "Copy the selection (or the focused span) to the clipboard",
            "copy-selection",
        ),
        (
            "tab",
            "focus_span(1)",
            "Focus the next span under the caret, innermost first",
            "focus-span-next",
        ),
        (
            "shift+tab",
            "focus_span(-1)",
            "Focus the previous span under the caret",
            "focus-span-previous",
        ),
    )
]
