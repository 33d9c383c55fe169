"""Outbox entry ids: UUIDv7 (RFC 9562), made on the device, ordered by the time they were made.

Two ids made in the same millisecond by one process still sort in the order they were
made: the 12 bits after the time count up within the millisecond (RFC 9562, method 1);
the remaining 62 bits are random, so devices never collide.
"""

from __future__ import annotations

import secrets
import threading
from datetime import datetime
from uuid import UUID

_lock = threading.Lock()
_last = (-1, 0)  # (milliseconds, counter) of the last id this process made


def uuid7(moment: datetime) -> UUID:
    """A new UUIDv7 for ``moment`` (aware); later calls in one process sort after earlier ones."""
    global _last
    millis = int(moment.timestamp() * 1000)
    with _lock:
        last_millis, counter = _last
        if millis <= last_millis:
            millis, counter = last_millis, counter + 1
            if counter > 0xFFF:  # 4,096 ids in one millisecond: borrow the next one
                millis, counter = millis + 1, 0
        else:
            counter = secrets.randbelow(0x400)  # leave room to count up
        _last = (millis, counter)
    value = (millis & 0xFFFF_FFFF_FFFF) << 80
    value |= 0x7 << 76 | counter << 64
    value |= 0b10 << 62 | secrets.randbits(62)
    return UUID(int=value)
