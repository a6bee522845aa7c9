"""The clitics a match may carry in front, left outside its span (the app's edge convention).

و ف (and, so), ب ل ك (with, for, like) and ل+ال contracted to لل: `PREFIX` is the regex for
them, lazy so the whole word is tried first (ليبيا stays ليبيا, لبيروت gives بيروت); `START`
makes a match begin at a word's start. `stems` gives the same choices to dictionary lookups.
"""

from __future__ import annotations

from collections.abc import Iterable

START = r"(?<![\p{L}\p{N}\p{M}])"
PREFIX = r"(?:[وف]?(?:لل|[بكل])?)??"

_PREFIXES = ("", "و", "ف", "ب", "ك", "ل", "لل", "وب", "وك", "ول", "ولل", "فب", "فك", "فل", "فلل")
_FIRST_LETTERS = frozenset(prefix[0] for prefix in _PREFIXES if prefix)
MIN_STEM = 2
# Every clitic string that may stand in front of a word, the article included (وال، بال، لل).
# After ل the article is written لل, which _PREFIXES already has.
CLITICS = frozenset(
    p + a for p in _PREFIXES for a in ("", "ال") if p + a and not (a and p.endswith("ل"))
)


def stems(word: str) -> list[tuple[int, str]]:
    """(offset, stem) for every clitic reading of a folded word, whole word first.

    After لل the article is given back (للقدس -> القدس at offset 2), so a name spelt with ال
    is found; the span then starts after the clitics.
    """
    found = [(0, word)]
    if word[:1] not in _FIRST_LETTERS:  # (most words: no clitic to try)
        return found
    for prefix in _PREFIXES[1:]:
        if word.startswith(prefix) and len(word) - len(prefix) >= MIN_STEM:
            stem = word[len(prefix) :]
            found.append((len(prefix), "ال" + stem if prefix.endswith("لل") else stem))
    return found


def clitic_forms(words: Iterable[str]) -> frozenset[str]:
    """Every spelling of these folded words with clitics and the article in front (for a
    quick membership test before a full pattern is tried)."""
    forms: set[str] = set()
    for word in words:
        bare = word[2:] if word.startswith("ال") else word
        for stem in (word, "ال" + bare):
            forms.update(prefix + stem for prefix in _PREFIXES)
        forms.update(prefix + bare for prefix in _PREFIXES if prefix.endswith("لل"))
    return frozenset(forms)
