"""The terminal's bidi mode: explicit while the app runs, implicit again afterwards.

Terminals that do bidi themselves (VTE, mlterm, Konsole) would reorder our already
reordered lines. Per the terminal-wg BiDi recommendation an app that does its own bidi
resets BDSM (`CSI 8 l`, explicit mode) on start and sets it (`CSI 8 h`) on exit. The
sequences go to the stream Textual's driver writes to (stderr), and only to a terminal.
The restore runs on a normal exit, an exception, Ctrl+C (SIGINT) and interpreter exit.
"""

from __future__ import annotations

import atexit
import sys
from types import TracebackType
from typing import TextIO

BDSM_EXPLICIT = "\x1b[8l"  # we reorder: the terminal must not
BDSM_IMPLICIT = "\x1b[8h"  # the terminal's own bidi, as it was


def _is_terminal(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError):
        return False


class ExplicitBidi:
    """`with ExplicitBidi(): app.run()`: explicit bidi mode for the duration, always undone."""

    def __init__(self, stream: TextIO | None = None, enabled: bool = True) -> None:
        self.stream = (
            stream if stream is not None else sys.__stderr__
        )  # where Textual's driver writes
        self.enabled = enabled and _is_terminal(self.stream)
        self._restored = False

    def _write(self, sequence: str) -> None:
        try:
            assert self.stream is not None
            self.stream.write(sequence)
            self.stream.flush()
        except (OSError, ValueError):
            pass  # the terminal went away: nothing left to restore

    def restore(self) -> None:
        """Give the terminal its own bidi back (once)."""
        if self.enabled and not self._restored:
            self._restored = True
            self._write(BDSM_IMPLICIT)

    def __enter__(self) -> ExplicitBidi:
        if self.enabled:
            self._write(BDSM_EXPLICIT)
            atexit.register(self.restore)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.restore()
        if self.enabled:
            atexit.unregister(self.restore)
