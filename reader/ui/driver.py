"""The terminal driver: Textual's own, asking for button-event mouse reports only, and
letting go of a terminal that went away.

Textual turns on any-motion tracking (`CSI ?1003 h`): the terminal then reports every move
of the pointer, a stream of bytes over SSH for nothing, since the reader needs only clicks,
drags and double-clicks. Button-event tracking (`CSI ?1002 h`) reports motion only while a
button is held, which is all a drag needs.

When an SSH session drops, the terminal is gone before SIGHUP arrives. Textual's writer
thread dies on its first failed write, and every write after it waits for room in that
thread's queue (30 writes): quitting, which puts the terminal's modes back, then waited
forever, holding the store's lock. Once the terminal is gone nothing more is written.
"""

from __future__ import annotations

import os

from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver


def terminal_gone(fd: int) -> bool:
    """Whether the terminal on `fd` hung up (an empty write fails only then)."""
    try:
        os.write(fd, b"")
    except OSError:
        return True
    return False


class ButtonMouseDriver(LinuxDriver):
    """LinuxDriver with button-event mouse tracking instead of any-motion tracking, writing
    nothing once the terminal is gone."""

    _gone = False

    def write(self, data: str) -> None:
        if not self._gone and self._file is not None:
            # (on the stream Textual writes to: a system call per write, a few per frame,
            # against a queue that would otherwise block for ever)
            self._gone = terminal_gone(self._file.fileno())
        if not self._gone:
            super().write(data)

    def close(self) -> None:
        if not self._gone:  # else its writer thread may be dead with a full queue
            super().close()

    def _enable_mouse_support(self) -> None:
        if not self._mouse:
            return
        for mode in ("1000", "1002", "1015", "1006"):  # clicks, drags, urxvt and SGR reports
            self.write(f"\x1b[?{mode}h")
        self.flush()

    def _disable_mouse_support(self) -> None:
        if not self._mouse:
            return
        for mode in ("1000", "1002", "1015", "1006"):
            self.write(f"\x1b[?{mode}l")
        self.flush()


def driver_for(default: type[Driver]) -> type[Driver]:
    """Our driver where Textual would use its Linux (POSIX) one, else Textual's choice."""
    return ButtonMouseDriver if default is LinuxDriver else default
