"""All configuration in one place: labels, keymap choice and overrides, paths, annotator.

Loaded once by the command line and passed down; nothing deeper reads files or the environment.
The user's file is `$XDG_CONFIG_HOME/reader/config.toml` (or `READER_CONFIG`)::

    annotator = "huda"
    store = "~/annotations/store.json"
    keymap = "vim"                 # a file in keymaps/, or a path to a .toml keymap

    [bindings]                     # single-binding overrides: binding id = keys
    tag-claim = "k"

    [[labels]]                     # replaces the default four
    name = "actor"
    key = "a"
    colour = "#e5a50a"
    underline = false              # true: drawn underlined with a gutter mark (as claims are)

    [[relations]]                  # replaces the default (said_by, from claim to actor)
    name = "said_by"
    from = "claim"                 # a label, or a list of labels
    to = ["actor"]
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

import platformdirs

from reader.errors import ReaderError

APP_NAME = "reader"


class Label(NamedTuple):
    """A span label: its name, the key that tags it, its colour (any Rich colour), and whether
    its spans are underlined with a gutter mark (clauses such as claims) rather than given a
    background (entities), so both stay visible where they overlap."""

    name: str
    key: str
    colour: str
    underline: bool = False


DEFAULT_LABELS: tuple[Label, ...] = (
    Label("actor", "a", "#d7875f"),
    Label("place", "p", "#5fafd7"),
    Label("date", "d", "#87af5f"),
    Label("claim", "c", "#d7af00", underline=True),
)


class RelationType(NamedTuple):
    """A kind of link between two spans and the label pairs it allows, as brat's
    annotation.conf says them: `said_by` goes from a claim to an actor."""

    name: str
    sources: tuple[str, ...]  # labels a link of this type can start from
    targets: tuple[str, ...]  # labels it can go to


DEFAULT_RELATIONS: tuple[RelationType, ...] = (RelationType("said_by", ("claim",), ("actor",)),)


class Config(NamedTuple):
    """Everything configurable, resolved: defaults, then the config file, then the environment.

    Immutable; a NamedTuple rather than a frozen dataclass, whose generated methods cost more
    to create at every start than the rest of this module."""

    store_path: Path
    labels: tuple[Label, ...] = DEFAULT_LABELS
    relations: tuple[RelationType, ...] = DEFAULT_RELATIONS
    keymap: str = "default"
    bindings: Mapping[str, str] = MappingProxyType({})
    annotator: str | None = "anonymous"  # None: the login name (the store looks it up)
    config_path: Path | None = None
    positions_path: Path | None = None  # where carets are kept between sessions (None: not kept)

    @property
    def label_names(self) -> tuple[str, ...]:
        return tuple(label.name for label in self.labels)


def config_file(env: Mapping[str, str] | None = None) -> Path:
    """The user's config file: `READER_CONFIG`, else under the XDG config directory."""
    env = os.environ if env is None else env
    if env.get("READER_CONFIG"):
        return Path(env["READER_CONFIG"]).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def default_store_path(env: Mapping[str, str] | None = None) -> Path:
    """The store: `READER_STORE`, else `store.json` under the XDG data directory."""
    env = os.environ if env is None else env
    if env.get("READER_STORE"):
        return Path(env["READER_STORE"]).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME)) / "store.json"


def default_positions_path(env: Mapping[str, str] | None = None) -> Path:
    """Carets between sessions: `positions.tsv` in `READER_STATE`, else the XDG state directory."""
    env = os.environ if env is None else env
    folder = env.get("READER_STATE") or platformdirs.user_state_dir(APP_NAME)
    return Path(folder).expanduser() / "positions.tsv"


def load_config(path: Path | None = None, env: Mapping[str, str] | None = None) -> Config:
    """Read the config file (if any) over the defaults; `READER_STORE` wins over the file."""
    env = os.environ if env is None else env
    path = config_file(env) if path is None else path
    data: dict[str, Any] = {}
    if path.is_file():
        import tomllib  # only with a config file: 9 ms of start-up otherwise

        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise ReaderError(
                f"config file {path} is not valid TOML ({error}); fix or remove it"
            ) from None
    else:
        path = None
    labels = _labels(data.get("labels"), path) if "labels" in data else DEFAULT_LABELS
    store = (
        default_store_path(env)
        if env.get("READER_STORE") or "store" not in data
        else Path(data["store"]).expanduser()
    )
    bindings = data.get("bindings", {})
    if not isinstance(bindings, dict) or not all(isinstance(v, str) for v in bindings.values()):
        raise ReaderError(f"config file {path}: [bindings] must map binding ids to key strings")
    relations = _relations(data["relations"], path) if "relations" in data else DEFAULT_RELATIONS
    return Config(
        labels=labels,
        relations=relations,
        keymap=str(data.get("keymap", "default")),
        bindings=MappingProxyType(dict(bindings)),
        store_path=store,
        annotator=str(data["annotator"]) if data.get("annotator") else None,
        config_path=path,
        positions_path=default_positions_path(env),
    )


def _labels(raw: object, path: Path | None) -> tuple[Label, ...]:
    if not isinstance(raw, list) or not raw:
        raise ReaderError(f"config file {path}: [[labels]] must be a non-empty list of tables")
    labels = []
    for number, item in enumerate(raw, 1):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"]:
            raise ReaderError(f"config file {path}: label {number} needs a name")
        default = next((d for d in DEFAULT_LABELS if d.name == item["name"]), None)
        key = item.get("key", default.key if default else item["name"][0])
        colour = item.get("colour", item.get("color", default.colour if default else "magenta"))
        underline = item.get("underline", default.underline if default else False)
        if not isinstance(underline, bool):
            raise ReaderError(
                f"config file {path}: label {item['name']!r}: underline must be true or false"
            )
        labels.append(Label(item["name"], str(key), str(colour), underline))
    names = [label.name for label in labels]
    if len(set(names)) != len(names):
        raise ReaderError(f"config file {path}: label names must be unique, got {names}")
    return tuple(labels)


def _relations(raw: object, path: Path | None) -> tuple[RelationType, ...]:
    """The [[relations]] tables: name, from and to (a label or a list of labels)."""
    if not isinstance(raw, list):
        raise ReaderError(f"config file {path}: [[relations]] must be a list of tables")
    relations = []
    for number, item in enumerate(raw, 1):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"]:
            raise ReaderError(f"config file {path}: relation {number} needs a name")
        ends = []
        for end in ("from", "to"):
            value = item.get(end)
            labels = [value] if isinstance(value, str) else value
            if (
                not isinstance(labels, list)
                or not labels
                or not all(isinstance(label, str) and label for label in labels)
            ):
                raise ReaderError(
                    f"config file {path}: relation {item['name']!r} needs {end} = a label "
                    "or a list of labels"
                )
            ends.append(tuple(labels))
        relations.append(RelationType(item["name"], ends[0], ends[1]))
    names = [relation.name for relation in relations]
    if len(set(names)) != len(names):
        raise ReaderError(f"config file {path}: relation names must be unique, got {names}")
    return tuple(relations)
