"""Taking a number without a screen: every step, the refusals, the posting, the slip."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from kiosk.demo.jobs import seed_demo_jobs
from kiosk.hall import Hall
from kiosk.jobs.search import JobQuery
from kiosk.queueing import TicketRefusedError, TicketState
from kiosk.queueing.take import (
    Origin,
    StepError,
    TakeNumber,
    TakeStep,
    TicketRequest,
)
from printing import Paper, PrinterStatus, PrintJob
from tests.helpers.clock import FakeClock
from tests.helpers.printers import OutOfPaperPrinter
from tests.helpers.queue_site import queue_hall
from tests.helpers.staff import supervisor
from tests.printing.slip_tools import pdf_text

NO_PRIORITY = "opp"
"""The test hall's one service without a priority queue."""


@pytest.fixture
def hall(tmp_path: Path, database_url: str, clock: FakeClock) -> Iterator[Hall]:
    changes = {NO_PRIORITY: {"priority_allowed": False}}
    with queue_hall(tmp_path, database_url, clock, per_service=changes) as opened:
        yield opened


@pytest.fixture
def take(hall: Hall) -> TakeNumber:
    return TakeNumber(hall.queue, hall.settings)


def _issued(take: TakeNumber, service: str, priority: bool | None = None) -> None:
    take.open()
    take.choose(service)
    if priority is not None:
        take.answer_priority(priority)
    assert take.issue() is TakeStep.ISSUED


def test_a_number_with_priority_goes_through_every_step(
    take: TakeNumber, hall: Hall, tmp_path: Path
) -> None:
    assert TakeNumber(hall.queue, hall.settings).step is TakeStep.IDLE
    assert take.open() is TakeStep.CHOOSING_SERVICE
    assert [status.code for status in take.statuses] == ["jobs", "placement", "complaint", "opp"]

    assert take.choose("jobs") is TakeStep.ASKING_PRIORITY
    assert take.answer_priority(True) is TakeStep.ISSUING
    assert take.request == TicketRequest("jobs", priority=True)
    assert take.issue() is TakeStep.ISSUED
    ticket = take.ticket
    assert ticket is not None
    assert (ticket.number, ticket.priority, ticket.posting) == ("A-001", True, None)

    assert take.print_slip(hall.printer(), Paper.MM80, "en") is TakeStep.PRINTED
    (slip,) = hall.spool_dir.glob("*ticket-A-001.pdf")
    text = pdf_text(slip.read_bytes(), tmp_path)
    assert "Queue number" in text
    assert "PRIORITY" in text


def test_priority_is_asked_only_when_the_service_offers_it(take: TakeNumber) -> None:
    take.open()
    assert take.choose(NO_PRIORITY) is TakeStep.ISSUING
    assert take.request == TicketRequest(NO_PRIORITY, priority=False)
    with pytest.raises(StepError, match="at issuing, not asking_priority"):
        take.answer_priority(True)
    assert take.issue() is TakeStep.ISSUED
    assert take.ticket is not None
    assert (take.ticket.number, take.ticket.priority) == ("D-001", False)


def test_answering_priority_when_not_asked_is_an_error(take: TakeNumber) -> None:
    with pytest.raises(StepError):
        take.answer_priority(False)
    take.open()
    with pytest.raises(StepError):
        take.answer_priority(False)
    take.choose("jobs")
    take.answer_priority(False)
    with pytest.raises(StepError):  # a second tap on the answer while the number is made
        take.answer_priority(False)
    take.issue()
    with pytest.raises(StepError):  # nothing more to issue: one tap, one number
        take.issue()
    with pytest.raises(StepError):
        take.choose("jobs")


def test_a_service_closed_today_is_refused_with_the_queue_reason(
    take: TakeNumber, hall: Hall
) -> None:
    hall.queue.close_today("jobs", supervisor(hall))
    take.open()
    with pytest.raises(TicketRefusedError) as refused:
        take.choose("jobs")
    assert refused.value.key == "queue.closed_today"
    assert take.step is TakeStep.CHOOSING_SERVICE
    assert take.choose("placement") is TakeStep.ASKING_PRIORITY


def test_a_full_service_is_refused_with_its_quota(take: TakeNumber, hall: Hall) -> None:
    hall.queue.set_quota_today("jobs", 1, supervisor(hall))
    hall.queue.issue_ticket("jobs")
    take.open()
    with pytest.raises(TicketRefusedError) as refused:
        take.choose("jobs")
    assert (refused.value.key, refused.value.params["quota"]) == ("queue.quota_reached", 1)
    assert "All 1 numbers for today are taken" in refused.value.message("en")


