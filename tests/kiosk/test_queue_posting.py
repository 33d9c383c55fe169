"""A registration number taken from a vacancy ("Daftar sekarang") carries that vacancy."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.demo.jobs import seed_demo_jobs
from kiosk.hall import Hall
from kiosk.jobs.search import JobQuery
from kiosk.jobs.vocab import Scheme
from kiosk.models import Ticket
from kiosk.queueing import QueueService
from tests.helpers.clock import FakeClock
from tests.helpers.queue_site import counters_for_all, queue_hall


@pytest.fixture
def hall(tmp_path: Path, database_url: str, clock: FakeClock) -> Iterator[Hall]:
    with queue_hall(tmp_path, database_url, clock, counters=counters_for_all(1)) as opened:
        seed_demo_jobs(opened)
        yield opened


@pytest.fixture
def queue(hall: Hall) -> QueueService:
    return hall.queue


def _posting(hall: Hall, query: JobQuery) -> int:
    return hall.jobs.search(query).postings[0].id


def test_the_ticket_carries_the_posting_for_the_officer(hall: Hall, queue: QueueService) -> None:
    posting_id = _posting(hall, JobQuery(text="caregiver", country="TW", scheme=Scheme.P_TO_P))
    detail = hall.jobs.detail(posting_id)
    assert detail is not None
    assert detail.p3mi is not None

    issued = queue.issue_ticket("placement", posting_id=posting_id)

    expected = f"{detail.position} · Taiwan · {detail.p3mi.name} · {detail.reference}"
    assert (issued.number, issued.posting) == ("B-001", expected)
    assert queue.ticket(issued.ticket_id).ticket.posting == expected
    called = queue.call_next(1)
    assert called is not None
    assert called.posting == expected
    with hall.db.reads() as session:
        assert session.get(Ticket, issued.ticket_id).posting_id == posting_id  # type: ignore[union-attr]


def test_a_government_posting_names_its_employer(hall: Hall, queue: QueueService) -> None:
    posting_id = _posting(hall, JobQuery(country="DE", scheme=Scheme.G_TO_G))
    detail = hall.jobs.detail(posting_id)
    assert detail is not None
    assert detail.p3mi is None

    issued = queue.issue_ticket("placement", priority=True, posting_id=posting_id)

    assert issued.posting == f"{detail.position} · Jerman · {detail.employer} · {detail.reference}"
    assert issued.priority


def test_a_plain_ticket_has_no_posting(queue: QueueService) -> None:
    issued = queue.issue_ticket("placement")
    assert issued.posting is None
    assert queue.ticket(issued.ticket_id).ticket.posting is None


def test_an_unknown_posting_is_refused_and_uses_no_number(hall: Hall, queue: QueueService) -> None:
    with pytest.raises(LookupError):
        queue.issue_ticket("placement", posting_id=999_999)
    with hall.db.reads() as session:
        assert session.scalar(select(func.count()).select_from(Ticket)) == 0
    assert queue.issue_ticket("placement").number == "B-001"
