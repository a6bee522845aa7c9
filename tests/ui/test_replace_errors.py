"""`reader --replace-errors` opens a file with invalid UTF-8, as the error line suggests."""

import pytest

from reader.editing.library import Library
from reader.errors import ReaderError


def test_invalid_utf8_is_refused_then_read_with_replacement_characters(tmp_path):
    bad = tmp_path / "خبر.txt"
    bad.write_bytes("قال المتحدث ".encode() + b"\xff" + " إنّ 12 دولة".encode())
    with pytest.raises(ReaderError, match=r"byte offset 22.*--replace-errors"):
        Library.open([bad], None)
    library = Library.open([bad], None, replace_errors=True)
    assert library.text(0) == "قال المتحدث \ufffd إنّ 12 دولة"


def test_files_found_in_a_folder_are_read_the_same_way(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\xfe" + "ليبيا".encode())
    assert Library.open([tmp_path], None).text(0) is None  # shown in the list with its error
    assert Library.open([tmp_path], None, replace_errors=True).text(0) == "\ufffdليبيا"
