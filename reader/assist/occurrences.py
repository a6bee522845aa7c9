"""stub"""

from __future__ import annotations


def tag_all() -> None: ...
def tag_all_corpus() -> None: ...
