"""`reader cat` as a user runs it: `python -m reader cat` in a subprocess, output piped."""

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from rich.cells import cell_len

ARTICLE = (
    "قالَ الرئيسُ أردوغان (Erdoğan) إنّ عام ٢٠١٩ كان «صعباً» على الاقتصاد، وإنّ التضخم بلغ 15.2% في 2019.\n"
    "\n"
    'وأضافَ لِلصحفيين: "لَا نريد العودة إلى الأزمات" [بحسب وكالة Anadolu] 👍.\n'
    "The agency quoted him in English too.\n"
)


# Never the user's config or store: a broken config file of theirs must not fail these tests.
ISOLATED = {
    "READER_CONFIG": "/nonexistent/reader-tests/config.toml",
    "READER_STORE": "/nonexistent/reader-tests/store.json",
}


def run(*args, env=None, cwd=None):
    environment = dict(os.environ, COLUMNS="200", **ISOLATED, **(env or {}))
    return subprocess.run(
        [sys.executable, "-m", "reader", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        env=environment,
        cwd=cwd,
    )


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def assert_one_error_line(result, *needles):
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("reader: ")
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])


def test_piped_output_has_no_escape_at_all(tmp_path):
    path = tmp_path / "hostile.txt"
    path.write_text(
        "عنوان \x1b[31mأحمر\x1b[0m\x1b]0;owned\x07 و\x9b2J نهاية\n" + ARTICLE, encoding="utf-8"
    )
    result = run("cat", path)
    assert result.returncode == 0, result.stderr
    assert (
        "\x1b" not in result.stdout and "\x9b" not in result.stdout and "\x07" not in result.stdout
    )
    assert "\u241b" in result.stdout  # ESC drawn as ␛


def test_one_output_line_per_screen_line(article):
    from reader.text.layout import TextLayout
    from reader.text.shaping import DisplayOptions

    for width in (20, 40, 200):
        result = run("cat", "--width", width, article)
        assert result.returncode == 0
        rows = TextLayout(ARTICLE, width, DisplayOptions()).row_count
        if ARTICLE.endswith("\n"):  # the final newline ends the last line, as with cat
            rows -= 1
        assert result.stdout.endswith("\n")
        assert len(result.stdout[:-1].split("\n")) == rows


@pytest.mark.parametrize("width", [12, 30, 57])
def test_width_is_respected(article, width):
    result = run("cat", "--width", width, article)
    lines = result.stdout.split("\n")
    assert max(cell_len(line) for line in lines) == width  # the RTL lines reach the margin
    assert all(line == line.rstrip() for line in lines)


def test_default_width_when_piped_is_80(article):
    result = run("cat", article)
    assert max(cell_len(line) for line in result.stdout.split("\n")) == 80


def test_width_below_one_is_an_error(article):
    assert_one_error_line(run("cat", "--width", 0, article), "--width")


def test_harakat_hide_removes_marks(article):
    shown = run("cat", article).stdout
    hidden = run("cat", "--harakat", "hide", article).stdout
    marks = {"\u064b", "\u064e", "\u064f", "\u0650", "\u0651"}
    assert marks & set(shown)
    assert not any(unicodedata.category(ch) == "Mn" for ch in hidden)
    # nothing moves: the same lines, each the same width
    assert [cell_len(a) for a in shown.split("\n")] == [cell_len(b) for b in hidden.split("\n")]


def test_bidi_terminal_gives_logical_order(tmp_path):
    text = ARTICLE.rstrip("\n")  # no final newline
    path = tmp_path / "logical.txt"
    path.write_text(text, encoding="utf-8")
    result = run("cat", "--bidi", "terminal", "--width", 500, path)
    assert result.returncode == 0
    assert result.stdout == text + "\n"
    assert result.stdout.splitlines() == text.splitlines()


