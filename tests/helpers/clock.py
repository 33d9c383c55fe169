"""A clock tests move by hand: aware UTC moments, as the real clock gives."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest

from tests.helpers.queue_site import MONDAY_9

if TYPE_CHECKING:
    from _pytest.fixtures import FixtureFunctionDefinition

MONDAY_0930_WIB = datetime(2026, 11, 23, 2, 30, tzinfo=UTC)  # Monday 23 November 2026, in Jakarta


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


def clock_fixture(start: datetime) -> FixtureFunctionDefinition:
    """A ``clock`` fixture starting at ``start``: assign it to ``clock`` in a test module."""

    @pytest.fixture(name="clock")
    def clock() -> FakeClock:
        """The hall's clock, moved only by the test, from the module's moment."""
        return FakeClock(start)

    return clock
