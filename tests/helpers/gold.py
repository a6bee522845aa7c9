"""A gold store as `reader merge` leaves it: agreed spans with their annotators, and conflicts."""

from __future__ import annotations

from pathlib import Path

from reader.store import AnnotationStore

#: Harakat, tatweel, a Latin name, Arabic-Indic and Western digits, guillemets, an emoji.
CAIRO = (
    "قالَ المتحدث باسم الخارجيـــة Stéphane Dujarric إنّ ١٢ دولة ستجتمع في القاهرة "
    "يوم 19 يناير 2020 🇪🇬.\nوأكّد الوزيرُ أنّ «الاتفاق» سيُوقَّع قريبًا في بيروت."
)
HEALTH = "أعلنت وزارة الصحة في دمشق أمس عن ٣٠ إصابة جديدة."


def at(text: str, quote: str) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


def make_gold(path: Path) -> AnnotationStore:
    """Two documents merged from huda and omar: 2 agreed spans; 3 conflicts in un/cairo (the
    actor's extent, the date's, a place only huda marked), 2 in sy/health."""
    store = AnnotationStore.open(path, annotator="lina")
    store.add_document(CAIRO, doc_id="un/cairo")
    store.add_document(HEALTH, doc_id="sy/health")
    both = ["huda", "omar"]
    store.add_span("un/cairo", *at(CAIRO, "القاهرة"), "place", "huda", annotators=both)
    store.add_span("sy/health", *at(HEALTH, "دمشق"), "place", "huda", annotators=both)
    store.add_conflict(
        "un/cairo",
        {
            "huda": [(*at(CAIRO, "Stéphane Dujarric"), "actor")],
            "omar": [(*at(CAIRO, "المتحدث باسم الخارجيـــة Stéphane Dujarric"), "actor")],
        },
    )
    store.add_conflict(
        "un/cairo",
        {
            "huda": [(*at(CAIRO, "19 يناير 2020"), "date")],
            "omar": [(*at(CAIRO, "يوم 19 يناير 2020"), "date")],
        },
    )
    store.add_conflict("un/cairo", {"huda": [(*at(CAIRO, "بيروت"), "place")], "omar": []})
    store.add_conflict("sy/health", {"huda": [(*at(HEALTH, "وزارة الصحة"), "actor")], "omar": []})
    store.add_conflict("sy/health", {"huda": [], "omar": [(*at(HEALTH, "أمس"), "date")]})
    return store
