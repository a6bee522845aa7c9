"""Pictures of a conflict at 80x24 in 256 colours, 16 colours and NO_COLOR: every conflict
underlined as a suggestion, the one under the caret bold with each annotator's version marked
by its own line (underline for the first, overline for the second), and the conflict panel
listing the versions by number and name.

To look at one as a terminal shows it: `python tests/ui/view_snapshot.py SNAPSHOT.svg OUT.png`.
"""

from __future__ import annotations

from pathlib import Path

from reader.config import Config
from reader.ui.app import make_app
from tests.helpers.gold import make_gold
from tests.helpers.ui import ready


def test_a_conflict(snap_compare, tmp_path: Path, colours: str) -> None:
    store = make_gold(tmp_path / "gold.json")
    app = make_app([], Config(store_path=store.path), store=store, adjudicating=True)
    try:
        assert snap_compare(app, terminal_size=(80, 24), run_before=ready)
    finally:
        store.close()
