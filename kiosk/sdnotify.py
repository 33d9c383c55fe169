"""The systemd notify protocol: ``READY=1`` and ``WATCHDOG=1`` datagrams to ``$NOTIFY_SOCKET``.

A service started by systemd with ``Type=notify`` finds the socket's path in
``NOTIFY_SOCKET`` (a leading ``@`` names an abstract socket) and, with ``WatchdogSec=``,
the watchdog interval in ``WATCHDOG_USEC``. Outside systemd both are unset and every call
here does nothing, so the kiosk runs the same from a terminal.

The kiosk runs as a child of ``cage``, the unit's main process, so ``WATCHDOG_PID`` names
cage and not us: the unit sets ``NotifyAccess=all`` and the interval is taken regardless.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Notifier:
    """Where to send notifications, and how often the watchdog wants a ping (if at all)."""

    address: str | None
    watchdog_usec: int | None

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> Notifier:
        """The notifier systemd set up for this process (or an inert one)."""
        env = os.environ if environ is None else environ
        address = env.get("NOTIFY_SOCKET") or None
        raw = env.get("WATCHDOG_USEC", "")
        usec = int(raw) if raw.isdigit() and int(raw) > 0 else None
        return cls(address, usec if address else None)

    @property
    def ping_interval_ms(self) -> int | None:
        """Half the watchdog interval in milliseconds, as sd_watchdog_enabled(3) advises."""
        if self.watchdog_usec is None:
            return None
        return max(1, self.watchdog_usec // 2000)

    def ready(self) -> bool:
        """Tell systemd the service is up (``READY=1``)."""
        return self.send("READY=1")

    def ping(self) -> bool:
        """Keep the watchdog from firing (``WATCHDOG=1``)."""
        return self.send("WATCHDOG=1")

    def send(self, state: str) -> bool:
        """Send one state line; False when there is no socket or it refused the datagram."""
        if self.address is None:
            return False
        target = "\0" + self.address[1:] if self.address.startswith("@") else self.address
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
                sock.sendto(state.encode("ascii"), target)
        except OSError:
            return False
        return True
