"""Waiting between tries while the centre cannot be reached: exponential back-off with jitter.

A hall in a service car may be offline for days; ``mpp-kiosk sync`` must then neither
hammer the network nor wake the CPU every second. Each failed try doubles the ceiling of
the wait (1 s, 2 s, 4 s … up to :data:`MAX_WAIT`) and the wait itself is drawn between
half the ceiling and the ceiling ("equal jitter"), so the halls of a region that come back
online together do not all knock at the same instant. ``Retry-After`` parses the centre's
own answer to 429 and 503.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Final

FIRST_WAIT: Final = 1.0
"""Seconds of the first wait's ceiling."""
MAX_WAIT: Final = 300.0
"""The longest wait between two tries: five minutes."""


class Backoff:
    """The waits between failed tries; :meth:`reset` after a success.

    Args:
        first: the first wait's ceiling in seconds.
        ceiling: the longest wait.
        rng: where the jitter comes from (a seeded one in tests).
    """

    def __init__(
        self,
        first: float = FIRST_WAIT,
        ceiling: float = MAX_WAIT,
        rng: random.Random | None = None,
    ) -> None:
        self._first = first
        self._ceiling = ceiling
        self._rng = rng or random.Random()
        self.failures = 0

    def next_wait(self) -> float:
        """Seconds to wait after one more failure (never zero, never above the ceiling)."""
        top = min(self._ceiling, self._first * 2 ** min(self.failures, 30))
        self.failures += 1
        return self._rng.uniform(top / 2, top)

    def reset(self) -> None:
        """A try succeeded: the next failure starts from the first wait again."""
        self.failures = 0


def retry_after(header: str | None, now: datetime | None = None) -> float | None:
    """Seconds a ``Retry-After`` header asks for (delta-seconds or an HTTP date), capped.

    Returns ``None`` when the header is absent or unreadable.
    """
    if header is None or not header.strip():
        return None
    value = header.strip()
    if value.isdigit():
        return min(float(value), MAX_WAIT)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    seconds = (when - (now or datetime.now(UTC))).total_seconds()
    return min(max(seconds, 0.0), MAX_WAIT)
