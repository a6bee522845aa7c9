"""Textual's binding chain, worked out once per focus and keymap instead of on every key press.

On each key press Textual copies the bindings of the focused widget and of each of its
ancestors and applies the app's keymap to every copy (`Screen._binding_chain`). Applying a
keymap is quadratic in a node's bindings; with every binding of the reader having an id and
an Arabic-layout twin, that was about 4 ms of every key press (measured by
bench/bench_annotate.py): a quarter of a frame before the key does anything. The chain
depends only on which widget has focus, the nodes' bindings and the keymap, so it is kept
until one of those changes. Textual only reads the chain, never changes it.
"""

from __future__ import annotations

from typing import Any


class CachedBindingChain:
    """Mix into a Screen (before Screen) to cache its binding chain."""

    _chain_cache: tuple[tuple[object, ...], Any] | None = None

    @property
    def _binding_chain(self) -> Any:
        screen: Any = self
        focused = screen.focused
        nodes = (screen, screen.app) if focused is None else tuple(focused.ancestors_with_self)
        key = (
            id(screen.app._keymap),
            focused is not None and focused.loading,
            tuple(
                (id(node), id(node._bindings), len(node._bindings.key_to_bindings))
                for node in nodes
            ),
        )
        cached = self._chain_cache
        if cached is None or cached[0] != key:
            cached = self._chain_cache = (key, super()._binding_chain)  # type: ignore[misc]
        return cached[1]
