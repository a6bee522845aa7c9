"""The claim suggester: a reporting verb, then أن / إن / بأن / a colon / « or a quote mark,
suggests the reported clause (to the sentence's end, or the closing quote).

When an actor suggestion lies between the verb and the clause (قال الرئيس محمود عباس إن...),
or ends just before the verb, it is given as the claim's `speaker`, so a said_by relation
can be proposed with it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import cache

import regex

from reader.assist.clitics import START, clitic_forms
from reader.assist.folded import Folded, alternation, fold_word
from reader.assist.model import Suggestion

NAME = "claim/1"

_VERBS = (
    "قال قالت يقول تقول أكد أكدت يؤكد تؤكد أعلن أعلنت أضاف أضافت أوضح أوضحت صرح صرحت "
    "نفى نفت ينفي زعم زعمت يزعم اعتبر اعتبرت يعتبر أشار أشارت ذكر ذكرت كشف كشفت أفاد أفادت "
    "شدد شددت حذر حذرت رأى رأت يرى ترى ادعى ادعت أكدوا قالوا أعلنوا أوضحوا"
).split()
_QUOTES = {"«": "»", '"': '"', "“": "”"}
_SPEAKER_GAP = 80  # characters between verb and clause where a speaker may be named
_SPEAKER_BEFORE = 3  # characters between a speaker named first and the verb (الوزير قال)


@cache
def _pattern() -> regex.Pattern[str]:
    verbs = alternation(_VERBS)
    return regex.compile(
        rf"{START}[وف]?(?P<verb>{verbs})(?![\p{{L}}\p{{N}}])"
        rf"(?P<between>[^.!؟?\n:«\"“]{{0,{_SPEAKER_GAP}}}?)"
        rf"(?:(?<![\p{{L}}])(?:[بل]?ان)(?![\p{{L}}\p{{N}}])\s*|\s*:\s*(?P<open>[«\"“])?\s*|\s*(?P<quote>[«\"“])\s*)"
    )


_TRIGGERS = clitic_forms(fold_word(verb) for verb in _VERBS)
_END = regex.compile(r"[.!؟?\n]")


def suggest_claims(doc: Folded, actors: list[Suggestion] | None = None) -> list[Suggestion]:
    """The reported clauses of the document; `actors` (from the actor suggester) give speakers."""
    folded = doc.folded
    speakers = sorted(actors or ())
    found: list[Suggestion] = []
    for match in doc.matches(_pattern(), _TRIGGERS):
        begin = match.end()
        opener = match.group("open") or match.group("quote")
        if opener:
            close = folded.find(_QUOTES[opener], begin)
            stop = _END.search(folded, begin)
            end = close if close != -1 and (stop is None or close <= stop.end() + 200) else -1
        else:
            end = -1
        if end == -1:
            stop = _END.search(folded, begin)
            end = len(folded) if stop is None else stop.start()
        while end > begin and folded[end - 1].isspace():
            end -= 1
        if end <= begin:
            continue
        start, stop_at = doc.span(begin, end)
        verb_start, verb_end = doc.span(*match.span("verb"))
        speaker = _speaker(speakers, verb_start, verb_end, start)
        found.append(Suggestion(start, stop_at, "claim", NAME, speaker))
    return found


def _speaker(
    actors: list[Suggestion], verb_start: int, verb_end: int, clause: int
) -> tuple[int, int] | None:
    """The actor named between the verb and the clause, else the one just before the verb.

    `actors` are in text order and do not overlap, so both are found by bisection.
    """
    after = bisect_left(actors, verb_end, key=lambda actor: actor.start)
    if after < len(actors) and actors[after].end <= clause:
        return actors[after].start, actors[after].end
    before = bisect_right(actors, verb_start, key=lambda actor: actor.end) - 1
    if before >= 0 and verb_start - actors[before].end <= _SPEAKER_BEFORE:
        return actors[before].start, actors[before].end
    return None
