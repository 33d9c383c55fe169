"""The systemd watchdog, fed from the GUI thread: a frozen screen stops the pings.

The kiosk's and the board's units are ``Type=notify`` with ``WatchdogSec=``. Once the
window is up the face says ``READY=1``; a ``QTimer`` on the GUI thread then sends
``WATCHDOG=1`` at half the interval. The timer fires only while the event loop turns, so
a GUI thread stuck in a slot, a deadlock or an endless loop misses its pings and systemd
restarts the session (and, after repeated failures, reboots the PC).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Slot

from kiosk.sdnotify import Notifier

log = logging.getLogger(__name__)


class GuiWatchdog(QObject):
    """Says ready once, then pings the systemd watchdog while the GUI thread is alive."""

    def __init__(self, notifier: Notifier, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._notifier = notifier
        self._failing = False
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._ping)

    def start(self) -> None:
        """Tell systemd the face is up and start pinging (nothing outside systemd)."""
        if self._notifier.address is None:
            return
        self._report(self._notifier.ready(), "READY=1")
        interval = self._notifier.ping_interval_ms
        if interval is not None:
            self._timer.start(interval)
            log.info("systemd watchdog fed every %d ms from the GUI thread", interval)

    @Slot()
    def _ping(self) -> None:
        self._report(self._notifier.ping(), "WATCHDOG=1")

    def _report(self, sent: bool, state: str) -> None:
        """A refused datagram is logged once, not at every ping."""
        if not sent and not self._failing:
            log.warning("systemd notify socket refused %s", state)
        self._failing = not sent


def start_watchdog(parent: QObject) -> GuiWatchdog:
    """The watchdog systemd set up for this process, started; it lives as long as ``parent``."""
    watchdog = GuiWatchdog(Notifier.from_environment(), parent)
    watchdog.start()
    return watchdog