def test_bidi_terminal_still_hides_controls(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("نص \x1b[2J خطر", encoding="utf-8")
    result = run("cat", "--bidi", "terminal", path)
    assert "\x1b" not in result.stdout and "\u241b" in result.stdout


def test_bidi_terminal_reproduces_a_file_that_ends_with_a_newline(article):
    result = run("cat", "--bidi", "terminal", "--width", 500, article)
    assert result.stdout == ARTICLE


def test_direction_ltr_left_aligns_arabic(article):
    result = run("cat", "--direction", "ltr", "--width", 200, article)
    assert result.returncode == 0
    assert not any(line.startswith(" ") for line in result.stdout.split("\n"))
    default = run("cat", "--width", 200, article)
    assert default.stdout.split("\n")[0].startswith(" ")  # RTL right-aligned


def test_crlf_and_bom_file(tmp_path):
    path = tmp_path / "windows.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "سطر أول\r\nسطر ثانٍ\r\n".encode())
    result = run("cat", "--bidi", "terminal", path)
    assert "\r" not in result.stdout and "\ufeff" not in result.stdout
    assert result.stdout.split("\n")[:2] == ["سطر أول", "سطر ثانٍ"]


def test_not_utf8_names_the_file_and_byte_offset(tmp_path):
    path = tmp_path / "latin1.txt"
    prefix = "مقال ".encode()
    path.write_bytes(prefix + "café".encode("latin-1"))
    result = run("cat", path)
    assert_one_error_line(result, str(path), f"byte offset {len(prefix) + 3}")
    assert result.stdout == ""


def test_replace_errors_reads_it(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(b"caf\xe9")
    result = run("cat", "--replace-errors", path)
    assert result.returncode == 0 and "\ufffd" in result.stdout


def test_binary_file(tmp_path):
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    assert_one_error_line(run("cat", path), str(path), "binary")


def test_directory(tmp_path):
    assert_one_error_line(run("cat", tmp_path), str(tmp_path), "directory")


def test_missing_file(tmp_path):
    missing = tmp_path / "missing.txt"
    assert_one_error_line(run("cat", missing), str(missing), "no such file")


def test_empty_file_prints_nothing(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    result = run("cat", path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_several_files_one_bad(tmp_path, article):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe")
    second = tmp_path / "second.txt"
    second.write_text("الملف الثاني", encoding="utf-8")
    result = run("cat", "--width", 40, article, bad, second)
    assert result.returncode == 1
    assert_one_error_line(result, str(bad), "byte offset 0")
    alone = run("cat", "--width", 40, article).stdout + run("cat", "--width", 40, second).stdout
    assert result.stdout == alone  # the good ones printed, in order


def test_reader_help_and_version():
    help_ = run("--help")
    assert help_.returncode == 0 and "cat" in help_.stdout and "usage: reader" in help_.stdout
    version = run("--version")
    from reader import __version__

    assert version.returncode == 0 and version.stdout.strip() == f"reader {__version__}"


def test_cat_help():
    result = run("cat", "--help")
    assert result.returncode == 0
    for option in ("--width", "--bidi", "--harakat", "--direction", "--replace-errors"):
        assert option in result.stdout


def test_no_path_is_a_usage_error():
    result = run("cat")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "PATH" in result.stderr


def test_reader_entry_point_script_works(article):
    script = os.path.join(os.path.dirname(sys.executable), "reader")
    if not os.path.exists(script):
        pytest.skip("the reader script is not installed next to this Python")
    result = subprocess.run(
        [script, "cat", "--width", "40", str(article)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        env=dict(os.environ, **ISOLATED),
    )
    assert result.returncode == 0 and result.stdout == run("cat", "--width", 40, article).stdout


def test_dash_reads_standard_input():
    result = subprocess.run(
        [sys.executable, "-m", "reader", "cat", "--bidi", "terminal", "-"],
        input="سطرٌ من الأنبوب ١٢ و12\r\n".encode(),
        capture_output=True,
        timeout=60,
        env=dict(os.environ, **ISOLATED),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == "سطرٌ من الأنبوب ١٢ و12\n"


CP1256_TEXT = "قالَ المسؤول: «ليبيا» طلبت الدعم، عام 2019.\n"


def test_cp1256_file_names_the_encoding_and_encoding_reads_it(tmp_path):
    path = tmp_path / "windows-arabic.txt"
    path.write_bytes(CP1256_TEXT.encode("cp1256"))
    assert_one_error_line(run("cat", path), str(path), "cp1256", "--encoding cp1256")
    result = run("cat", "--bidi", "terminal", "--encoding", "cp1256", path)
    assert result.returncode == 0 and result.stdout == CP1256_TEXT


def test_unknown_encoding_is_one_line(article):
    assert_one_error_line(run("cat", "--encoding", "klingon-8", article), "klingon-8")


def test_bundled_libya_sample_is_the_article_alone():
    sample = Path(__file__).resolve().parents[1] / "sample_articles"
    text = (sample / "libya-requests-turkish-military-support.txt").read_text(encoding="utf-8")
    paragraphs = text.rstrip("\n").split("\n\n")
    assert paragraphs[0] == "ليبيا تطلب رسميا الدعم العسكري التركي"  # the title, no stray "in"
    assert all(p.strip() and p == p.strip() for p in paragraphs)  # no blank or NBSP-only lines
    for boilerplate in ("Written by", "اترك تعليقاً", "بريدك الإلكتروني", "إقرأ المزيد"):
        assert boilerplate not in text
    assert paragraphs[-1].startswith("ذكرت تقارير الأمم المتحدة")
