"""Keymaps: binding id -> keys, from `keymaps/*.toml` and the user's config, plus Arabic aliases.

Every binding in the app has a kebab-case id (Posting-style). The effective keymap is built
in layers, each overriding single ids: the keys declared in code, the chosen keymap file
(`config.keymap`: a name in `keymaps/` or a path), then `config.bindings`. Every
single-character key then also gets its Arabic-layout twin (`arabic_layout`). The result
goes to `App.set_keymap`, which Textual applies to every binding with that id.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping
from pathlib import Path

from textual.binding import Binding, BindingsMap

from reader.errors import ReaderError
from reader.resources import keymaps_dir
from reader.ui.arabic_layout import with_arabic_keys


def keymap_path(name: str, directory: Path | None = None) -> Path:
    """The file a keymap name stands for: `<name>.toml` in the keymaps folder, or a path."""
    directory = keymaps_dir() if directory is None else directory
    candidate = Path(name).expanduser()
    if candidate.suffix == ".toml" or "/" in name or candidate.is_file():
        return candidate
    return directory / f"{name}.toml"


def read_keymap(path: Path) -> dict[str, str]:
    """The `[bindings]` table of a keymap file: binding id -> comma-separated keys."""
    import tomllib  # only when a keymap file is given

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        available = ", ".join(sorted(p.stem for p in keymaps_dir().glob("*.toml")))
        raise ReaderError(f"keymap {path} not found (bundled keymaps: {available})") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ReaderError(f"keymap {path} cannot be read: {error}") from None
    bindings = data.get("bindings", {})
    if not isinstance(bindings, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in bindings.items()
    ):
        raise ReaderError(f"keymap {path}: [bindings] must map binding ids to key strings")
    return dict(bindings)


def chosen_keymap(name: str) -> dict[str, str]:
    """The bindings of the keymap a config names (`config.keymap`). Empty for no name or for
    the bundled default, which lists the keys declared in code (a test keeps them equal):
    nothing to read, and no TOML parser to import before the first paint."""
    if not name or name == "default":
        return {}
    return read_keymap(keymap_path(name))


def declared_keys(bindings: Iterable[Binding]) -> dict[str, str]:
    """Binding id -> the keys declared for it in code, in declaration order."""
    keys: dict[str, list[str]] = {}
    for binding in bindings:
        if binding.id is None:
            continue
        listed = keys.setdefault(binding.id, [])
        for key in binding.key.split(","):
            if key.strip() and key.strip() not in listed:
                listed.append(key.strip())
    return {binding_id: ",".join(listed) for binding_id, listed in keys.items()}


def bindings_of(maps: Iterable[BindingsMap]) -> list[Binding]:
    """Every binding in some bindings maps (a node's `_bindings`, a class's merged bindings)."""
    return [binding for bindings_map in maps for _, binding in bindings_map]


def effective_keymap(
    declared: Mapping[str, str],
    chosen: Mapping[str, str] | None = None,
    overrides: Mapping[str, str] | None = None,
    arabic: bool = True,
) -> dict[str, str]:
    """Declared keys, then the chosen keymap file, then single overrides; Arabic twins added.

    Ids not declared anywhere in code are kept too (a keymap may name a binding of a screen
    that is not open yet); Textual ignores ids that match no binding.
    """
    keymap = {**declared, **(chosen or {}), **(overrides or {})}
    if arabic:
        owners: dict[str, set[str]] = {}
        for binding_id, keys in keymap.items():
            for key in keys.split(","):
                owners.setdefault(key.strip(), set()).add(binding_id)
        keymap = {  # a twin is added unless another binding has that key
            binding_id: with_arabic_keys(keys, _OthersKeys(owners, binding_id))
            for binding_id, keys in keymap.items()
        }
    return keymap


class _OthersKeys(Container[str]):
    """The keys some binding other than `binding_id` has (asked of a few twins, where a set
    of every key but its own, made for each of 90 bindings, cost more than the keymap)."""

    def __init__(self, owners: Mapping[str, set[str]], binding_id: str) -> None:
        self.owners, self.binding_id = owners, binding_id

    def __contains__(self, key: object) -> bool:
        ids = self.owners.get(key) if isinstance(key, str) else None
        if not ids:
            return False
        return len(ids) > 1 or self.binding_id not in ids


def unknown_ids(keymap: Mapping[str, str], declared: Mapping[str, str]) -> list[str]:
    """Ids in a keymap or config that no binding has: probably a typo worth telling the user."""
    return sorted(set(keymap) - set(declared))


def keys_by_id(
    bindings_map: BindingsMap, keymap: Mapping[str, str]
) -> list[tuple[Binding, list[str]]]:
    """A node's bindings after the keymap, one entry per binding (keys gathered per id).

    This is what Textual will act on: the node's declared bindings with the keymap applied
    to a copy, exactly as `Screen._binding_chain` does on every key press.
    """
    live = bindings_map.copy()
    if keymap:
        live.apply_keymap(dict(keymap))
    grouped: dict[str, tuple[Binding, list[str]]] = {}
    for key, binding in live:
        group = binding.id or f"{binding.action}:{binding.description}"
        if group not in grouped:
            grouped[group] = (binding, [])
        if key not in grouped[group][1]:
            grouped[group][1].append(key)
    return list(grouped.values())
