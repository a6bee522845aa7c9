"""Code points <-> UTF-16 units, and offsets moved by newline normalisation."""

import pytest

from reader.formats.offsets import (
    NewlineMap,
    OffsetError,
    Utf16Offsets,
    codepoints_to_utf16,
    utf16_to_codepoints,
)


def test_bmp_text_converts_for_free():
    text = "قالَ الرئيسُ لا"
    units = Utf16Offsets(text)
    assert units.length_utf16 == len(text)
    assert [units.to_utf16(i) for i in range(len(text) + 1)] == list(range(len(text) + 1))


def test_emoji_shifts_utf16_offsets():
    text = "😀 مصر 🇪🇬 القاهرة"
    start = text.index("القاهرة")
    # 😀 is one astral character, the flag is two: three extra UTF-16 units before the city.
    assert codepoints_to_utf16(text, start) == start + 3
    assert utf16_to_codepoints(text, start + 3) == start
    assert len(text.encode("utf-16-le")) // 2 == Utf16Offsets(text).length_utf16


def test_every_offset_round_trips():
    text = "a😀bـلا🇪🇬c"
    units = Utf16Offsets(text)
    for i in range(len(text) + 1):
        assert units.from_utf16(units.to_utf16(i)) == i
        assert units.to_utf16(i) == len(text[:i].encode("utf-16-le")) // 2


def test_offset_inside_a_surrogate_pair_is_an_error():
    with pytest.raises(OffsetError, match="surrogate pair"):
        utf16_to_codepoints("a😀b", 2)


def test_out_of_range_is_an_error():
    with pytest.raises(OffsetError, match="out of range"):
        utf16_to_codepoints("abc", 4)
    with pytest.raises(OffsetError, match="out of range"):
        codepoints_to_utf16("abc", -1)


def test_newline_map_moves_offsets_past_bom_and_crlf():
    original = "\ufeffسطر\r\nثانٍ\rثالث"
    mapping = NewlineMap(original)
    assert mapping.text == "سطر\nثانٍ\nثالث"
    assert mapping.bom and mapping.crlf and mapping.cr
    start = original.index("ثانٍ")
    assert mapping.text[mapping.to_new(start) : mapping.to_new(start + 4)] == "ثانٍ"
    start = original.index("ثالث")
    assert mapping.text[mapping.to_new(start) :] == "ثالث"
    crlf = original.index("\r\n")
    assert mapping.inside_crlf(crlf + 1) and not mapping.inside_crlf(crlf)


def test_newline_map_keeps_bom_when_asked():
    mapping = NewlineMap("\ufeffa\r\nb", drop_bom=False)
    assert mapping.text == "\ufeffa\nb"
    assert mapping.to_new(4) == 3
