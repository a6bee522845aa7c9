"""A real client: spaCy reads our exported JSONL, every span aligns to its tokens, and a DocBin
round trip keeps them. Skipped, with the reason printed, where spaCy is not installed."""

import json

import pytest

from reader.formats import jsonl
from tests.helpers.arabic import records

spacy = pytest.importorskip(
    "spacy",
    reason="spaCy is not installed (pip install spacy) - the real-client check of exported JSONL is skipped",
)
from spacy.tokens import DocBin  # noqa: E402
from spacy.util import filter_spans  # noqa: E402

# spacy.blank("ar") keeps a sentence-final period glued to an Arabic word ('ممكناً».' is one
# token), so a span ending a sentence cannot align strictly there; the multi-language
# tokenizer splits it off.
LANGUAGE = "xx"


def exported_lines(tmp_path):
    path = tmp_path / "export.jsonl"
    with path.open("w", encoding="utf-8") as out:
        jsonl.write(records(), out)
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_spacy_aligns_every_exported_span_strictly_and_docbin_keeps_them(tmp_path):
    nlp = spacy.blank(LANGUAGE)
    expected, docs = [], []
    for line in exported_lines(tmp_path):
        doc = nlp.make_doc(line["text"])
        spans = [
            doc.char_span(s["start"], s["end"], label=s["label"], alignment_mode="strict")
            for s in line["spans"]
        ]
        assert None not in spans, [
            s["text"] for s, span in zip(line["spans"], spans, strict=False) if span is None
        ]
        assert [span.text for span in spans] == [s["text"] for s in line["spans"]]
        doc.spans["sc"] = spans  # nested and overlapping spans live in a span group
        doc.ents = filter_spans([span for span in spans if span.label_ != "claim"])
        docs.append(doc)
        expected.append(sorted((s["start"], s["end"], s["label"]) for s in line["spans"]))
    data = DocBin(docs=docs, store_user_data=True).to_bytes()
    back = list(DocBin().from_bytes(data).get_docs(nlp.vocab))
    assert [
        sorted((s.start_char, s.end_char, s.label_) for s in doc.spans["sc"]) for doc in back
    ] == expected
    assert [doc.text for doc in back] == [line["text"] for line in exported_lines(tmp_path)]
    assert all(len(doc.ents) > 0 for doc in back)
