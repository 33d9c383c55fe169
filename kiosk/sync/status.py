"""The hall's standing with the centre in one read: backlog, oldest unsent, refused, last pull.

``doctor`` prints it; the supervisor's console can show :meth:`SyncStatus.line`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from sqlalchemy import select

from kiosk.db import Database
from kiosk.i18n import translate
from kiosk.models import PullState
from kiosk.sync import outbox
from kiosk.sync.enrolment import enrolment_path

STALE_AFTER: Final = timedelta(days=1)
"""An unsent entry older than this is a fault worth an operator's look."""


@dataclass(frozen=True)
class SyncStatus:
    """What waits for the centre and what the centre refused."""

    waiting: int
    oldest: datetime | None
    refused: tuple[outbox.Refused, ...]
    pulled_at: datetime | None
    enrolled: bool

    def age(self, now: datetime) -> timedelta | None:
        """How long the oldest unsent entry has waited."""
        return now - self.oldest if self.oldest is not None else None

    def ok(self, now: datetime) -> bool:
        """Nothing refused, and nothing waiting for more than :data:`STALE_AFTER`."""
        age = self.age(now)
        return not self.refused and (age is None or age <= STALE_AFTER)

    def line(self, now: datetime, language: str = "en", *, detail: bool = True) -> str:
        """One line for a person, e.g. ``3 to send, oldest 2 min old; 0 refused; last pull
        12 s ago`` (``doctor`` says it in English with the first refused entry's reason as
        ``detail``; the supervisor's console in their language, without it)."""

        def say(key: str, **params: object) -> str:
            return translate(f"sync.{key}", language, **params)

        def duration(span: timedelta) -> str:
            return _duration(span, say)

        age = self.age(now)
        parts = [
            say("waiting", count=self.waiting, age=duration(age))
            if age is not None
            else say("nothing_waiting"),
            say("refused", count=len(self.refused)),
            say("pulled", age=duration(now - self.pulled_at))
            if self.pulled_at
            else say("never_pulled"),
        ]
        text = "; ".join(parts)
        if self.refused and detail:
            first = self.refused[0]
            text += f" ({say('first_refused', kind=first.kind, id=first.id, reason=first.reason)})"
        if not self.enrolled:
            return f"{say('not_enrolled')}; {text}"
        return text


def sync_status(db: Database) -> SyncStatus:
    """The hall's standing now, in one read transaction."""
    with db.reads() as session:
        waiting = outbox.backlog(session)
        refused = tuple(outbox.refused(session))
        pulled_at = session.scalar(select(PullState.pulled_at).where(PullState.id == 1))
    return SyncStatus(
        waiting.waiting, waiting.oldest, refused, pulled_at, enrolled=enrolment_path().is_file()
    )


def _duration(span: timedelta, say: Callable[..., str]) -> str:
    seconds = max(int(span.total_seconds()), 0)
    if seconds < 120:
        return say("seconds", n=seconds)
    if seconds < 7200:
        return say("minutes", n=seconds // 60)
    if seconds < 172_800:
        return say("hours", n=seconds // 3600)
    return say("days", n=seconds // 86_400)
