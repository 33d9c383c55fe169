"""Outbox ids are UUIDv7: version 7, RFC variant, in the order they were made."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kiosk.sync import ids
from kiosk.sync.ids import uuid7

MOMENT = datetime(2026, 11, 23, 2, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _fresh_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """As in a process that has made no id yet (earlier tests made ids of later moments)."""
    monkeypatch.setattr(ids, "_last", (-1, 0))


def test_ids_are_version_7_and_carry_their_millisecond() -> None:
    made = uuid7(MOMENT)
    assert (made.version, made.variant) == (7, "specified in RFC 4122")
    assert made.int >> 80 == int(MOMENT.timestamp() * 1000)


def test_ids_sort_in_the_order_they_were_made_even_within_a_millisecond() -> None:
    made = [uuid7(MOMENT) for _ in range(5000)]
    made += [uuid7(MOMENT + timedelta(seconds=1)) for _ in range(10)]
    assert made == sorted(made)
    assert len(set(made)) == len(made)


def test_a_clock_that_steps_back_does_not_break_the_order() -> None:
    ahead = uuid7(MOMENT + timedelta(minutes=5))
    assert uuid7(MOMENT) > ahead
