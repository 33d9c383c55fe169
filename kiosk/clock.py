"""The hall's one clock: the current moment in UTC, and the site's local day.

Every use case takes its time from the ``Clock`` its hall was opened with, so that a test
(or a screenshot tour) moves the whole hall at once, and every "today" is the site's
local date, never the host's.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

Clock = Callable[[], datetime]
"""Gives the current moment, aware, in UTC."""


def system_clock() -> datetime:
    """Now, aware, in UTC."""
    return datetime.now(UTC)


def aware_now(clock: Clock) -> datetime:
    """The clock's moment, refusing a naive one (a fake clock set up wrong).

    Raises:
        ValueError: the clock gave a datetime without a time zone.
    """
    now = clock()
    if now.tzinfo is None:
        raise ValueError("the hall's clock must give aware datetimes")
    return now


def local_day(moment: datetime, zone: ZoneInfo) -> date:
    """The site's calendar day at ``moment``: ticket numbers restart at local midnight."""
    return moment.astimezone(zone).date()


def day_start(day: date, zone: ZoneInfo) -> datetime:
    """Local midnight starting ``day``, in UTC (Indonesia has no daylight saving)."""
    return datetime.combine(day, time(), zone).astimezone(UTC)
