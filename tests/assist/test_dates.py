"""The date suggester on hand-written Arabic: month names of every locale, digits of both
scripts, eras, ranges, relative dates, clitics outside, offsets after emoji and harakat."""

import pytest

from reader.assist import suggest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وصل الوفد في 15 يناير 2011 إلى المدينة", ["15 يناير 2011"]),
        ("عُقد الاجتماع في ٣ كانون الثاني ٢٠٢٠ ببيروت", ["٣ كانون الثاني ٢٠٢٠"]),
        ("افتُتح المعرض في ۱۲ آب ۱۹۹۹", ["۱۲ آب ۱۹۹۹"]),
        ("صدر القرار في 4 يوليوز 2019 بالرباط", ["4 يوليوز 2019"]),
        ("وُقّع الاتفاق في 20 غشت 2018", ["20 غشت 2018"]),
        ("الامتحانات في 10 جوان 2021 بالجزائر", ["10 جوان 2021"]),
        ("وفي أكتوبر / تشرين الأول 2019 تغيّر كل شيء", ["أكتوبر / تشرين الأول 2019"]),
        ("توفي في 20 / شعبان / 1428 هجرية", ["20 / شعبان / 1428 هجرية"]),
        ("بُني المسجد عام ( 1325 ) هـ", ["عام ( 1325 ) هـ"]),
        ("وللعام 2011 ميزانية خاصة", ["عام 2011"]),
        ("نُشر بتاريخ ( 26 / 4 / 1948 ) في الجريدة", ["تاريخ ( 26 / 4 / 1948 )"]),
        ("الموعد 2011-03-15 ثابت", ["2011-03-15"]),
        ("استمرت الثورة 1936 - 1939 في فلسطين", ["1936 - 1939"]),
        ("التقى الوزيران أمس وسيلتقيان الأسبوع المقبل", ["أمس", "الأسبوع المقبل"]),
        ("وصل يوم الخميس إلى عمّان", ["يوم الخميس"]),
        ("غاب عن بيته ثلاث سنوات", ["ثلاث سنوات"]),
        ("في شهر رمضان المبارك تكثر الزيارات", ["شهر رمضان المبارك"]),
        ("ازدهرت في القرن العشرين ثم تراجعت", ["القرن العشرين"]),  # no space after
        (
            "عاشوا هنا منذ القرن التاسع عشر حتى العام الماضي",
            ["منذ القرن التاسع عشر حتى العام الماضي"],
        ),
    ],
)
def test_finds_dates(dates, text, expected):
    assert dates(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "مارس الرياضة طوال حياته",  # مارس the verb, not March
        "زار رجب صديقه في المستشفى",  # a given name
        "أُعطيت القطعة رقم 1056 للبلدية",  # a number after رقم is no year
        "اشترى 3 كتب و25 قلمًا",
        "يعمل في سوق الخميس منذ الصباح",  # a market's name
    ],
)
def test_leaves_look_alikes(dates, text):
    assert dates(text) == []


def test_offsets_survive_emoji_harakat_and_tatweel():
    text = "😀👍🏽 وَفِي ١٥ مـــارس ٢٠١١ بَدَأَت"
    [date] = suggest(text, only=["date"])
    assert text[date.start : date.end] == "١٥ مـــارس ٢٠١١"
    assert date.label == "date" and date.suggester.startswith("date/")


def test_clitic_left_outside_and_no_match_inside_a_word(dates):
    assert dates("وبعام 1990 كان") == ["عام 1990"]
    assert dates("الدرس12345 فقط") == []
