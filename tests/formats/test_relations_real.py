"""Links through every format on real news text (NTREX-128 Arabic translations in
../shared/data, not copied here): in each sentence with "قال" (said), the two words after it
are taken as the speaker and the rest of the sentence as the claim. The article is given
CRLF line ends and an emoji first, so offsets differ in every way a format can count them."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.formats.records import Record, RelationRecord, SpanRecord
from tests.helpers.formats import messages, round_trip

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "articles"
ARTICLES = sorted(DATA.glob("ntrex_ar_*.txt")) if DATA.is_dir() else []


def attributed(text: str) -> Record:
    """The article as a record: each "قال X Y rest" line gives an actor X Y and a claim."""
    record = Record(text, id="ntrex")
    position = 0
    for line in text.splitlines(keepends=True):
        said = line.find("قال ")
        words = line[said + 4 :].split(" ") if said >= 0 else []
        if len(words) > 4:
            actor_start = position + said + 4
            actor = " ".join(words[:2])
            claim = " ".join(words[2:]).rstrip()
            claim_start = actor_start + len(actor) + 1
            n = len(record.relations)
            record.spans.append(
                SpanRecord(actor_start, actor_start + len(actor), "actor", actor, f"a{n}")
            )
            record.spans.append(
                SpanRecord(claim_start, claim_start + len(claim), "claim", claim, f"c{n}")
            )
            record.relations.append(RelationRecord(f"c{n}", f"a{n}"))
        position += len(line)
    return record


def pairs(record: Record) -> set[tuple[str, str]]:
    text = {span.id: record.text[span.start : span.end] for span in record.spans}
    return {(text[r.source], text[r.target]) for r in record.relations}


@pytest.mark.skipif(not ARTICLES, reason=f"no NTREX articles in {DATA} (../shared/data absent)")
@pytest.mark.parametrize("name", ["jsonl", "brat", "doccano", "labelstudio"])
def test_real_articles_keep_every_claim_with_its_speaker(name, tmp_path):
    for number, article in enumerate(ARTICLES):
        (tmp_path / str(number)).mkdir()
        source = "📰 " + article.read_text(encoding="utf-8").replace("\n", "\r\n")
        record = attributed(source)
        assert record.relations, f"{article.name} has no 'قال' sentence to attribute"
        expected = pairs(record)  # on the CRLF text: no claim or actor holds a line end
        back, written = round_trip(name, [record], tmp_path / str(number))
        assert not messages(back, "error") and written == []
        assert pairs(back.records[0]) == expected, article.name
