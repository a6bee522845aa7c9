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
