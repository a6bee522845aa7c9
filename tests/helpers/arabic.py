"""Arabic fixtures written for these tests: harakat, tatweel, lam-alef, both digit sets,
Latin names, brackets and quotes, emoji before the spans (so UTF-16 and code point offsets
differ), nested spans."""

from __future__ import annotations

from reader.formats.records import Record, SpanRecord

# Two emoji on the first line: every span below sits 2 UTF-16 units after its code point offset.
TEXT = (
    "🌍 بيانٌ صحفيّ 📰\n"
    "قالَ وزيرُ الخارجيـــة أحمد أبو الغيط في القاهرة يوم ١٥ مارس ٢٠٢٤ إنّ «الاتفاق لا يزال ممكناً».\n"
    "وأكد John Smith (المبعوث الأمريكي) أن المحادثات في جنيف ستُستأنف في 3 أبريل 2024 😀.\n"
)

# (quote, label, occurrence): nested spans, a claim holding a place and a date.
SPANS = [
    ("أحمد أبو الغيط", "actor", 0),
    ("القاهرة", "place", 0),
    ("١٥ مارس ٢٠٢٤", "date", 0),
    ("الاتفاق لا يزال ممكناً", "claim", 0),
    ("John Smith", "actor", 0),
    ("المبعوث الأمريكي", "actor", 0),
    ("أن المحادثات في جنيف ستُستأنف في 3 أبريل 2024", "claim", 0),
    ("جنيف", "place", 0),
    ("3 أبريل 2024", "date", 0),
    ("الخارجيـــة", "place", 0),
]


def find(text: str, quote: str, occurrence: int = 0) -> tuple[int, int]:
    """(start, end) of the n-th occurrence of `quote` in `text`, code points."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    return start, start + len(quote)


def record(text: str = TEXT, spans=SPANS, doc_id: str = "news/cairo") -> Record:
    """A record with the given quotes labelled."""
    found = []
    for quote, label, occurrence in spans:
        start, end = find(text, quote, occurrence)
        found.append(SpanRecord(start, end, label, text=quote))
    return Record(text, found, id=doc_id, meta={"source": "news/cairo.txt", "status": "done"})


SECOND = (
    'الرئيس ماكرون (Emmanuel Macron) زار بيروت ٣ مرات، وقال: "لا حلّ دون إصلاح" 🇫🇷 #لبنان\n'
    "\n"
    "ـــ تقرير: ريم الحسيني"
)
SECOND_SPANS = [
    ("ماكرون", "actor", 0),
    ("Emmanuel Macron", "actor", 0),
    ("بيروت", "place", 0),
    ("لا حلّ دون إصلاح", "claim", 0),
    ("ريم الحسيني", "actor", 0),
]


def records() -> list[Record]:
    """Two documents, the second with a flag emoji (two astral characters) and an empty line."""
    return [record(), record(SECOND, SECOND_SPANS, "news/beirut")]


def span_set(rec: Record) -> set[tuple[int, int, str]]:
    return {(s.start, s.end, s.label) for s in rec.spans}


def quoted_spans(rec: Record) -> list[tuple[str, str]]:
    """Spans as sorted (text, label): what survives formats that rebuild the text."""
    return sorted((rec.text[s.start : s.end], s.label) for s in rec.spans)


# Two claims with their speakers, after an emoji (UTF-16 offsets differ from code points by
# one from there on), with harakat, tatweel, both digit sets, a Latin name, quotes, brackets.
LINKED = (
    "📢 قال المتحدثُ باسم الحكومة إن القوات ستنسحب من المدينة خلال ٣ أيام.\n"
    "وأعلن وزير الدفاع «يوسف العلـــي» (Yusuf Al-Ali) أنّ الهدنة ستصمد حتى 15 مارس 🇸🇾.\n"
)

#: (id, quote, label) of the linked fixture's spans; the place is linked to nothing.
LINKED_SPANS = [
    ("c1", "القوات ستنسحب من المدينة خلال ٣ أيام", "claim"),
    ("a1", "المتحدثُ باسم الحكومة", "actor"),
    ("c2", "الهدنة ستصمد حتى 15 مارس", "claim"),
    ("a2", "يوسف العلـــي", "actor"),
    ("p1", "المدينة", "place"),
]

#: claim quote -> its speaker's quote: what every format must carry there and back.
PAIRS = {
    ("القوات ستنسحب من المدينة خلال ٣ أيام", "المتحدثُ باسم الحكومة"),
    ("الهدنة ستصمد حتى 15 مارس", "يوسف العلـــي"),
}

SPAN_NOTE = "هل المتحدث رسمي؟\nيُراجَع مع المحرر (editor)"
DOCUMENT_NOTE = "مصدر الخبر: وكالة الأنباء — ٢٠٢٤"


def linked_record(text: str = LINKED, doc_id: str = "news/truce") -> Record:
    """The linked fixture as a record: claims said_by their actors, a note on the first claim
    and one on the document."""
    from reader.formats.records import RelationRecord

    spans = []
    for span_id, quote, label in LINKED_SPANS:
        start, end = find(text, quote)
        spans.append(SpanRecord(start, end, label, text=quote, id=span_id))
    spans[0].note = SPAN_NOTE
    relations = [
        RelationRecord("c1", "a1", id="r1", annotator="huda"),
        RelationRecord("c2", "a2", id="r2", annotator="huda"),
    ]
    return Record(
        text,
        spans,
        id=doc_id,
        meta={"source": "news/truce.txt", "status": "done", "note": DOCUMENT_NOTE},
        relations=relations,
    )


def pairs(record: Record) -> set[tuple[str, str]]:
    """(claim text, actor text) for every said_by link of the record."""
    by_id = {span.id: record.text[span.start : span.end] for span in record.spans}
    return {
        (by_id[relation.source], by_id[relation.target])
        for relation in record.relations
        if relation.type == "said_by"
    }
