"""The public pages' rules without a database or a web server: waits, deadlines, languages."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from central.pages.routes import choose_language, matches
from central.pages.views import (
    PagePolicy,
    TicketPhase,
    add_working_days,
    estimate_minutes,
    refresh_seconds,
)
from central.pages.wording import grouped, time_text
from kiosk.sync.contract import ServiceState


def service(minutes: float, counters: int) -> ServiceState:
    return ServiceState(
        code="jobs",
        letter="A",
        names={"id": "Lowongan"},
        typical_service_minutes=minutes,
        active_counters=counters,
    )


@pytest.mark.parametrize(
    ("ahead", "minutes", "counters", "wait"),
    [(0, 6, 2, 0), (1, 6, 2, 3), (3, 6, 2, 9), (3, 12.5, 1, 38), (5, 0, 1, 5), (7, 4, 3, 10)],
)
def test_the_wait_is_rounded_up_and_never_counts_a_visit_under_a_minute(
    ahead: int, minutes: float, counters: int, wait: int
) -> None:
    assert estimate_minutes(ahead, service(minutes, counters)) == wait


@pytest.mark.parametrize(
    ("start", "days", "end"),
    [
        (date(2026, 11, 23), 3, date(2026, 11, 26)),  # Monday → Thursday
        (date(2026, 11, 26), 3, date(2026, 12, 1)),  # Thursday → Tuesday over the weekend
        (date(2026, 11, 28), 3, date(2026, 12, 2)),  # Saturday → Wednesday
        (date(2026, 11, 25), 5, date(2026, 12, 2)),
    ],
)
def test_working_days_skip_the_weekend(start: date, days: int, end: date) -> None:
    assert add_working_days(start, days) == end


def test_the_page_refreshes_faster_when_the_visitor_is_close_and_never_once_final() -> None:
    policy = PagePolicy()
    assert refresh_seconds(TicketPhase.WAITING, 6, policy) == 15
    assert refresh_seconds(TicketPhase.WAITING, 5, policy) == 5
    assert refresh_seconds(TicketPhase.TRANSFERRED, 0, policy) == 5
    assert refresh_seconds(TicketPhase.CALLED, None, policy) == 5
    assert refresh_seconds(TicketPhase.SERVING, None, policy) == 15
    for final in (TicketPhase.DONE, TicketPhase.NO_SHOW, TicketPhase.CANCELLED):
        assert refresh_seconds(final, None, policy) is None
    assert refresh_seconds(TicketPhase.EXPIRED, 3, policy) is None


@pytest.mark.parametrize(
    ("asked", "header", "language"),
    [
        (None, None, "id"),
        (None, "en", "en"),
        (None, "en-US,en;q=0.9", "en"),
        (None, "id-ID,id;q=0.9,en;q=0.8", "id"),
        (None, "fr-FR, en;q=0.5", "en"),
        (None, "en;q=0, id;q=0.1", "id"),
        (None, "de, fr", "id"),
        (None, "en;q=banana", "id"),
        ("en", "id", "en"),
        ("id", "en", "id"),
        ("xx", "en", "en"),
        ("<b>", None, "id"),
    ],
)
def test_the_language_is_the_switch_then_accept_language_then_indonesian(
    asked: str | None, header: str | None, language: str
) -> None:
    assert choose_language(asked, header) == language


def test_if_none_match_names_the_etag_among_others_weak_or_star() -> None:
    assert matches('"abc"', '"abc"')
    assert matches('"x", W/"abc"', '"abc"')
    assert matches("*", '"abc"')
    assert not matches('"abcd"', '"abc"')
    assert not matches(None, '"abc"')
    assert not matches("", '"abc"')


def test_numbers_and_times_are_written_the_languages_way() -> None:
    assert grouped(10248000, "id") == "10.248.000"
    assert grouped(10248000, "en") == "10,248,000"
    assert grouped(Decimal("0.125"), "en") == "0.125"
    assert grouped(Decimal("1700.5"), "id") == "1.700,50"
    moment = datetime(2026, 11, 23, 9, 5, tzinfo=timezone(timedelta(hours=7)))
    assert time_text(moment, "id") == "09.05"
    assert time_text(moment, "en") == "09:05"
