"""Document text from a file: UTF-8, a leading BOM dropped, CRLF and CR turned into LF.

Nothing else is changed (no NFC, no stripping), so offsets match what is exported.
"""

from __future__ import annotations

from pathlib import Path

_BINARY_SNIFF = 8192


class SourceError(ValueError):
    """A file that cannot be read as a document; the message is one line naming the file."""


def normalise(text: str) -> str:
    """A leading BOM dropped; CRLF and lone CR become LF."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def decode(data: bytes, name: str = "<input>", replace_errors: bool = False) -> str:
    """Bytes to document text; refuses binary data and (unless asked) invalid UTF-8."""
    if b"\x00" in data[:_BINARY_SNIFF]:
        raise SourceError(
            f"{name} looks like a binary file (it holds NUL bytes); give a UTF-8 text file"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        if not replace_errors:
            raise SourceError(
                f"{name} is not valid UTF-8 (byte offset {error.start}: {data[error.start : error.start + 1]!r}); "
                "convert it, or use --replace-errors to read it with U+FFFD in place of bad bytes"
            ) from None
        text = data.decode("utf-8", errors="replace")
    return normalise(text)


def read_document(path: Path | str, replace_errors: bool = False) -> str:
    """The document text of the file at `path`, or a `SourceError` saying why not."""
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
    return decode(data, str(path), replace_errors)
