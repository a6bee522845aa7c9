"""The assist layer's fast folding is search's folding, index for index."""

import re
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from reader.assist.folded import Folded
from reader.text.search import fold

# Arabic with harakat and tatweel, Latin with accents and ß, a ligature, emoji, digits.
ALPHABET = "بتكلمنوفيةىأإآٱاـَُِّْ ًabcßéÉﬁ😀١2\n،.()«»"


@given(st.text(alphabet=ALPHABET, max_size=60))
def test_same_as_search_fold(text):
    doc = Folded(text)
    folded, origin = fold(text)
    assert doc.folded == folded
    assert [doc._origin(i) for i in range(len(folded))] == origin


def test_span_takes_the_marks_on_the_last_letter():
    text = "قالَ مُحَمَّدٌ"
    doc = Folded(text)
    start = doc.folded.index("محمد")
    assert doc.span(start, start + 4) == (5, len(text))


def test_words_and_joined():
    doc = Folded("في  القاهرة، أمس اليوم")
    assert [doc.folded[s:e] for s, e in zip(doc.starts, doc.ends, strict=True)] == doc.word_texts
    assert doc.word_texts == ["في", "القاهره", "امس", "اليوم"]
    assert [doc.joined(i) for i in range(4)] == [False, False, True, False]


@given(st.text(alphabet=ALPHABET + "_-", max_size=60))
def test_words_are_the_runs_of_letters_and_digits(text):
    doc = Folded(text)
    runs = list(re.finditer(r"[^\W_]+", doc.folded))
    assert doc.word_texts == [run.group() for run in runs]
    assert list(zip(doc.starts, doc.ends, strict=True)) == [run.span() for run in runs]
    gaps = [doc.folded[a.end() : b.start()] for a, b in pairwise(runs)]
    assert [doc.joined(i) for i in range(len(runs))] == [gap == " " for gap in gaps] + [
        False
    ] * bool(runs)
