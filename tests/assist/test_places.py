"""The place suggester: gazetteer names, head words, clitics outside, stop list, longest match."""

import pytest

from reader.assist import suggest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("زار الوفد القاهرة ثم دمشق", ["القاهرة", "دمشق"]),
        ("عاد إلى المملكة العربية السعودية أمس", ["المملكة العربية السعودية"]),
        ("وتركيا ولبنان وبالقدس", ["تركيا", "لبنان", "القدس"]),
        ("اجتمعوا بمدينة رام الله", ["مدينة رام الله"]),
        ("هُدمت قرية دير ياسين عام 1948", ["قرية دير ياسين"]),
        ("أقام في مخيم بلاطة طويلًا", ["مخيم بلاطة"]),
        ("من قرية عنابة المدمرة", ["قرية عنابة المدمرة"]),
        ("الرحلة إلى Paris ثم إلى بَارِيس", ["بَارِيس"]),
        ("تقع في الشرق الأوسط", ["الشرق الأوسط"]),
    ],
)
def test_finds_places(places, text, expected):
    assert places(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "أصدر المكتب بيانًا يوم الخميس",  # بيان, الخميس are places somewhere, words here
        "تعلم لغات البرمجة",  # not ل + غات
        "اشترى فنجان قهوة من السوق",
    ],
)
def test_stop_list_and_short_names(places, text):
    assert places(text) == []


def test_longest_match_and_offsets_after_emoji():
    text = "🇵🇸 وَصَلَ إلى الولايات المتحدة الأمريكية"
    [place] = suggest(text, only=["place"])
    assert text[place.start : place.end] == "الولايات المتحدة الأمريكية"


def test_never_inside_a_word_and_lam_alef(places):
    assert places("الباريسيون يحبون مدينتهم") == []
    assert places("زار اللاذقية ثم لاغوس") == ["اللاذقية", "لاغوس"]


def test_crlf_text_offsets(places):
    text = "سطر أول\r\nوصل إلى عمّان\r\n"
    [place] = suggest(text, only=["place"])
    assert text[place.start : place.end] == "عمّان"
