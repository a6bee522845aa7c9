"""The judge's check of `reader cat`, on our fixtures and on the shared real articles.

1. At a width wider than the paragraph, `reader cat` draws the same letters in the same screen
   order as python-bidi's `get_display` (its conformant Rust core) on the raw paragraph. The
   comparison ignores harakat and the choice of presentation forms: each of our cells is
   NFKC-normalised on its own and its marks dropped; a lam-alef cell is one cell for two
   letters, and at an odd level those two letters are reversed to match `get_display`'s visual
   order. `get_display` does not apply rule L4 (it is checked below), so a mirrored bracket in
   one of our odd-level cells is turned back before comparing, and the check insists that
   brackets inside Arabic really are mirrored.
2. At width 60: no word split (every line boundary falls after a space in the logical text,
   unless the word is wider than 60), no line wider than 60 cells (rich's cell_len), and the
   lines of a right-to-left paragraph right-aligned (exactly 60 cells wide).
"""

import itertools
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from bidi import get_display
from rich.cells import cell_len

from reader.commands.cat import render_lines
from reader.text.layout import TextLayout
from reader.text.shaping import DisplayOptions
from reader.text.source import read_document

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_FILES = sorted(FIXTURES.glob("*.txt"))
ARTICLES = Path(__file__).parents[2].parent / "shared" / "data" / "articles"
ARTICLE_FILES = sorted(ARTICLES.glob("*.txt")) if ARTICLES.is_dir() else []
OPTIONS = DisplayOptions()  # what `reader cat` uses by default
WIDTH = 60
BREAK_SPACES = " \t\u3000"
# Our own table of the mirrored pairs the texts use (not the code's BidiMirroring data).
MIRROR = {
    "(": ")",
    ")": "(",
    "[": "]",
    "]": "[",
    "{": "}",
    "}": "{",
    "«": "»",
    "»": "«",
    "<": ">",
    ">": "<",
}


def paragraphs(path):
    return [p for p in read_document(path).split("\n") if p]


def first_strong(text):
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("L", "R", "AL"):
            return kind
    return None


def reference(paragraph):
    """get_display's visual order; a paragraph with no strong letter reads RTL (as in the design)."""
    return get_display(paragraph, base_dir=None if first_strong(paragraph) else "R")


def base_letters(text):
    """Each character NFKC-normalised on its own, combining marks dropped."""
    return [
        c
        for ch in text
        for c in unicodedata.normalize("NFKC", ch)
        if unicodedata.category(c) != "Mn"
    ]


def our_letters(line, counter=None):
    """The letters our cells draw, left to right, in get_display's terms."""
    out = []
    for cell in line.cells:
        text = cell.text
        if cell.level % 2 and not GET_DISPLAY_MIRRORS:
            if any(unicodedata.mirrored(ch) for ch in text):
                assert text in MIRROR, f"unexpected mirrored cell {text!r}"
                text = MIRROR[text]
                if counter is not None:
                    counter.append(cell)
        letters = base_letters(text)
        out.extend(reversed(letters) if cell.level % 2 else letters)  # lam-alef: 2 letters
    return "".join(out).strip()


# Does get_display apply L4? Unmirrored, the logical ")" at the far left stays ")".
GET_DISPLAY_MIRRORS = get_display("قال (نعم)") == "(معن) لاق"


def test_how_get_display_treats_brackets():
    # Pin down what the reference does, so the comparison's handling is not a guess.
    shown = get_display("قال (نعم)")
    assert shown in ("(معن) لاق", ")معن( لاق")
    assert GET_DISPLAY_MIRRORS == (shown == "(معن) لاق")


def test_fixtures_are_what_they_claim():
    assert {p.name for p in FIXTURE_FILES} >= {
        "siyasa.txt",
        "iqtisad.txt",
        "thaqafa.txt",
        "mixed_direction.txt",
        "crlf_bom.txt",
    }
    raw = (FIXTURES / "crlf_bom.txt").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # not normalised away by git
    everything = "".join(read_document(p) for p in FIXTURE_FILES)
    for needle in (
        "لا",
        "لأ",
        "لإ",
        "لآ",
        "لَا",
        "ـــ",
        "\u0651",
        "Erdoğan",
        "٢٠٢٤",
        "2024",
        "(",
        "«",
        "[",
        '"',
        "📈",
        "%",
        "٪",
    ):
        assert needle in everything, needle
    assert "\r" not in everything and "\ufeff" not in everything


def compare_with_get_display(path, mirrored_cells):
    for paragraph in paragraphs(path):
        width = 4 * len(paragraph) + 10
        layout = TextLayout(paragraph, width, OPTIONS)
        [line] = layout.lines()
        [rendered] = render_lines(paragraph, width, OPTIONS)
        assert rendered == (" " * line.offset + "".join(c.text for c in line.cells)).rstrip()
        expected = "".join(base_letters(reference(paragraph))).strip()
        assert our_letters(line, mirrored_cells) == expected, paragraph


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.name)
def test_fixture_same_letters_same_order_as_python_bidi(path):
    compare_with_get_display(path, [])


