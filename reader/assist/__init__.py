"""Suggestions: spans the reader proposes (dates, places, actors, claims), offline and fast.

Pure Python, no Textual, no model: rules and generated word lists (data/). Every suggester
matches on the text folded as search folds it and maps its matches back to the original, so
offsets are code points of the text given, and clitics in front (و ف ب ل ك) stay outside.

    from reader.assist import suggest, Suggestion, tag_all
"""

from __future__ import annotations

from reader.assist.model import LABELS, Suggestion
from reader.assist.occurrences import tag_all
from reader.assist.suggest import SUGGESTERS, suggest

__all__ = ["LABELS", "SUGGESTERS", "Suggestion", "suggest", "tag_all"]
