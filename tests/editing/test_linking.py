"""Which actors a claim can link to, nearest first; the relation index; relation types from config."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.config import DEFAULT_RELATIONS, RelationType, load_config
from reader.editing.linking import (
    DOCUMENT,
    PARAGRAPH,
    SENTENCE,
    RelationIndex,
    arrow,
    candidates,
    paragraph_at,
    types_from,
)
from reader.errors import ReaderError

# Two paragraphs (CRLF between them), harakat, tatweel, a Latin name, digits, an emoji.
TEXT = (
    "قالَ المتحـــدث Ahmed إنّ القوات ستنسحب في ٢٠٢٠. وأكد الوزير 🙂 أن الحوار مستمر.\r\n"
    "ورأى «المحلل» أن 5 دول ستشارك."
)


def span(span_id: str, label: str, quote: str, nth: int = 0) -> dict[str, object]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(quote, start + 1)
    return {"id": span_id, "label": label, "start": start, "end": start + len(quote)}


CLAIM = span("c1", "claim", "القوات ستنسحب في ٢٠٢٠")
SPEAKER = span("a1", "actor", "المتحـــدث Ahmed")
MINISTER = span("a2", "actor", "الوزير")
ANALYST = span("a3", "actor", "«المحلل»")
PLACE = span("p1", "place", "دول")


def test_actors_are_offered_sentence_first_then_paragraph_then_document() -> None:
    found = candidates(TEXT, [ANALYST, MINISTER, PLACE, SPEAKER, CLAIM], CLAIM, DEFAULT_RELATIONS)
    assert [(c.span["id"], c.nearness, c.type) for c in found] == [
        ("a1", SENTENCE, "said_by"),
        ("a2", PARAGRAPH, "said_by"),
        ("a3", DOCUMENT, "said_by"),
    ]


def test_within_a_group_the_nearest_comes_first() -> None:
    far = span("a4", "actor", "قالَ")
    found = candidates(TEXT, [far, SPEAKER], CLAIM, DEFAULT_RELATIONS)
    assert [c.span["id"] for c in found] == ["a1", "a4"]  # both in the sentence; a1 nearer


def test_orphaned_spans_and_the_claim_itself_are_not_offered() -> None:
    orphan = {**MINISTER, "orphaned": True}
    both = RelationType("same", ("claim",), ("claim", "actor"))
    found = candidates(TEXT, [CLAIM, orphan, SPEAKER], CLAIM, (both,))
    assert [c.span["id"] for c in found] == ["a1"]


def test_an_actor_starts_no_said_by_link() -> None:
    assert types_from(DEFAULT_RELATIONS, "actor") == []
    assert candidates(TEXT, [CLAIM, SPEAKER], SPEAKER, DEFAULT_RELATIONS) == []


def test_paragraph_bounds_ignore_the_carriage_return_at_the_end() -> None:
    lo, hi = paragraph_at(TEXT, CLAIM["start"], CLAIM["end"])
    assert TEXT[lo:hi].startswith("قالَ") and TEXT[lo:hi].endswith("\r")
    assert paragraph_at(TEXT, ANALYST["start"])[0] == hi + 1


def test_relation_index_follows_puts_and_removes() -> None:
    link = {"id": "r1", "type": "said_by", "from": "c1", "to": "a1"}
    other = {"id": "r2", "type": "said_by", "from": "c2", "to": "a1"}
    index = RelationIndex([link, other])
    assert index.partners("a1") == ["c1", "c2"]
    assert index.has_source("c1") and not index.has_source("a1")
    assert index.remove("r1") == link
    assert index.of("c1") == [] and index.partners("a1") == ["c2"]
    index.put({**other, "to": "a2"})  # replaced: a1 no longer linked
    assert index.of("a1") == [] and index.partners("a2") == ["c2"]
    assert len(index) == 1 and index.of(None) == []


def test_arrow_names_types_other_than_said_by() -> None:
    assert arrow({"type": "said_by"}) == " ← "
    assert arrow({"type": "cites"}) == " ←cites— "


def test_relation_types_come_from_config(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        '[[relations]]\nname = "said_by"\nfrom = "claim"\nto = ["actor", "مصدر"]\n'
        '[[relations]]\nname = "located_in"\nfrom = ["actor"]\nto = "place"\n',
        encoding="utf-8",
    )
    config = load_config(path, env={})
    assert config.relations == (
        RelationType("said_by", ("claim",), ("actor", "مصدر")),
        RelationType("located_in", ("actor",), ("place",)),
    )
    assert load_config(tmp_path / "none.toml", env={}).relations == DEFAULT_RELATIONS


@pytest.mark.parametrize(
    "body",
    [
        'relations = "said_by"',
        '[[relations]]\nfrom = "claim"\nto = "actor"',
        '[[relations]]\nname = "x"\nfrom = "claim"',
        '[[relations]]\nname = "x"\nfrom = []\nto = "actor"',
        '[[relations]]\nname = "x"\nfrom = "a"\nto = "b"\n[[relations]]\nname = "x"\nfrom = "a"\nto = "b"',
    ],
)
def test_bad_relation_tables_get_one_clear_line(tmp_path: Path, body: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ReaderError) as error:
        load_config(path, env={})
    message = str(error.value)
    assert str(path) in message and "relation" in message and "\n" not in message
