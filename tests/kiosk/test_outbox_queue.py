"""The queue's outbox entries: every ticket event and the hall's state, with their records."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event as sa_event
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.demo.jobs import seed_demo_jobs
from kiosk.errors import InvalidInput
from kiosk.hall import Hall
from kiosk.jobs.search import JobQuery
from kiosk.models import OutboxEntry, Posting, SyncState, Ticket
from kiosk.sync import hall_entry
from kiosk.sync.contract import HallEntry
from tests.helpers.clock import FakeClock
from tests.helpers.outbox import PowerCutError, cut_power, rows, told, told_of, written
from tests.helpers.queue_site import counters_for_all, queue_hall
from tests.helpers.staff import add_member, supervisor


@pytest.fixture
def hall(tmp_path: Path, database_url: str, clock: FakeClock) -> Iterator[Hall]:
    """The default hall (four services, three counters) open on Monday 09:00 WIB."""
    with queue_hall(tmp_path, database_url, clock) as opened:
        yield opened


def event(kind: str, counter: int | None, service: str) -> dict[str, Any]:
    return {"event": kind, "counter_number": counter, "service_code": service}


def serve(hall: Hall, clock: FakeClock, minutes: int) -> None:
    """One jobs visitor served at counter 1 for ``minutes`` (a visit the estimate counts)."""
    hall.queue.issue_ticket("jobs")
    hall.queue.call_next(1)
    hall.queue.start(1)
    clock.advance(minutes=minutes)
    hall.queue.finish(1)


def test_opening_the_hall_records_its_state_once_and_again_when_configured_otherwise(
    hall: Hall, tmp_path: Path, database_url: str, clock: FakeClock
) -> None:
    [first] = written(hall)
    assert isinstance(first, HallEntry)
    with hall.db.sessions.begin() as session:
        assert first.token == hall_entry.hall_token(session)
    assert first.occurred_at == clock()
    state = first.payload
    assert (state.name, state.timezone, state.hotline) == (
        "MPP Kabupaten Probolinggo",
        "Asia/Jakarta",
        "0800-1000",
    )
    assert [
        (s.code, s.letter, s.typical_service_minutes, s.active_counters) for s in state.services
    ] == [
        ("jobs", "A", 5.0, 1),
        ("placement", "B", 5.0, 1),
        ("complaint", "C", 5.0, 1),
        ("opp", "D", 5.0, 1),
    ]
    assert state.services[0].names == {"id": "Informasi Lowongan Kerja", "en": "Job information"}
    assert state.counters[0].names == {"id": "Loket 1", "en": "Counter 1"}
    assert [c.number for c in state.counters] == [1, 2, 3]

    serve(hall, clock, minutes=12)
    written(hall)
    with queue_hall(tmp_path, database_url, clock):
        pass  # the same configuration; only the day's estimate inputs moved
    assert written(hall) == []

    with queue_hall(tmp_path, database_url, clock, counters=counters_for_all(2)):
        pass
    [changed] = written(hall)
    assert isinstance(changed, HallEntry)
    assert changed.token == first.token
    assert [c.number for c in changed.payload.counters] == [1, 2]
    assert changed.payload.services[0].typical_service_minutes == 12.0
    with hall.db.reads() as session:
        assert session.scalar(select(func.count()).select_from(SyncState)) == 1


def test_a_ticket_issued_records_its_issue_and_the_posting_it_registers_for(
    hall: Hall, clock: FakeClock
) -> None:
    written(hall)
    plain = hall.queue.issue_ticket("jobs", priority=True)
    [entry] = written(hall)
    assert entry.occurred_at == clock()
    assert told_of(entry) == (
        "ticket.issued",
        plain.public_token,
        {
            "reference": plain.reference,
            "number": "A-001",
            "service_code": "jobs",
            "day": "2026-11-23",
            "priority": True,
            "posting_token": None,
        },
    )

    seed_demo_jobs(hall)
    posting_id = hall.jobs.search(JobQuery()).postings[0].id
    with hall.db.reads() as session:
        posting = session.get(Posting, posting_id)
        assert posting is not None
        posting_token = posting.public_token
    registered = hall.queue.issue_ticket("placement", posting_id=posting_id)
    assert told(hall) == [
        (
            "ticket.issued",
            registered.public_token,
            {
                "reference": registered.reference,
                "number": "B-001",
                "service_code": "placement",
                "day": "2026-11-23",
                "priority": False,
                "posting_token": posting_token,
            },
        )
    ]


def test_every_move_at_a_counter_records_its_event(hall: Hall, clock: FakeClock) -> None:
    first = hall.queue.issue_ticket("jobs").public_token
    second = hall.queue.issue_ticket("jobs").public_token
    third = hall.queue.issue_ticket("jobs")
    written(hall)

    hall.queue.call_next(1)
    hall.queue.recall(1)
    hall.queue.start(1)
    hall.queue.transfer(1, "placement")
    hall.queue.call_next(2)
    hall.queue.no_show(2)
    hall.queue.call_next(3)
    hall.queue.start(3)
    clock.advance(minutes=7)
    hall.queue.finish(3)
    hall.queue.cancel(third.ticket_id)

    entries = written(hall)
    assert [told_of(e) for e in entries] == [
        ("ticket.event", first, event("called", 1, "jobs")),
        ("ticket.event", first, event("recalled", 1, "jobs")),
        ("ticket.event", first, event("started", 1, "jobs")),
        ("ticket.event", first, event("transferred", 1, "placement")),
        ("ticket.event", first, event("called", 2, "placement")),
        ("ticket.event", first, event("no_show", 2, "placement")),
        ("ticket.event", second, event("called", 3, "jobs")),
        ("ticket.event", second, event("started", 3, "jobs")),
        ("ticket.event", second, event("finished", 3, "jobs")),
        ("ticket.event", third.public_token, event("cancelled", None, "jobs")),
    ]
    assert entries[-1].occurred_at == clock()


def test_a_called_ticket_cancelled_names_its_counter(hall: Hall) -> None:
    issued = hall.queue.issue_ticket("opp")
    hall.queue.call_next(2)
    written(hall)
    hall.queue.cancel(issued.ticket_id)
    assert told(hall) == [("ticket.event", issued.public_token, event("cancelled", 2, "opp"))]


def test_supervisor_changes_record_the_hall_with_its_estimate_inputs_then(
    hall: Hall, clock: FakeClock
) -> None:
    kepala = supervisor(hall)
    serve(hall, clock, minutes=9)
    written(hall)
    with hall.db.sessions.begin() as session:
        token = hall_entry.hall_token(session)

    hall.queue.close_today("jobs", kepala)
    hall.queue.open_today("jobs", kepala)
    hall.queue.set_quota_today("opp", 20, kepala)

    entries = written(hall)
    assert [(e.kind, e.token, e.occurred_at) for e in entries] == [("hall", token, clock())] * 3
    assert isinstance(entries[-1], HallEntry)
    jobs = entries[-1].payload.services[0]
    assert (jobs.code, jobs.typical_service_minutes, jobs.active_counters) == ("jobs", 9.0, 1)


def test_a_refused_or_illegal_move_records_nothing(hall: Hall) -> None:
    kepala = supervisor(hall)
    siti = add_member(hall, "siti", "officer")
    hall.queue.set_quota_today("opp", 1, kepala)
    hall.queue.issue_ticket("opp")
    hall.queue.close_today("complaint", kepala)
    done = hall.queue.issue_ticket("jobs")
    hall.queue.call_next(1)
    hall.queue.start(1)
    hall.queue.finish(1)
    written(hall)
    before = rows(hall)

    refusals: list[Callable[[], object]] = [
        lambda: hall.queue.issue_ticket("opp"),  # the day's quota is reached
        lambda: hall.queue.issue_ticket("complaint"),  # closed today
        lambda: hall.queue.issue_ticket("nowhere"),
        lambda: hall.queue.call_next(9),
        lambda: hall.queue.recall(1),  # the counter holds nobody
        lambda: hall.queue.transfer(1, "jobs"),
        lambda: hall.queue.cancel(done.ticket_id),  # already served
        lambda: hall.queue.close_today("jobs", siti),  # not a supervisor
        lambda: hall.queue.set_quota_today("jobs", 0, kepala),
    ]
    for refuse in refusals:
        with pytest.raises(InvalidInput):
            refuse()

    assert rows(hall) == before
    assert written(hall) == []


def test_a_transaction_cut_short_keeps_neither_record_nor_entry(
    hall: Hall, monkeypatch: pytest.MonkeyPatch
) -> None:
    kepala = supervisor(hall)
    waiting = hall.queue.issue_ticket("jobs")
    hall.queue.issue_ticket("opp")
    hall.queue.call_next(2)
    written(hall)
    before = rows(hall)
    cut_power(monkeypatch)

    use_cases: list[Callable[[], object]] = [
        lambda: hall.queue.issue_ticket("jobs"),
        lambda: hall.queue.call_next(1),
        lambda: hall.queue.recall(2),
        lambda: hall.queue.start(2),
        lambda: hall.queue.transfer(2, "jobs"),
        lambda: hall.queue.cancel(waiting.ticket_id),
        lambda: hall.queue.close_today("jobs", kepala),
        lambda: hall.queue.set_quota_today("jobs", 50, kepala),
    ]
    for use_case in use_cases:
        with pytest.raises(PowerCutError):
            use_case()

    assert rows(hall) == before
    with hall.db.reads() as session:
        assert [t.state for t in session.scalars(select(Ticket).order_by(Ticket.id))] == [
            "waiting",
            "called",
        ]
    monkeypatch.undo()
    assert written(hall) == []


def test_a_failing_flush_of_the_entry_keeps_neither(hall: Hall) -> None:
    written(hall)
    before = rows(hall)

    @sa_event.listens_for(Session, "before_flush")
    def refuse_entries(session: Session, _context: object, _instances: object) -> None:
        if any(isinstance(row, OutboxEntry) for row in session.new):
            raise PowerCutError("disk full")

    try:
        with pytest.raises(PowerCutError):
            hall.queue.issue_ticket("jobs")
    finally:
        sa_event.remove(Session, "before_flush", refuse_entries)
    assert rows(hall) == before
