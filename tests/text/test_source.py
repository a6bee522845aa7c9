"""reader.text.source: the document text is the file's UTF-8, a leading BOM dropped, CRLF and
lone CR turned into LF, and nothing else changed, because every stored offset indexes it."""

import os
import unicodedata

import pytest

from reader.text.source import SourceError, decode, normalise, read_document

ARABIC = "قالَ الرئيسُ: «العـــربيةُ لغةٌ جميلة» (Erdoğan) ٢٠١٩ و2019."


def write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_leading_bom_is_dropped(tmp_path):
    path = write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + ARABIC.encode("utf-8"))
    assert read_document(path) == ARABIC


def test_only_a_leading_bom_is_dropped_an_inner_one_stays():
    # A U+FEFF inside the text is content (ZWNBSP); dropping it would shift every later offset.
    text = "سلام\ufeffعليكم"
    assert decode(("\ufeff" + text).encode("utf-8")) == text


def test_crlf_and_lone_cr_become_lf():
    data = "سطر أول\r\nسطر ثانٍ\rسطر ثالث\r\n\r\nفقرة\n".encode()
    assert decode(data) == "سطر أول\nسطر ثانٍ\nسطر ثالث\n\nفقرة\n"


def test_cr_cr_lf_is_two_line_breaks():
    assert normalise("أ\r\r\nب") == "أ\n\nب"


def test_bom_and_crlf_together(tmp_path):
    path = write(tmp_path, "both.txt", b"\xef\xbb\xbf" + "مرحبا\r\nHello\r\n".encode())
    assert read_document(path) == "مرحبا\nHello\n"


def test_nothing_else_changes_no_nfc_no_stripping():
    # e + combining acute (decomposed), alef + hamza above as two code points, tabs, trailing
    # spaces, tatweel, ZWNJ, a lone RLM: all kept exactly.
    text = "  cafe\u0301\t\u0627\u0654\u0644\u0640\u0640\u0645\u200c\u0647 \u200f 12  \n\n"
    assert unicodedata.normalize("NFC", text) != text  # the sample really is not NFC
    assert decode(text.encode("utf-8")) == text
    assert len(decode(text.encode("utf-8"))) == len(text)


def test_invalid_utf8_names_the_file_and_the_exact_byte_offset(tmp_path):
    prefix = "\ufeffسلام عليكم ".encode("utf-8")  # BOM (3 bytes) + multi-byte letters
    path = write(tmp_path, "latin1.txt", prefix + b"caf\xe9 ok")
    with pytest.raises(SourceError) as caught:
        read_document(path)
    message = str(caught.value)
    assert str(path) in message
    assert f"byte offset {len(prefix) + 3}" in message  # the \xe9, counted in the raw file
    assert "\n" not in message


def test_truncated_sequence_at_the_end_reports_its_offset():
    data = "نص".encode() + b"\xd8"  # the first byte of a two-byte letter, then EOF
    with pytest.raises(SourceError, match=r"byte offset 4\b"):
        decode(data, "cut.txt")


def test_replace_errors_gives_u_fffd():
    data = "أ".encode() + b"\xff" + "ب".encode()
    assert decode(data, replace_errors=True) == "أ\ufffdب"


def test_replace_errors_still_normalises(tmp_path):
    path = write(tmp_path, "x.txt", b"\xef\xbb\xbfa\xffb\r\nc")
    assert read_document(path, replace_errors=True) == "a\ufffdb\nc"


def test_nul_bytes_mean_binary_and_are_refused(tmp_path):
    path = write(tmp_path, "image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(SourceError, match="binary") as caught:
        read_document(path)
    assert str(path) in str(caught.value)


def test_binary_is_refused_even_with_replace_errors():
    with pytest.raises(SourceError, match="binary"):
        decode(b"abc\x00def", "x.bin", replace_errors=True)


def test_utf16_file_is_refused_not_misread(tmp_path):
    path = write(tmp_path, "utf16.txt", "Hello مرحبا".encode("utf-16"))
    with pytest.raises(SourceError):
        read_document(path)


def test_directory_is_refused_with_a_hint(tmp_path):
    with pytest.raises(SourceError, match="directory") as caught:
        read_document(tmp_path)
    assert str(tmp_path) in str(caught.value)


def test_missing_file(tmp_path):
    missing = tmp_path / "nope.txt"
    with pytest.raises(SourceError, match="no such file") as caught:
        read_document(missing)
    assert str(missing) in str(caught.value)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path):
    path = write(tmp_path, "secret.txt", b"x")
    path.chmod(0)
    try:
        with pytest.raises(SourceError, match="permission denied"):
            read_document(path)
    finally:
        path.chmod(0o600)


def test_empty_file_is_empty_text(tmp_path):
    assert read_document(write(tmp_path, "empty.txt", b"")) == ""


def test_source_error_is_a_value_error_with_one_line_messages(tmp_path):
    errors = []
    for data in (b"\x00", b"\xc3\x28"):
        try:
            decode(data, "f.txt")
        except SourceError as error:
            errors.append(str(error))
    assert len(errors) == 2 and all("\n" not in e and e.startswith("f.txt") for e in errors)
    assert issubclass(SourceError, ValueError)


def test_latin1_bytes_do_not_claim_to_be_cp1256():
    with pytest.raises(SourceError) as caught:
        decode("déjà vu, naïve café".encode("latin-1"))
    assert "cp1256" not in str(caught.value) and "--encoding" in str(caught.value)


def test_an_encoding_decodes_and_still_normalises():
    text = "قالَ: «سلام»\r\nعام 2019"
    assert decode(text.encode("cp1256"), encoding="cp1256") == "قالَ: «سلام»\nعام 2019"


def test_the_apps_encoding_reaches_every_later_read(tmp_path):
    from reader.text import source

    path = write(tmp_path, "old.txt", "قالَ: «سلام»\r\n".encode("cp1256"))
    with pytest.raises(SourceError, match="cp1256"):
        read_document(path)
    assert read_document(path, encoding="windows-1256") == "قالَ: «سلام»\n"
    with pytest.raises(SourceError, match="unknown encoding"):
        source.check_encoding("klingon-8")
