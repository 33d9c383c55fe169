"""The site's local day and opening hours: numbering days and breaks follow local time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from kiosk.settings import WEEKDAYS, ServiceSection

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """Now, aware, in UTC."""
    return datetime.now(UTC)


def local_day(moment: datetime, zone: ZoneInfo) -> date:
    """The site's calendar day at ``moment``: ticket numbers restart at local midnight."""
    return moment.astimezone(zone).date()


def day_start(day: date, zone: ZoneInfo) -> datetime:
    """Local midnight starting ``day``, in UTC (Indonesia has no daylight saving)."""
    return datetime.combine(day, time(), zone).astimezone(UTC)


def is_open(service: ServiceSection, moment: datetime, zone: ZoneInfo) -> bool:
    """Whether ``moment`` falls in one of the service's opening spans of that local weekday.

    Several spans on a day are breaks between them, such as the Friday prayer pause.
    """
    local = moment.astimezone(zone)
    spans = service.hours[WEEKDAYS[local.weekday()]]
    return any(span.contains(local.time()) for span in spans)
