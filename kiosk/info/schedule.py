"""Which talks and orientation sessions come next, by the hall's clock.

Every session comes back each week on its weekday. The schedule lists each one once, at
its next time that has not ended yet (today's if it is still on, else a later day), the
soonest first. A visitor may take a number to join a session on its day only, until it
ends: the number is for today's queue of the session's service.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from kiosk.clock import Clock, aware_now
from kiosk.info import SessionSection
from kiosk.settings import WEEKDAYS


@dataclass(frozen=True)
class Occurrence:
    """A session at one of its times, in the site's local time."""

    session: SessionSection
    starts: datetime
    ends: datetime
    joinable: bool
    """Today and not ended: a number can be taken for it now."""


def upcoming(sessions: list[SessionSection], clock: Clock, zone: ZoneInfo) -> list[Occurrence]:
    """Each session's next time that has not ended, soonest first."""
    now = aware_now(clock).astimezone(zone)
    found = []
    for session in sessions:
        days_ahead = (WEEKDAYS.index(session.weekday) - now.weekday()) % 7
        starts = datetime.combine(
            now.date() + timedelta(days=days_ahead), session.start, tzinfo=zone
        )
        ends = starts + timedelta(minutes=session.minutes)
        if ends <= now:
            starts, ends = starts + timedelta(days=7), ends + timedelta(days=7)
        found.append(Occurrence(session, starts, ends, joinable=starts.date() == now.date()))
    return sorted(found, key=lambda each: each.starts)
