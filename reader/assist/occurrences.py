"""The annotator's own tags teach it: every other occurrence of a tagged text ("tag all").

Found with search's normalisation (أ إ آ ا, ى ي, ة ه, harakat and tatweel ignored) and the
clitic rules of every suggester: an occurrence starts at a word's start or after clitics
only (وتركيا، لتركيا، بتركيا، والتركيا give تركيا), ends at a word's end, and a tagged name
spelt with ال is found after لل too (للقدس gives قدس, the contracted article outside).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from reader.assist.clitics import CLITICS
from reader.assist.folded import fold_word
from reader.assist.model import Suggestion
from reader.text.search import Searcher
from reader.text.words import word_at

NAME = "tag-all/1"


def tag_all(
    text: str,
    tagged: Iterable[tuple[str, str]],
    existing: Collection[tuple[int, int]] = (),
) -> list[Suggestion]:
    """Suggestions for every occurrence in `text` of each tagged (span text, label).

    Occurrences that overlap a range of `existing` (the spans already there, the tagged ones
    included) are left out; when two tagged texts overlap, the longer one wins.
    """
    return _tag_all(Searcher(text), tagged, existing)


def _tag_all(
    searcher: Searcher, tagged: Iterable[tuple[str, str]], existing: Collection[tuple[int, int]]
) -> list[Suggestion]:
    taken = sorted(existing)
    found: list[Suggestion] = []
    for query, label in sorted(set(tagged), key=lambda item: -len(item[0])):
        for start, end in occurrences(searcher, query):
            if not any(s < end and start < e for s, e in taken):
                found.append(Suggestion(start, end, label, NAME))
                taken.append((start, end))
    return sorted(found)


def occurrences(searcher: Searcher, query: str) -> list[tuple[int, int]]:
    """Where `query` stands as a word or words of the searcher's text, clitics outside."""
    text = searcher.text
    needle = fold_word(query.strip())
    if not needle:
        return []
    hits = [
        (start, end)
        for start, end in searcher.find_all(needle)
        if _after_clitics(text, start, "") and _word_ends(text, end)
    ]
    if needle.startswith("ال") and len(needle) > 3:  # للقدس: ل + (ا)ل + قدس
        hits += [
            (start, end)
            for start, end in searcher.find_all(needle[2:])
            if _after_clitics(text, start, "لل") and _word_ends(text, end)
        ]
    return sorted(hits)


def _after_clitics(text: str, start: int, required: str) -> bool:
    """Whether only clitics (ending with `required`) stand between the word's start and `start`."""
    word = word_at(text, start)
    if word is None or word[0] == start:
        return not required
    prefix = fold_word(text[word[0] : start])
    return prefix in CLITICS and prefix.endswith(required)


def _word_ends(text: str, end: int) -> bool:
    return end == len(text) or not (text[end].isalnum() or text[end] in "\u200c\u200d")
