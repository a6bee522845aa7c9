"""The date suggester: calendar dates, years, weekdays, ranges, durations, relative dates.

Month names are those of every Arabic CLDR locale (Egyptian يناير, Levantine/Iraqi كانون
الثاني, Maghrebi يوليوز/غشت, Algerian/Tunisian جانفي/جوان) and the Hijri months
(hijridate), from data/calendar.json, plus a few spellings news uses that CLDR does not.
A cue that belongs to the date in news style (بتاريخ، يوم، منذ، قبل، خلال، عام) is inside
the span; a clitic in front of it (و ف ب ل ك) is outside. Month names that are also common
words (آب، مارس، رجب، صفر...) are proposed only with a day, a year or شهر.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import regex

from reader.assist import data
from reader.assist.clitics import PREFIX, START, clitic_forms
from reader.assist.folded import Folded, alternation, fold_word
from reader.assist.model import Suggestion

NAME = "date/1"

_EXTRA_MONTHS = (
    "ربيع الآخر",
    "ربيع ثاني",
    "جمادى الأول",
    "جمادى الثاني",
    "جمادى الثانية",
    "جمادى الآخر",
    "ذي القعدة",
    "ذي الحجة",
    "ذو الحجه",
    "أغسطس",
    "اغسطس",
    "سبتمبر",
)
# Month names that are also everyday words or given names.
_AMBIGUOUS = {
    fold_word(m)
    for m in ("آب", "مارس", "ماي", "صفر", "رجب", "شعبان", "رمضان", "شوال", "محرم", "جوان", "أوت")
}
_PREFIXES = (
    "تاريخ",
    "يوم",
    "شهر",
    "منذ",
    "قبل",
    "بعد",
    "خلال",
    "لمدة",
    "طيلة",
    "طوال",
    "أوائل",
    "أواخر",
    "أواسط",
    "بداية",
    "بدايات",
    "نهاية",
    "نهايات",
    "مطلع",
    "منتصف",
    "مستهل",
)
_ERAS = (
    "هجري",
    "هجرية",
    "ميلادي",
    "ميلادية",
    "للهجرة",
    "للميلاد",
    "قبل الميلاد",
    "بعد الميلاد",
    "هـ",
    "م",
)
_RELATIVE = ("أمس", "البارحة", "اليوم", "غدا", "غدًا", "بكرة", "بكرا", "الليلة", "أمس الأول")
_UNITS = (
    "يوم",
    "أيام",
    "أسبوع",
    "أسابيع",
    "شهر",
    "أشهر",
    "شهور",
    "سنة",
    "سنوات",
    "سنين",
    "عام",
    "أعوام",
    "عقد",
    "عقود",
    "قرن",
)
_QUALIFIERS = (
    "الماضي",
    "الماضية",
    "المقبل",
    "المقبلة",
    "القادم",
    "القادمة",
    "الجاري",
    "الجارية",
    "الحالي",
    "الحالية",
    "الأخير",
    "الأخيرة",
    "المنصرم",
    "المنصرمة",
    "الفائت",
    "الفائتة",
    "السابق",
    "السابقة",
)
_DEMONSTRATIVES = ("هذا", "هذه", "ذلك", "تلك")
_COUNTED = (
    "أيام",
    "يوما",
    "يوم",
    "أسابيع",
    "أسبوعا",
    "أسبوع",
    "أشهر",
    "شهور",
    "شهرا",
    "شهر",
    "سنوات",
    "سنين",
    "سنة",
    "عاما",
    "أعوام",
    "عام",
    "عقود",
    "عقدا",
    "قرون",
    "قرنا",
)
_DUALS = ("يومين", "يومان", "أسبوعين", "شهرين", "سنتين", "عامين", "عامان", "عقدين", "قرنين")
_NUMBER_WORDS = (
    "ثلاث ثلاثة أربع أربعة خمس خمسة ست ستة سبع سبعة ثماني ثمانية ثمان تسع تسعة عشر عشرة "
    "أحد إحدى اثني اثنا عشرين ثلاثين أربعين خمسين ستين سبعين ثمانين تسعين مئة مائة عدة بضع بضعة"
).split()
_ADVERBS = ("يوميا", "أسبوعيا", "شهريا", "سنويا", "نصف السنوية", "نصف سنوية", "ربع سنوية")
_HALVES = ("نصف", "ربع")
_SEASONS = ("الشتاء", "الصيف", "الخريف")
_PERIODS = ("فترة", "الفترة", "العهد", "الحقبة", "العصر", "فترة الحكم", "عهد", "حقبة")
_ERAS_NAMED = (
    "العثمانية العثماني الرومانية الروماني البيزنطية البيزنطي المملوكية المملوكي الصليبية "
    "الأموية الأموي العباسية العباسي الفاطمية الفاطمي الأيوبية الأيوبي الهلنستية الكنعانية "
    "الإسلامية الجاهلية"
).split()
_MONTH_EPITHETS = ("المبارك", "الفضيل", "الكريم", "المعظم")
_CUES = (
    "قبل",
    "بعد",
    "منذ",
    "خلال",
    "نهاية",
    "بداية",
    "مطلع",
    "منتصف",
    "أواخر",
    "أوائل",
    "طوال",
    "طيلة",
)
_DECADES = (
    "عشرينات",
    "ثلاثينات",
    "أربعينات",
    "خمسينات",
    "ستينات",
    "سبعينات",
    "ثمانينات",
    "تسعينات",
)
_ORDINALS = (
    "الأول الثاني الثالث الرابع الخامس السادس السابع الثامن التاسع العاشر الحادي عشر العشرين "
    "والعشرين"
).split()


def _months() -> tuple[list[str], list[str]]:
    calendar = data.calendar()
    names = set(calendar["gregorian"]) | set(calendar["hijri"]) | set(_EXTRA_MONTHS)
    names |= {name.replace(" ال", " ", 1) for name in names if " ال" in name}  # كانون اول
    return sorted(names), calendar["weekdays"]


@cache
def _pattern() -> regex.Pattern[str]:
    months, weekdays = _months()
    d = r"[0-9٠-٩۰-۹]"
    sp = r"[ \t\u00a0]*"
    s1 = r"[ \t\u00a0]+"
    end = r"(?![\p{L}\p{N}])"
    num_end = r"(?![\p{N}]|[.,٫٬][\p{N}])"

    def paren(x: str) -> str:
        return rf"(?:\({sp}{x}{sp}\)|{x})"

    def words(items: Iterable[str]) -> str:
        return f"(?:{alternation(items)})"

    month = words(months) + end + rf"(?:{s1}{words(_MONTH_EPITHETS)}{end})?"
    month_pair = rf"{month}(?:{sp}[/\-]{sp}\(?{sp}{month}(?:{sp}\))?|{sp}\({sp}{month}{sp}\))?"
    era = rf"(?:{sp}{words(_ERAS)}{end})?"
    year = rf"{d}{{3,4}}{num_end}"
    numeric = (
        rf"(?:{d}{{4}}{sp}[\-/]{sp}{d}{{1,2}}{sp}[\-/]{sp}{d}{{1,2}}{num_end}"
        rf"|{d}{{1,2}}(?:{sp}[/\-.]{sp}(?:{d}{{1,2}}|{month})){{1,3}}{sp}[/\-.]{sp}{paren(rf'{d}{{2,4}}{num_end}')})"
    )
    numeric_or_year = f"(?:{numeric}|{year})"
    month_date = (
        rf"(?P<md>(?:{d}{{1,2}}{num_end}{sp}/?{sp})?{month_pair}"
        rf"(?:{sp}[,،]?{sp}(?:(?:عام|سنه){sp})?{paren(numeric_or_year)})?)"
    )
    years = rf"{d}{{2,4}}{num_end}(?:{sp}[/\-]{sp}{d}{{2,4}}{num_end})?"
    year_word = rf"(?:ال)?(?:عام|سنه){sp}{paren(years)}"
    bare_year = rf"(?P<year>{paren(rf'{d}{{4}}{num_end}')})"
    weekday = rf"(?P<wd>(?:يوم{s1})?{words(weekdays)}{end})"
    qualified = (
        rf"(?:ال)?{words(_UNITS)}{s1}(?:ال{words(_NUMBER_WORDS)}{s1})?{words(_QUALIFIERS)}{end}"
    )
    this = rf"{words(_DEMONSTRATIVES)}{s1}(?:ال)?{words(_UNITS)}{end}"
    counted = (
        rf"(?:{d}{{1,4}}|{words(_NUMBER_WORDS)}){s1}{words(_COUNTED)}{end}(?!{sp}\(?{sp}{d})"
        rf"|{words(_DUALS)}{end}"
    )
    ordinal = rf"{words(_ORDINALS)}{end}"
    decade = (
        rf"(?:ال)?{words(_DECADES)}{end}|القرن{s1}{ordinal}(?:{sp}{ordinal})?"  # no space after
    )
    relative = rf"{words(_RELATIVE)}{end}"
    cue_units = [u for u in _UNITS if u not in ("عقد", "عقود")]  # عقد is also a contract
    after_cue = rf"(?:{words(_CUES)}{s1}){{1,2}}(?:ال)?(?:{words(cue_units)}|{words(_DUALS)}){end}"
    adverb = rf"{words(_ADVERBS)}{end}|{words(_HALVES)}{s1}(?:ال)?(?:سنه|عام|شهر|قرن){end}|{words(_SEASONS)}{end}"
    period = rf"{words(_PERIODS)}{s1}{words(_ERAS_NAMED)}{end}"
    core = (
        rf"(?:{weekday}(?:{sp}[,،]?{sp}(?:الموافق{s1})?(?:{numeric}|{month_date}))?"
        rf"|{numeric}|{month_date}|{year_word}|{qualified}|{this}|{counted}|{after_cue}|{decade}|{period}|{adverb}|{bare_year}|{relative})"
        rf"{era}"
    )
    core = paren(core) + era
    prefix = rf"(?:{words(_PREFIXES)}{sp}:?{sp}){{0,2}}"
    dash = r"[\-–—]"
    link = rf"(?:{sp}(?:{dash}|/){sp}|{s1}(?:الي|حتي|وحتي|لغايه|ولغايه){s1})"
    return regex.compile(rf"{START}{PREFIX}(?P<m>{prefix}{core}(?:{link}{core})?)")


@cache
def _triggers() -> frozenset[str]:
    """The words a date cannot do without (besides a number): where matching is tried."""
    months, weekdays = _months()
    phrases = [*months, *weekdays, *_RELATIVE, *_UNITS, *_COUNTED, *_DUALS, *_DECADES]
    phrases += [*_ADVERBS, *_HALVES, *_SEASONS, *_PERIODS, "القرن"]
    return clitic_forms(fold_word(phrase.split()[0]) for phrase in phrases)


_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def suggest_dates(doc: Folded) -> list[Suggestion]:
    """Every date expression in the document."""
    found = []
    for match in doc.matches(_pattern(), _triggers()):
        if not _plausible(match):
            continue
        start, end = doc.span(*match.span("m"))
        found.append(Suggestion(start, end, "date", NAME))
    return found


def _plausible(match: regex.Match[str]) -> bool:
    """Reject what only looks like a date: a bare number out of the years' range, a lone
    ambiguous month name."""
    text = match.group("m")
    if match.group("year") is not None and match.group("year") == text.strip():
        value = int(regex.sub(r"\D", "", text).translate(_DIGITS))
        return 1100 <= value <= 2100 and not _counted_before(match)
    if match.group("wd") is not None and _word_before(match) == "سوق":
        return False  # سوق الخميس, a market's name
    if match.group("md") is not None and not regex.search(r"\p{N}", text):
        return regex.sub(r"[^\p{L} ]", "", text).strip() not in _AMBIGUOUS
    return True


_NUMBER_CUES = {
    fold_word(w)
    for w in (
        "رقم",
        "رقمها",
        "رقمه",
        "عدد",
        "العدد",
        "نحو",
        "بنحو",
        "حوالي",
        "قرابة",
        "مساحة",
        "مساحتها",
        "مبلغ",
        "بمبلغ",
    )
}


def _counted_before(match: regex.Match[str]) -> bool:
    """A bare number after رقم، عدد، نحو... is a count or a number, not a year."""
    return _word_before(match) in _NUMBER_CUES


def _word_before(match: regex.Match[str]) -> str:
    before = match.string[max(0, match.start() - 20) : match.start()].split()
    return before[-1] if before else ""