def test_brackets_inside_arabic_were_mirrored_in_the_fixtures():
    mirrored = []
    for path in FIXTURE_FILES:
        compare_with_get_display(path, mirrored)
    if GET_DISPLAY_MIRRORS:
        pytest.skip("get_display mirrors brackets itself: compared directly")
    texts = {cell.text for cell in mirrored}
    assert {"(", ")", "«", "»", "[", "]"} <= texts


def check_width(text, width=WIDTH):
    layout = TextLayout(text, width, OPTIONS)
    laid = list(layout.lines())
    if text.endswith("\n"):  # the final newline ends the last line, as with cat
        laid = laid[:-1]
    rendered = list(render_lines(text, width, OPTIONS))
    assert len(rendered) == len(laid)  # one output line per screen line
    for index in range(len(layout.paragraphs)):
        lines = layout.paragraph(index).lines
        for _before, after in itertools.pairwise(lines):
            cut = after.start
            if text[cut - 1] not in BREAK_SPACES:
                left = max(text.rfind(c, 0, cut) for c in BREAK_SPACES + "\n") + 1
                right = min(
                    (i for i in (text.find(c, cut) for c in BREAK_SPACES + "\n") if i != -1),
                    default=len(text),
                )
                word = text[left:right]
                assert cell_len(word) > width, f"word split at {cut}: {word!r}"
    for line, out in zip(laid, rendered, strict=False):
        assert "\x1b" not in out
        assert cell_len(out) <= width, out
        if line.rtl and line.width:
            leading = len(text[line.start : line.end]) - len(
                text[line.start : line.end].lstrip(" ")
            )
            assert cell_len(out) == width - leading, (out, line.offset, line.width)
        elif line.width:
            assert cell_len(out) == line.width - (len(out) - len(out.rstrip()))


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.name)
def test_fixture_at_width_60(path):
    check_width(read_document(path))


def test_fixture_long_word_is_the_only_split():
    text = read_document(FIXTURES / "thaqafa.txt")
    url_start = text.index("https://")
    url_end = text.index(" ", url_start)
    assert url_end - url_start > WIDTH
    laid = list(TextLayout(text, WIDTH, OPTIONS).lines())
    splits = [line.start for line in laid if line.start and text[line.start - 1] not in " \n"]
    assert splits and all(url_start < s < url_end for s in splits)


def run_cat(*args):
    return subprocess.run(
        [sys.executable, "-m", "reader", "cat", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        env=dict(
            os.environ, READER_CONFIG="/nonexistent/reader-tests/config.toml"
        ),  # not the user's
    )


def expected_output(paths, width):
    return "".join("\n".join(render_lines(read_document(p), width, OPTIONS)) + "\n" for p in paths)


def test_the_real_cli_prints_the_same_lines():
    result = run_cat("--width", WIDTH, *FIXTURE_FILES)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout == expected_output(FIXTURE_FILES, WIDTH)
    for out in result.stdout.split("\n"):
        assert cell_len(out) <= WIDTH


def test_the_real_cli_wide_matches_get_display():
    path = FIXTURES / "siyasa.txt"
    result = run_cat("--width", 1000, path)
    assert result.returncode == 0
    printed = [line for line in result.stdout.split("\n") if line]
    paras = paragraphs(path)
    assert len(printed) == len(paras)
    for out, paragraph in zip(printed, paras, strict=False):
        # From the printed text alone, without levels: a lam-alef (two AL letters, always at an
        # odd level) is reversed; every bracket of this file sits inside Arabic, at an odd level.
        ours = []
        for char in out.strip():
            letters = base_letters(char)
            if len(letters) == 2 and all(unicodedata.bidirectional(c) == "AL" for c in letters):
                letters.reverse()
            ours.extend(MIRROR.get(c, c) if not GET_DISPLAY_MIRRORS else c for c in letters)
        assert "".join(ours) == "".join(base_letters(reference(paragraph))).strip(), paragraph


def test_rtl_paragraph_with_a_trailing_space_is_right_aligned():
    text = "قال المتحدث إنّ الوضع تحت السيطرة \nوأضاف أنّ الاجتماع انتهى"
    for out in render_lines(text, WIDTH, OPTIONS):
        assert cell_len(out) == WIDTH


# -- the shared real articles ------------------------------------------------------------------


def need_articles(path):
    if path is None:
        pytest.skip(f"{ARTICLES} not present")


@pytest.mark.parametrize("path", ARTICLE_FILES or [None], ids=lambda p: p.name if p else "absent")
def test_article_same_letters_same_order_as_python_bidi(path):
    need_articles(path)
    compare_with_get_display(path, [])


@pytest.mark.parametrize("path", ARTICLE_FILES or [None], ids=lambda p: p.name if p else "absent")
def test_article_at_width_60(path):
    need_articles(path)
    check_width(read_document(path))


def test_the_real_cli_on_the_articles():
    need_articles(ARTICLE_FILES[0] if ARTICLE_FILES else None)
    result = run_cat("--width", WIDTH, *ARTICLE_FILES)
    assert result.returncode == 0, result.stderr
    assert result.stdout == expected_output(ARTICLE_FILES, WIDTH)
    assert "\x1b" not in result.stdout
