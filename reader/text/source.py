"""Document text from a file: UTF-8, a leading BOM dropped, CRLF and CR turned into LF.

Nothing else is changed (no NFC, no stripping), so offsets match what is exported.
"""

from __future__ import annotations

import codecs
import sys
from pathlib import Path

_BINARY_SNIFF = 8192
LEGACY_ARABIC = "cp1256"  # the legacy encoding most Arabic files that are not UTF-8 use


class SourceError(ValueError):
    """A file that cannot be read as a document; the message is one line naming the file."""


def normalise(text: str) -> str:
    """A leading BOM dropped; CRLF and lone CR become LF."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def decode(
    data: bytes, name: str = "<input>", replace_errors: bool = False, encoding: str | None = None
) -> str:
    """Bytes to document text; refuses binary data and (unless asked) undecodable bytes.

    `encoding` (a Python codec name, e.g. cp1256) reads a legacy file; the default is UTF-8.
    When UTF-8 fails but the bytes read as Windows Arabic, the error says so.
    """
    if b"\x00" in data[:_BINARY_SNIFF]:
        raise SourceError(
            f"{name} looks like a binary file (it holds NUL bytes); give a UTF-8 text file"
        )
    codec = check_encoding(encoding or "utf-8")
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as error:
        if not replace_errors:
            raise SourceError(
                f"{name} is not valid {codec.upper()} (byte offset {error.start}: "
                f"{data[error.start : error.start + 1]!r}); {legacy_hint(data, codec)}"
            ) from None
        text = data.decode(codec, errors="replace")
    return normalise(text)


def check_encoding(encoding: str) -> str:
    """The codec's canonical name; an unknown one is a SourceError naming a few that work."""
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise SourceError(
            f"unknown encoding {encoding!r}; use a Python codec name such as utf-8, cp1256, iso-8859-6"
        ) from None


def legacy_hint(data: bytes, codec: str, replace_errors: bool = True) -> str:
    """What to do about bytes that are not `codec`: name Windows Arabic when they read as it.

    `replace_errors`: the command offers --replace-errors, so the hint names it.
    """
    replace = (
        ", or --replace-errors to read it with U+FFFD in place of bad bytes"
        if replace_errors
        else ""
    )
    if codec == "utf-8" and _reads_as_arabic(data, LEGACY_ARABIC):
        return (
            f"it reads as {LEGACY_ARABIC} (Windows Arabic): use --encoding {LEGACY_ARABIC}"
            + replace
        )
    return "convert it to UTF-8, or give its --encoding" + replace


def _reads_as_arabic(data: bytes, codec: str) -> bool:
    try:
        text = data[:_BINARY_SNIFF].decode(codec)
    except UnicodeDecodeError:
        return False
    letters = [char for char in text if char.isalpha()]
    arabic = sum(1 for char in letters if "\u0600" <= char <= "\u06ff")
    return bool(letters) and arabic * 2 >= len(letters)


def read_document(
    path: Path | str, replace_errors: bool = False, encoding: str | None = None
) -> str:
    """The document text of the file at `path` (`-`: standard input), or a `SourceError`."""
    if str(path) == "-":
        return decode(sys.stdin.buffer.read(), "standard input", replace_errors, encoding)
    path = Path(path)
    if path.is_dir():
        raise SourceError(
            f"{path} is a directory; give a .txt file, or open the folder with 'reader {path}'"
        )
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(f"{path}: no such file") from None
    except PermissionError:
        raise SourceError(f"{path}: permission denied") from None
    except OSError as error:
        raise SourceError(f"{path}: cannot be read ({error.strerror})") from None
    return decode(data, str(path), replace_errors, encoding)


def is_valid_unicode(text: str) -> bool:
    """False if `text` holds a lone surrogate (undecodable bytes from argv or a file name, or a
    JSON `\\ud800`): such a string cannot be written as UTF-8 anywhere."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
