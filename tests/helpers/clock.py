"""A clock tests move by hand: aware UTC moments, as the real clock gives."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.helpers.queue_site import MONDAY_9


class FakeClock:
    """A clock the test moves by hand; gives aware UTC datetimes like the real one."""

    def __init__(self, start: datetime = MONDAY_9) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now.astimezone(UTC)

    def advance(self, minutes: float = 0, seconds: float = 0) -> None:
        """Move time forward."""
        self.now += timedelta(minutes=minutes, seconds=seconds)

    def set(self, moment: datetime) -> None:
        """Jump to a moment."""
        self.now = moment
