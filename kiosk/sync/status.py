"""The hall's standing with the centre in one read: backlog, oldest unsent, refused, last pull.

``doctor`` prints it; the supervisor's console can show :meth:`SyncStatus.line`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from sqlalchemy import select

from kiosk.db import Database
from kiosk.models import PullState
from kiosk.sync import outbox

STALE_AFTER: Final = timedelta(days=1)
"""An unsent entry older than this is a fault worth an operator's look."""


@dataclass(frozen=True)
class SyncStatus:
    """What waits for the centre and what the centre refused."""

    waiting: int
    oldest: datetime | None
    refused: tuple[outbox.Refused, ...]
    pulled_at: datetime | None

    def age(self, now: datetime) -> timedelta | None:
        """How long the oldest unsent entry has waited."""
        return now - self.oldest if self.oldest is not None else None

    def ok(self, now: datetime) -> bool:
        """Nothing refused, and nothing waiting for more than :data:`STALE_AFTER`."""
        age = self.age(now)
        return not self.refused and (age is None or age <= STALE_AFTER)

    def line(self, now: datetime) -> str:
        """One line for a person, e.g. ``3 entries to send, oldest 2 min; 0 refused``."""
        age = self.age(now)
        waiting = (
            f"{self.waiting} entries to send, oldest {_duration(age)} old"
            if age is not None
            else "nothing to send"
        )
        pulled = (
            f"last pull {_duration(now - self.pulled_at)} ago" if self.pulled_at else "never pulled"
        )
        text = f"{waiting}; {len(self.refused)} refused; {pulled}"
        if self.refused:
            first = self.refused[0]
            text += f" (first refused: {first.kind} {first.id}: {first.reason})"
        return text


def sync_status(db: Database) -> SyncStatus:
    """The hall's standing now, in one read transaction."""
    with db.reads() as session:
        waiting = outbox.backlog(session)
        refused = tuple(outbox.refused(session))
        pulled_at = session.scalar(select(PullState.pulled_at).where(PullState.id == 1))
    return SyncStatus(waiting.waiting, waiting.oldest, refused, pulled_at)


def _duration(span: timedelta) -> str:
    seconds = max(int(span.total_seconds()), 0)
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 7200:
        return f"{seconds // 60} min"
    if seconds < 172_800:
        return f"{seconds // 3600} h"
    return f"{seconds // 86_400} days"
