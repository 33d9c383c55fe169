"""Opening hours in the site's local time: several spans a day make its breaks."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from kiosk.settings import WEEKDAYS, ServiceSection


def is_open(service: ServiceSection, moment: datetime, zone: ZoneInfo) -> bool:
    """Whether ``moment`` falls in one of the service's opening spans of that local weekday.

    Several spans on a day are breaks between them, such as the Friday prayer pause.
    """
    local = moment.astimezone(zone)
    spans = service.hours[WEEKDAYS[local.weekday()]]
    return any(span.contains(local.time()) for span in spans)
