"""A per-device rate limit for the sync API: a token bucket per device, kept in this process.

Each device may make ``rate_per_minute`` requests a minute, in bursts of up to that many;
past it the answer is 429 with ``Retry-After``. The buckets live in the memory of one
process, which is enough for one ``mpp-central serve`` process: with several workers each
keeps its own buckets, so a device may reach the rate once per worker (a shared store such
as PostgreSQL or Redis would be needed for a hard limit across workers).
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

MAX_BUCKETS = 100_000
"""Buckets kept at most; past it, the full ones (devices quiet for a while) are forgotten."""


@dataclass
class _Bucket:
    tokens: float
    at: float


class RateLimiter:
    """Token buckets keyed by device: ``take`` spends one token, or says how long to wait.

    Thread-safe: FastAPI runs the sync routes in a thread pool.
    """

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        if per_minute < 1:
            raise ValueError("a rate limit allows at least one request a minute")
        self._capacity = float(per_minute)
        self._per_second = per_minute / 60.0
        self._clock = clock
        self._buckets: dict[int, _Bucket] = {}
        self._lock = threading.Lock()

    @property
    def per_minute(self) -> int:
        """The requests a device may make in a minute."""
        return int(self._capacity)

    def take(self, device_id: int) -> int | None:
        """Spend one request of ``device_id``: ``None`` if allowed, else seconds to wait (≥ 1)."""
        now = self._clock()
        with self._lock:
            bucket = self._buckets.get(device_id)
            if bucket is None:
                if len(self._buckets) >= MAX_BUCKETS:
                    self._forget_full(now)
                bucket = self._buckets[device_id] = _Bucket(tokens=self._capacity, at=now)
            else:
                elapsed = max(0.0, now - bucket.at)
                bucket.tokens = min(self._capacity, bucket.tokens + elapsed * self._per_second)
                bucket.at = now
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return None
            return max(1, math.ceil((1.0 - bucket.tokens) / self._per_second))

    def _forget_full(self, now: float) -> None:
        refill = self._capacity / self._per_second  # seconds for an empty bucket to fill
        for device_id, bucket in list(self._buckets.items()):
            if now - bucket.at >= refill:
                del self._buckets[device_id]
