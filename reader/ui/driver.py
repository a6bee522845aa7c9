"""The terminal driver: Textual's own, asking for button-event mouse reports only.

Textual turns on any-motion tracking (`CSI ?1003 h`): the terminal then reports every move
of the pointer, a stream of bytes over SSH for nothing, since the reader needs only clicks,
drags and double-clicks. Button-event tracking (`CSI ?1002 h`) reports motion only while a
button is held, which is all a drag needs.
"""

from __future__ import annotations

from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver


class ButtonMouseDriver(LinuxDriver):
    """LinuxDriver with button-event mouse tracking instead of any-motion tracking."""

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
