"""The actor suggester: a role or title cue followed by a name, or an organisation's head noun
followed by its name.

    الرئيس محمود عباس      -> محمود عباس      (a person: the name, without the title)
    وزير الخارجية الأمريكي أنتوني بلينكن -> أنتوني بلينكن
    حركة حماس، وزارة الصحة  -> the whole phrase (an organisation: its head noun is its name)

A person's name is one to three words up to a function word, a place, a number, punctuation
or line end; an organisation's is its run of ال words (وزارة الصحة العامة) or one word (حركة فتح).
"""

from __future__ import annotations

from functools import cache

from reader.assist.clitics import clitic_forms, stems
from reader.assist.folded import Folded, fold_word
from reader.assist.model import Suggestion
from reader.assist.places import one_word_places

NAME = "actor/1"

_TITLES = (
    "الرئيس رئيس الملك الملكة الأمير الأميرة الشيخ الدكتور د السيد السيدة السفير النائب "
    "المستشار الجنرال العميد العقيد المشير الفريق الرائد النقيب القائد الزعيم الإمام البابا "
    "المطران الحاخام القاضي المحامي الصحفي الكاتب الناشط المبعوث المندوب المدير الأمين "
    "الوزير الوزيرة وزير وزيرة المتحدث المتحدثة الناطق الناطقة مستشار نائب أمين مدير زعيم "
    "قائد محافظ رئيسة عضو"
).split()
# Said of a title before the name: its portfolio or body (وزير الخارجية، المتحدث باسم الجيش).
_OF = "باسم العام الأعلى".split()
_ORGANISATIONS = (
    "حركة حزب جماعة تنظيم منظمة وزارة جيش مجلس هيئة جبهة اتحاد جامعة بلدية شركة وكالة "
    "لجنة محكمة برلمان حكومة مؤسسة جمعية نقابة قوات كتائب سرايا"
).split()
_FUNCTION = (
    "في من على إلى الى عن أن إن ان بأن لأن قد لقد كان كانت الذي التي الذين و أو ثم مع "
    "بعد قبل خلال منذ حتى هو هي هم كما لكن بل إذ إذا لم لن لا ما يوم عام عند حيث قال "
    "قالت أكد أكدت أعلن أعلنت أضاف أضافت أوضح أوضحت صرح صرحت نفى نفت زعم اعتبر أشار "
    "ذكر وقال وقالت وأكد وأضاف وأوضح"
).split()
_MAX_NAME = 3
_MAX_CUE = 4


@cache
def _words() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    def folded(words: list[str]) -> frozenset[str]:
        return frozenset(fold_word(word) for word in words)

    return folded(_TITLES), folded(_OF), folded(_ORGANISATIONS), folded(_FUNCTION)


@cache
def _starts() -> frozenset[str]:
    titles, _, organisations, _ = _words()
    return clitic_forms([*titles, *organisations])


def suggest_actors(doc: Folded) -> list[Suggestion]:
    """Named people after a title, and organisations after their head noun."""
    titles, of, organisations, function = _words()
    places = one_word_places()
    first_words = _starts()
    starts, ends, texts, joined = doc.starts, doc.ends, doc.word_texts, doc.joined
    count = len(texts)
    found: list[Suggestion] = []

    def name_words(i: int) -> int:
        """How many words from i make a name (0 if none)."""
        size = 0
        while size < _MAX_NAME and i + size < count:
            w = texts[i + size]
            if (
                w in function
                or w in titles
                or w in places
                or not w.isalpha()
                or (size == 0 and w.startswith("ال"))
            ):
                break
            size += 1
            if not joined(i + size - 1):
                break
        return size

    def _article_run(i: int) -> int:
        """How many words from i start with ال (وزارة الصحة العامة), at most _MAX_NAME."""
        size = 0
        while size < _MAX_NAME and i + size < count and texts[i + size].startswith("ال"):
            size += 1
            if not joined(i + size - 1):
                break
        return size

    resume = 0
    for index in doc.indices(first_words):
        if index < resume:
            continue
        w = texts[index]
        readings = stems(w)
        kind, offset = "", 0
        for stem_offset, stem in readings:
            if stem in titles:
                kind, offset = "person", stem_offset
                break
            if stem in organisations:
                kind, offset = "organisation", stem_offset
                break
        if not kind or not joined(index):
            continue
        if kind == "organisation":
            size = _article_run(index + 1) or min(1, name_words(index + 1))
            if size:
                last = index + size
                found.append(
                    Suggestion(*doc.span(starts[index] + offset, ends[last]), "actor", NAME)
                )
                resume = last + 1
            continue
        # A person: skip what qualifies the title (its portfolio, باسم X, a nationality).
        at = index + 1
        while at < count and at - index <= _MAX_CUE and texts[at - 1] and joined(at - 1):
            current = texts[at]
            if current in of and joined(at):
                at += 2
            elif current.startswith("ال") or current in titles:
                at += 1
            else:
                break
        if at < count and joined(at - 1):
            size = name_words(at)
            if size:
                found.append(Suggestion(*doc.span(starts[at], ends[at + size - 1]), "actor", NAME))
                resume = at + size
    return found
