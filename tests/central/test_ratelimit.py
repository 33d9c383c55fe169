"""The sync API's per-device rate limit: a token bucket per device."""

from __future__ import annotations

import pytest

from central.ratelimit import RateLimiter


class Ticks:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_device_may_burst_its_rate_then_waits_for_the_bucket_to_refill() -> None:
    ticks = Ticks()
    limiter = RateLimiter(per_minute=6, clock=ticks)
    assert [limiter.take(1) for _ in range(6)] == [None] * 6
    assert limiter.take(1) == 10  # one request every ten seconds
    ticks.now += 4
    assert limiter.take(1) == 6
    ticks.now += 6
    assert limiter.take(1) is None
    assert limiter.take(2) is None  # each device has its own bucket


def test_a_quiet_device_gets_back_a_full_bucket_and_no_more() -> None:
    ticks = Ticks()
    limiter = RateLimiter(per_minute=2, clock=ticks)
    limiter.take(1)
    ticks.now += 3600
    assert [limiter.take(1) for _ in range(3)] == [None, None, 30]


def test_a_clock_that_steps_back_gives_no_tokens() -> None:
    ticks = Ticks()
    limiter = RateLimiter(per_minute=1, clock=ticks)
    assert limiter.take(1) is None
    ticks.now -= 500
    assert limiter.take(1) == 60


def test_a_rate_is_at_least_one_a_minute() -> None:
    with pytest.raises(ValueError, match="at least one"):
        RateLimiter(per_minute=0)
