"""`reader export` (jsonl) of a store, byte for byte against JSONL written out by hand.

The export path is tuned for speed (spans formatted straight into text, document files
decoded with orjson); this pins what it writes: key order, separators, escapes (CRLF, quotes,
emoji, harakat written as themselves), notes, an accepted suggestion's origin, links, and
the documents in store order. The store is written with fixed ids and times, the way
compaction writes it, so every byte of the expected output is known.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from reader.cli import main
from reader.store.files import StorePaths
from reader.store.model import make_document, make_relation, make_span
from reader.store.state import DocData, State
from reader.store.store import write_files

TEXT = 'قالَ الوزيرُ «محمد Smith» في القاهرة ـــ لا ٣ و 4 مرات 🌍😀\r\nثم (أكّد) "الخبر".\r\n'
STAMP = "2026-12-01T10:00:00Z"
LATER = "2026-12-02T08:30:00Z"


def _span(number: int, quote: str, label: str, **extra: str) -> dict[str, object]:
    start = TEXT.index(quote)
    span = make_span(
        f"s{number}", "news/cairo", TEXT, start, start + len(quote), label, "huda", STAMP, LATER
    )
    span.update(extra)
    return span


def _store(path: Path) -> None:
    state = State(loader=lambda doc_id, required: None)
    state.seq = 1
    doc = make_document("news/cairo", TEXT, "news/cairo.txt", "in_progress", "القاهرة")
    doc["note"] = "راجِعْ الاسم\r\nثانيةً"
    cairo = DocData(doc)
    for span in (
        _span(1, "الوزيرُ", "actor"),
        _span(2, "محمد Smith", "actor", note='اسم "مختلط" 🌍'),
        _span(3, "القاهرة", "place", origin="suggestion:place/1"),
        _span(4, "أكّد", "claim"),
    ):
        cairo.set_span(str(span["id"]), span)
    cairo.relations["r1"] = make_relation("r1", "news/cairo", "said_by", "s4", "s2", "huda", STAMP)
    cairo.dirty = True
    state.add_document(cairo)
    empty = DocData(make_document("news/empty", "لا شيء هنا", None, "done", "فارغ"))
    empty.dirty = True
    state.add_document(empty)
    write_files(StorePaths.of(path), state)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


EXPECTED = (
    '{"id": "news/cairo", "text": "قالَ الوزيرُ «محمد Smith» في القاهرة ـــ لا ٣ و 4 مرات 🌍😀\\r\\n'
    'ثم (أكّد) \\"الخبر\\".\\r\\n", "meta": {"source": "news/cairo.txt", "sha256": "SHA_CAIRO", '
    '"status": "in_progress", "title": "القاهرة", "note": "راجِعْ الاسم\\r\\nثانيةً"}, "spans": ['
    '{"id": "s1", "start": 5, "end": 12, "label": "actor", "text": "الوزيرُ", "annotator": "huda", '
    '"created": "2026-12-01T10:00:00Z", "updated": "2026-12-02T08:30:00Z"}, '
    '{"id": "s2", "start": 14, "end": 24, "label": "actor", "text": "محمد Smith", '
    '"annotator": "huda", "created": "2026-12-01T10:00:00Z", "updated": "2026-12-02T08:30:00Z", '
    '"note": "اسم \\"مختلط\\" 🌍"}, '
    '{"id": "s3", "start": 29, "end": 36, "label": "place", "text": "القاهرة", '
    '"annotator": "huda", "created": "2026-12-01T10:00:00Z", "updated": "2026-12-02T08:30:00Z", '
    '"origin": "suggestion:place/1"}, '
    '{"id": "s4", "start": 63, "end": 67, "label": "claim", "text": "أكّد", "annotator": "huda", '
    '"created": "2026-12-01T10:00:00Z", "updated": "2026-12-02T08:30:00Z"}], '
    '"relations": [{"id": "r1", "type": "said_by", "from": "s4", "to": "s2", "annotator": "huda", '
    '"created": "2026-12-01T10:00:00Z", "updated": "2026-12-01T10:00:00Z"}]}\n'
    '{"id": "news/empty", "text": "لا شيء هنا", "meta": {"sha256": "SHA_EMPTY", "status": "done", '
    '"title": "فارغ"}, "spans": [], "relations": []}\n'
)


def test_the_offsets_written_by_hand_are_the_quotes() -> None:
    for start, end, quote in ((5, 12, "الوزيرُ"), (14, 24, "محمد Smith"), (29, 36, "القاهرة")):
        assert TEXT[start:end] == quote
    assert TEXT[63:67] == "أكّد"


def test_export_writes_exactly_the_expected_jsonl(tmp_path: Path) -> None:
    store = tmp_path / "store.json"
    _store(store)
    out = tmp_path / "out.jsonl"
    assert main(["export", "-o", str(out), "--store", str(store)]) == 0
    expected = EXPECTED.replace("SHA_CAIRO", _sha(TEXT)).replace("SHA_EMPTY", _sha("لا شيء هنا"))
    assert out.read_bytes().decode("utf-8") == expected
