"""`suggest`: run the suggesters asked for over one text, one folding shared by all."""

from __future__ import annotations

from collections.abc import Callable, Collection

from reader.assist.actors import suggest_actors
from reader.assist.claims import suggest_claims
from reader.assist.dates import suggest_dates
from reader.assist.folded import Folded
from reader.assist.model import Suggestion
from reader.assist.places import suggest_places

Suggester = Callable[[Folded], list[Suggestion]]

SUGGESTERS: dict[str, Suggester] = {
    "date": suggest_dates,
    "place": suggest_places,
    "actor": suggest_actors,
    "claim": suggest_claims,
}


def suggest(text: str, only: Collection[str] | None = None) -> list[Suggestion]:
    """The suggestions for `text`, sorted by position; `only` limits them to these labels.

    Raises ValueError for a label no suggester proposes.
    """
    wanted = list(SUGGESTERS) if only is None else list(only)
    unknown = [label for label in wanted if label not in SUGGESTERS]
    if unknown:
        raise ValueError(
            f"no suggester for {', '.join(unknown)}; the labels are {', '.join(SUGGESTERS)}"
        )
    doc = Folded(text)
    found: list[Suggestion] = []
    actors: list[Suggestion] | None = None
    for label in wanted:
        if label == "claim":  # a claim's speaker is an actor: reuse or compute them
            actors = actors if actors is not None else suggest_actors(doc)
            found.extend(suggest_claims(doc, actors))
        else:
            found.extend(result := SUGGESTERS[label](doc))
            if label == "actor":
                actors = result
    return sorted(found, key=lambda s: (s.start, s.end, s.label))