def test_outside_opening_hours_and_unknown_services_are_refused(
    take: TakeNumber, clock: FakeClock
) -> None:
    clock.advance(minutes=-3 * 60)  # 06:00, before the hall opens
    take.open()
    with pytest.raises(TicketRefusedError) as closed:
        take.choose("jobs")
    assert closed.value.key == "queue.closed_now"
    with pytest.raises(TicketRefusedError) as unknown:
        take.choose("visa")
    assert unknown.value.key == "queue.unknown_service"
    assert take.step is TakeStep.CHOOSING_SERVICE


def test_a_refusal_when_issuing_ends_without_a_number(take: TakeNumber, hall: Hall) -> None:
    take.open()
    take.choose("jobs")
    take.answer_priority(False)
    hall.queue.close_today("jobs", supervisor(hall))  # closed meanwhile
    assert take.issue() is TakeStep.NOT_ISSUED
    assert take.refusal is not None
    assert take.refusal.key == "queue.closed_today"
    assert take.ticket is None
    with pytest.raises(StepError):
        take.print_slip(hall.printer(), Paper.MM80, "id")


def test_a_queue_failure_is_a_plain_apology_and_the_cause_is_logged(
    take: TakeNumber, hall: Hall, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def down(*_args: object, **_kwargs: object) -> None:
        raise OperationalError("INSERT", {}, Exception("database is locked"))

    take.open()
    take.choose(NO_PRIORITY)
    monkeypatch.setattr(hall.queue, "issue_ticket", down)
    with caplog.at_level(logging.ERROR):
        assert take.issue() is TakeStep.NOT_ISSUED
    assert take.refusal is not None
    assert take.refusal.key == "take.failed"
    assert "database is locked" in caplog.text


def test_back_goes_one_step_back_and_then_out(take: TakeNumber) -> None:
    take.open()
    take.choose("jobs")
    assert take.back() is TakeStep.CHOOSING_SERVICE
    assert take.service is None
    assert take.back() is TakeStep.IDLE
    assert take.origin is Origin.SERVICES
    with pytest.raises(StepError):
        take.back()
    take.open()
    take.choose(NO_PRIORITY)
    with pytest.raises(StepError):  # the number is being made: no way back
        take.back()


def test_a_second_tap_on_the_tile_refreshes_the_queue(take: TakeNumber, hall: Hall) -> None:
    take.open()
    hall.queue.issue_ticket("jobs")
    assert take.open() is TakeStep.CHOOSING_SERVICE
    assert take.statuses[0].waiting == 1
    take.choose("jobs")
    with pytest.raises(StepError):
        take.open()


def test_a_late_refresh_does_not_undo_a_choice(
    take: TakeNumber, hall: Hall, monkeypatch: pytest.MonkeyPatch
) -> None:
    services_status = hall.queue.services_status
    take.open()

    def slow() -> object:
        take.choose("jobs")  # the visitor chose while a second tap's read was running
        return services_status()

    monkeypatch.setattr(hall.queue, "services_status", slow)
    assert take.open() is None
    assert take.step is TakeStep.ASKING_PRIORITY


def test_register_from_a_posting_takes_a_registration_number_with_it(
    take: TakeNumber, hall: Hall
) -> None:
    seed_demo_jobs(hall)
    posting = hall.jobs.detail(hall.jobs.search(JobQuery(country="TW")).postings[0].id)
    assert posting is not None
    assert take.register(posting.id) is TakeStep.ASKING_PRIORITY
    assert take.origin is Origin.POSTING
    assert take.service is not None
    assert take.service.code == "placement"
    take.answer_priority(False)
    assert take.request == TicketRequest("placement", priority=False, posting_id=posting.id)
    take.issue()
    assert take.ticket is not None
    assert take.ticket.number == "B-001"
    assert take.ticket.posting is not None
    assert posting.reference in take.ticket.posting


def test_back_from_a_posting_returns_to_it(take: TakeNumber) -> None:
    take.register(7)
    assert take.back() is TakeStep.IDLE
    assert take.origin is Origin.POSTING
    assert take.open() is TakeStep.CHOOSING_SERVICE  # the tile after all: Back leads home
    assert take.posting_id is None
    with pytest.raises(StepError):  # registering starts from outside the flow
        take.register(7)


def test_registration_goes_to_the_configured_service(
    tmp_path: Path, database_url: str, clock: FakeClock
) -> None:
    changes = {NO_PRIORITY: {"priority_allowed": False}}
    registration = {"registration_service": NO_PRIORITY}
    with queue_hall(tmp_path, database_url, clock, per_service=changes, queue=registration) as hall:
        take = TakeNumber(hall.queue, hall.settings)
        seed_demo_jobs(hall)
        posting = hall.jobs.search(JobQuery()).postings[0]
        assert take.register(posting.id) is TakeStep.ISSUING  # it offers no priority
        assert take.issue() is TakeStep.ISSUED
        assert take.ticket is not None
        assert take.ticket.number == "D-001"
        assert take.ticket.posting is not None


def test_joining_a_session_takes_a_number_of_its_service_and_back_returns_to_it(
    take: TakeNumber,
) -> None:
    assert take.join(NO_PRIORITY) is TakeStep.ISSUING  # opp offers no priority
    assert take.origin is Origin.SESSION
    assert take.request == TicketRequest(NO_PRIORITY, priority=False)
    assert take.issue() is TakeStep.ISSUED
    assert take.ticket is not None
    assert take.ticket.number == "D-001"
    take.reset()
    assert take.join("jobs") is TakeStep.ASKING_PRIORITY
    assert take.back() is TakeStep.IDLE
    assert take.origin is Origin.SESSION
    take.join("jobs")
    with pytest.raises(StepError):  # a second tap while the priority question is up
        take.join("jobs")


def test_joining_a_session_of_an_unknown_service_is_refused_and_changes_nothing(
    take: TakeNumber,
) -> None:
    with pytest.raises(TicketRefusedError):
        take.join("nope")
    assert take.step is TakeStep.IDLE
    assert take.origin is Origin.SERVICES


def test_a_session_number_is_refused_when_its_service_is_closed(
    take: TakeNumber, clock: FakeClock
) -> None:
    clock.advance(minutes=4 * 60)  # Monday 13:00: opp is open mornings only
    take.join(NO_PRIORITY)
    assert take.issue() is TakeStep.NOT_ISSUED
    assert take.refusal is not None
    assert take.refusal.key == "queue.closed_now"


def test_an_unknown_posting_is_not_issued(
    take: TakeNumber, caplog: pytest.LogCaptureFixture
) -> None:
    take.register(999_999)
    take.answer_priority(False)
    with caplog.at_level(logging.ERROR):
        assert take.issue() is TakeStep.NOT_ISSUED
    assert take.refusal is not None
    assert take.refusal.key == "take.failed"


def test_a_print_failure_keeps_the_number_valid_and_longer_on_screen(
    take: TakeNumber, hall: Hall, caplog: pytest.LogCaptureFixture
) -> None:
    _issued(take, "complaint", priority=False)
    printer = OutOfPaperPrinter()
    with caplog.at_level(logging.ERROR):
        assert take.print_slip(printer, Paper.MM58, "id") is TakeStep.PRINT_FAILED
    assert printer.attempts == 1
    assert "slip for C-001 not printed" in caplog.text
    assert take.ticket is not None
    assert hall.queue.ticket(take.ticket.ticket_id).ticket.state is TicketState.WAITING
    with pytest.raises(StepError):  # one slip per number
        take.print_slip(printer, Paper.MM58, "id")


def test_a_visitor_who_leaves_while_the_slip_prints_is_forgotten(
    take: TakeNumber, hall: Hall
) -> None:
    _issued(take, "jobs", priority=False)

    class DoneWhilePrinting:
        def print_pdf(self, pdf: bytes, job_name: str) -> PrintJob:
            take.reset()  # Done tapped before the printer answered
            return PrintJob(backend="spool", job_id=job_name, path=None)

        def status(self) -> PrinterStatus:
            return PrinterStatus(ok=True, detail="ready")

    assert take.print_slip(DoneWhilePrinting(), Paper.MM80, "id") is None
    assert take.step is TakeStep.IDLE
    assert take.ticket is None


def test_a_number_made_after_the_visitor_left_does_not_come_back(
    take: TakeNumber, hall: Hall, monkeypatch: pytest.MonkeyPatch
) -> None:
    issue_ticket = hall.queue.issue_ticket
    take.open()
    take.choose(NO_PRIORITY)

    def slow(*args: object, **kwargs: object) -> object:
        take.reset()  # the idle time-out fired while the database was slow
        return issue_ticket(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(hall.queue, "issue_ticket", slow)
    assert take.issue() is None
    assert take.step is TakeStep.IDLE
    assert take.ticket is None
    assert take.open() is TakeStep.CHOOSING_SERVICE  # the next visitor starts afresh
