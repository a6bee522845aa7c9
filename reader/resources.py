"""Where the files shipped with the package live, installed or in a source checkout."""

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    """A folder bundled into the wheel under `reader/`, or at the top of a source checkout."""
    inside = _PACKAGE / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


def samples_dir() -> Path:
    """The bundled sample articles."""
    return _shipped("sample_articles")


def keymaps_dir() -> Path:
    """The bundled keymaps (`default.toml`, `vim.toml`)."""
    return _shipped("keymaps")
