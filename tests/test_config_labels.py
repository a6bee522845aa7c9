"""Labels from the config file: the defaults, and the underline (claim-like) choice."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.config import DEFAULT_LABELS, load_config
from reader.errors import ReaderError


def test_default_labels_underline_only_claims() -> None:
    assert [(label.name, label.key, label.underline) for label in DEFAULT_LABELS] == [
        ("actor", "a", False),
        ("place", "p", False),
        ("date", "d", False),
        ("claim", "c", True),
    ]


def test_labels_from_the_config_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        '[[labels]]\nname = "claim"\n[[labels]]\nname = "event"\nkey = "e"\nunderline = true\n'
        '[[labels]]\nname = "org"\ncolor = "red"\n',
        encoding="utf-8",
    )
    labels = load_config(path, env={}).labels
    assert [(label.name, label.key, label.colour, label.underline) for label in labels] == [
        ("claim", "c", "#d7af00", True),
        ("event", "e", "magenta", True),
        ("org", "o", "red", False),
    ]
    path.write_text('[[labels]]\nname = "org"\nunderline = "yes"\n', encoding="utf-8")
    with pytest.raises(ReaderError, match="underline must be true or false"):
        load_config(path, env={})


def test_spans_are_by_the_configured_annotator_else_the_login_name(tmp_path: Path) -> None:
    from reader.store import AnnotationStore
    from reader.store.model import default_annotator

    text = "قال «هدى» في طرابلس ٢٠٢٥"
    path = tmp_path / "config.toml"
    for config_text, expected in (('annotator = "هدى"\n', "هدى"), ("", default_annotator())):
        path.write_text(config_text, encoding="utf-8")
        config = load_config(path, env={"READER_STORE": str(tmp_path / "s.json")})
        with AnnotationStore.open(config.store_path, annotator=config.annotator) as store:
            doc_id = store.add_document(text, doc_id=f"d{len(expected)}")
            span = store.span(store.add_span(doc_id, 4, 9, "actor"))
        assert span["annotator"] == expected
