"""The assist layer's fast folding is search's folding, index for index."""

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
    assert list(doc._origin) == origin


def test_span_takes_the_marks_on_the_last_letter():
    text = "قالَ مُحَمَّدٌ"
    doc = Folded(text)
    start = doc.folded.index("محمد")
    assert doc.span(start, start + 4) == (5, len(text))


def test_words_and_joined():
    doc = Folded("في  القاهرة، أمس اليوم")
    assert [doc.folded[s:e] for s, e in doc.words] == doc.word_texts
    assert doc.word_texts == ["في", "القاهره", "امس", "اليوم"]
    assert [doc.joined(i) for i in range(4)] == [False, False, True, False]
