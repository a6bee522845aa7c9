"""Arabic texts and two annotators' spans over them, written for these tests.

Harakat, tatweel, lam-alef, Arabic-Indic and Western digits, a Latin name, guillemets, emoji.
RIYADH's 19 whitespace tokens, numbered for the hand-worked figures in the tests:

     0 قالَ  1 الرئيسُ  2 محمد  3 بن  4 سلمان  5 إنّ  6 «السلامَ  7 في  8 الرياض  9 ممكنٌ»
    10 يوم  11 ١٥  12 مارس  13 ٢٠٢٤  14 🕊️  15 وأكـــد  16 John  17 Smith  18 ذلك.

CAIRO has 7 tokens and no spans from either annotator.
"""

from __future__ import annotations

from reader.review.spans import Span

RIYADH = (
    "قالَ الرئيسُ محمد بن سلمان إنّ «السلامَ في الرياض ممكنٌ» يوم ١٥ مارس ٢٠٢٤ 🕊️ وأكـــد John Smith ذلك."
)
CAIRO = "وصل الوفد إلى القاهرة صباح اليوم 😀"
BEIRUT = "قالت لا بأس: الاجتماع في بيروت الساعة 10 صباحاً."


def at(text: str, quote: str, label: str, occurrence: int = 0) -> Span:
    """The span over the n-th occurrence of `quote` in `text`."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    return Span(start, start + len(quote), label)


# A: the actor, a claim with a place nested inside it, the full date.
HUDA = [
    at(RIYADH, "محمد بن سلمان", "actor"),
    at(RIYADH, "«السلامَ في الرياض ممكنٌ»", "claim"),
    at(RIYADH, "الرياض", "place"),
    at(RIYADH, "١٥ مارس ٢٠٢٤", "date"),
]
# B: the same actor and place, no claim, a shorter date, and John Smith as an actor.
OMAR = [
    at(RIYADH, "محمد بن سلمان", "actor"),
    at(RIYADH, "الرياض", "place"),
    at(RIYADH, "مارس ٢٠٢٤", "date"),
    at(RIYADH, "John Smith", "actor"),
]


def make_store(path, documents):
    """A store at `path` holding (id, text, spans, status) documents, written in one batch."""
    from reader.store import AnnotationStore

    with AnnotationStore.open(path) as store, store.batch():
        for doc_id, text, spans, status in documents:
            store.add_document(text, doc_id=doc_id, status=status)
            for span in spans:
                store.add_span(doc_id, span.start, span.end, span.label, annotator="someone")
    return path


def team(tmp_path):
    """huda's and omar's stores: RIYADH shared by id, CAIRO by text (different ids), one
    document each that the other lacks, and BEIRUT under one id with two different texts."""
    huda = make_store(
        tmp_path / "huda.json",
        [
            ("news/riyadh", RIYADH, HUDA, "done"),
            ("news/cairo", CAIRO, [], "done"),
            ("only/huda", BEIRUT + " ١", [at(BEIRUT, "بيروت", "place")], "done"),
            ("news/beirut", BEIRUT, [at(BEIRUT, "بيروت", "place")], "done"),
        ],
    )
    omar = make_store(
        tmp_path / "omar.json",
        [
            ("news/riyadh", RIYADH, OMAR, "done"),
            ("cairo.txt", CAIRO, [], "in_progress"),
            ("only/omar", CAIRO + " ٢", [], "todo"),
            ("news/beirut", BEIRUT + "!", [at(BEIRUT, "بيروت", "actor")], "done"),
        ],
    )
    return huda, omar
