"""Issuing queue numbers: format, local day, opening hours, quota and refusals."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.errors import InvalidInput
from kiosk.hall import Hall
from kiosk.models import ServiceDay, Ticket
from kiosk.queueing import QueueService, TicketRefusedError, TicketState
from kiosk.queueing.hours import is_open
from tests.helpers.clock import FakeClock
from tests.helpers.queue_site import ALL_DAY, JAKARTA, MONDAY_9, queue_hall
from tests.helpers.staff import supervisor


def _last_number(hall: Hall, service: str) -> int:
    with hall.db.reads() as session:
        return (
            session.scalar(
                select(func.max(ServiceDay.last_number)).where(ServiceDay.service_code == service)
            )
            or 0
        )


def test_numbers_count_per_service_with_its_letter(queue: QueueService, clock: FakeClock) -> None:
    first = queue.issue_ticket("jobs")
    clock.advance(seconds=5)
    second = queue.issue_ticket("jobs", priority=True)
    other = queue.issue_ticket("placement")
    assert [first.number, second.number, other.number] == ["A-001", "A-002", "B-001"]
    assert re.fullmatch(r"Q-261123-[0-9A-HJKMNP-TV-Z]{4}", first.reference)
    assert first.url == f"https://rekam.kp2mi.example/r/{first.public_token}"
    assert first.issued_at == MONDAY_9
    assert (second.priority, first.priority) == (True, False)
    assert len({first.reference, second.reference, other.reference}) == 3


def test_numbers_restart_at_local_midnight_and_yesterday_stays(
    tmp_path: Path, database_url: str
) -> None:
    clock = FakeClock(datetime(2026, 11, 23, 23, 58, tzinfo=JAKARTA))
    with queue_hall(tmp_path, database_url, clock, service_changes={"hours": ALL_DAY}) as hall:
        queue = hall.queue
        late = queue.issue_ticket("jobs")
        clock.set(datetime(2026, 11, 24, 0, 0, 30, tzinfo=JAKARTA))  # still the 23rd in UTC
        early = queue.issue_ticket("jobs")
        clock.set(datetime(2026, 11, 24, 6, 59, tzinfo=JAKARTA))
        next_one = queue.issue_ticket("jobs")
        assert (late.number, early.number, next_one.number) == ("A-001", "A-001", "A-002")
        assert late.reference.startswith("Q-261123-")
        assert early.reference.startswith("Q-261124-")
        yesterday = queue.ticket(late.ticket_id).ticket
        assert yesterday.state is TicketState.WAITING
        assert str(yesterday.day) == "2026-11-23"
        # Only today's visitors are called; yesterday's ticket is kept, not served.
        called = queue.call_next(1)
        assert called is not None
        assert called.id == early.ticket_id


@pytest.mark.parametrize(
    ("moment", "service", "open_"),
    [
        (datetime(2026, 11, 23, 7, 59), "jobs", False),
        (datetime(2026, 11, 23, 8, 0), "jobs", True),
        (datetime(2026, 11, 23, 12, 0), "jobs", False),  # lunch break
        (datetime(2026, 11, 23, 13, 0), "jobs", True),
        (datetime(2026, 11, 27, 10, 59), "jobs", True),
        (datetime(2026, 11, 27, 11, 0), "jobs", False),  # Friday prayer pause
        (datetime(2026, 11, 27, 13, 29), "jobs", False),
        (datetime(2026, 11, 27, 13, 30), "jobs", True),
        (datetime(2026, 11, 28, 9, 0), "jobs", True),
        (datetime(2026, 11, 28, 9, 0), "placement", False),  # no Saturday hours
        (datetime(2026, 11, 29, 9, 0), "jobs", False),  # Sunday
    ],
)
def test_opening_hours_follow_local_weekday_spans(
    hall: Hall, moment: datetime, service: str, open_: bool
) -> None:
    local = moment.replace(tzinfo=JAKARTA)
    assert is_open(hall.settings.service(service), local, JAKARTA) is open_


def test_friday_prayer_pause_refuses_at_the_kiosk(queue: QueueService, clock: FakeClock) -> None:
    clock.set(datetime(2026, 11, 27, 12, 0, tzinfo=JAKARTA))
    with pytest.raises(TicketRefusedError) as refused:
        queue.issue_ticket("jobs")
    assert refused.value.key == "queue.closed_now"
    clock.set(datetime(2026, 11, 27, 13, 30, tzinfo=JAKARTA))
    assert queue.issue_ticket("jobs").number == "A-001"


def test_each_refusal_has_its_key_and_uses_no_number(
    tmp_path: Path, database_url: str, clock: FakeClock
) -> None:
    no_priority = {"opp": {"priority_allowed": False}}
    with queue_hall(tmp_path, database_url, clock, per_service=no_priority) as hall:
        queue = hall.queue
        assert queue.issue_ticket("jobs").number == "A-001"
        refusals: list[str] = []
        for service, priority in (("visa", False), ("opp", True)):
            with pytest.raises(TicketRefusedError) as refused:
                queue.issue_ticket(service, priority)
            refusals.append(refused.value.key)
        kepala = supervisor(hall)
        queue.close_today("jobs", kepala)
        with pytest.raises(TicketRefusedError) as refused:
            queue.issue_ticket("jobs")
        refusals.append(refused.value.key)
        queue.open_today("jobs", kepala)
        queue.set_quota_today("jobs", 2, kepala)
        assert queue.issue_ticket("jobs").number == "A-002"
        with pytest.raises(TicketRefusedError) as refused:
            queue.issue_ticket("jobs", priority=True)
        refusals.append(refused.value.key)
        assert refused.value.params == {"service": "jobs", "quota": 2}
        clock.set(datetime(2026, 11, 23, 12, 30, tzinfo=JAKARTA))
        with pytest.raises(TicketRefusedError) as refused:
            queue.issue_ticket("placement")
        refusals.append(refused.value.key)
        assert refusals == [
            "queue.unknown_service",
            "queue.priority_not_offered",
            "queue.closed_today",
            "queue.quota_reached",
            "queue.closed_now",
        ]
        assert isinstance(refused.value, InvalidInput)
        assert "tutup" in refused.value.message("id")
        assert "closed" in refused.value.message("en")
        assert (_last_number(hall, "jobs"), _last_number(hall, "placement")) == (2, 0)
        assert _last_number(hall, "opp") == 0
        queue.set_quota_today("jobs", None, kepala)  # back to the configured 200
        clock.set(MONDAY_9)
        assert queue.issue_ticket("jobs").number == "A-003"


def test_quota_from_configuration(tmp_path: Path, database_url: str, clock: FakeClock) -> None:
    with queue_hall(tmp_path, database_url, clock, service_changes={"daily_quota": 2}) as hall:
        queue = hall.queue
        assert [queue.issue_ticket("jobs").number for _ in range(2)] == ["A-001", "A-002"]
        with pytest.raises(TicketRefusedError, match="quota_reached"):
            queue.issue_ticket("jobs")
        assert queue.issue_ticket("placement").number == "B-001"


def test_a_reference_collision_draws_again(
    queue: QueueService, hall: Hall, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn = iter(["Q-261123-AAAA", "Q-261123-AAAA", "Q-261123-BBBB"])
    monkeypatch.setattr("kiosk.records.new_reference", lambda *_: next(drawn))
    first = queue.issue_ticket("jobs")
    second = queue.issue_ticket("jobs")
    assert (first.reference, second.reference) == ("Q-261123-AAAA", "Q-261123-BBBB")
    assert second.number == "A-002"
    with hall.db.reads() as session:
        assert session.scalar(select(func.count()).select_from(Ticket)) == 2


def test_wait_estimate_uses_real_service_times_and_active_counters(
    queue: QueueService, clock: FakeClock
) -> None:
    first = queue.issue_ticket("jobs")
    assert (first.people_ahead, first.estimated_wait_minutes) == (0, 0)
    assert queue.issue_ticket("jobs").estimated_wait_minutes == 5  # default, one person ahead
    for counter, minutes in ((1, 4), (3, 8)):
        queue.call_next(counter)
        queue.start(counter)
        clock.advance(minutes=minutes)
        queue.finish(counter)
    for _ in range(3):
        queue.issue_ticket("jobs")
    fourth = queue.issue_ticket("jobs")
    # median(4, 8) = 6 minutes; counters 1 and 3 serve jobs and both called recently.
    assert (fourth.people_ahead, fourth.estimated_wait_minutes) == (3, 9)
    priority = queue.issue_ticket("jobs", priority=True)
    assert (priority.people_ahead, priority.estimated_wait_minutes) == (0, 0)
    clock.advance(minutes=31)  # nobody called for half an hour: counted as one counter
    status = {s.code: s for s in queue.services_status()}["jobs"]
    assert (status.waiting, status.estimated_wait_minutes) == (5, 30)
