"""A ticket whose slip never printed is marked so, and its slip can be printed again."""

from __future__ import annotations

import pytest

from kiosk.hall import Hall
from kiosk.queueing import QueueService
from kiosk.queueing.slip import ticket_slip
from kiosk.queueing.states import QueueError
from kiosk.queueing.take import TakeNumber, TakeStep
from printing import Paper
from tests.helpers.printers import OutOfPaperPrinter


def _take(hall: Hall, service: str = "jobs") -> TakeNumber:
    take = TakeNumber(hall.queue, hall.settings)
    take.open()
    take.choose(service)
    take.answer_priority(False)
    assert take.issue() is TakeStep.ISSUED
    return take


def _missing(queue: QueueService, ticket_id: int) -> bool:
    return queue.ticket(ticket_id).ticket.slip_missing


def test_a_slip_that_failed_marks_its_ticket(hall: Hall) -> None:
    take = _take(hall)
    assert take.ticket is not None
    assert take.print_slip(OutOfPaperPrinter(), Paper.MM80, "id") is TakeStep.PRINT_FAILED
    assert _missing(hall.queue, take.ticket.ticket_id)


def test_a_printed_slip_leaves_no_mark(hall: Hall) -> None:
    take = _take(hall)
    assert take.ticket is not None
    assert take.print_slip(hall.printer(), Paper.MM80, "id") is TakeStep.PRINTED
    assert not _missing(hall.queue, take.ticket.ticket_id)


def test_a_kiosk_that_stopped_before_the_printer_answered_leaves_the_mark(hall: Hall) -> None:
    take = _take(hall)  # issued; the kiosk lost power before print_slip returned
    assert take.ticket is not None
    assert _missing(hall.queue, take.ticket.ticket_id)


def test_a_number_issued_without_a_slip_is_not_marked(queue: QueueService) -> None:
    issued = queue.issue_ticket("jobs")  # mpp-kiosk ticket issue, scripts
    assert not _missing(queue, issued.ticket_id)


def test_the_slip_again_has_the_number_as_issued_and_the_queue_as_now(
    hall: Hall, queue: QueueService
) -> None:
    first = queue.issue_ticket("jobs")
    failed = queue.issue_ticket("jobs", slip=True)
    queue.issue_ticket("jobs")
    queue.slip_printed(failed.ticket_id, printed=False)
    assert failed.people_ahead == 1

    again = queue.slip_again(failed.ticket_id)
    assert (again.number, again.reference, again.url, again.issued_at) == (
        failed.number,
        failed.reference,
        failed.url,
        failed.issued_at,
    )
    assert again.people_ahead == 1
    queue.call_next(1)  # calls the first
    assert queue.slip_again(failed.ticket_id).people_ahead == 0
    assert ticket_slip(again, hall.settings, "id").headline == failed.number

    queue.slip_printed(failed.ticket_id, printed=True)
    assert not _missing(queue, failed.ticket_id)
    assert not _missing(queue, first.ticket_id)


def test_an_unknown_ticket_is_refused(queue: QueueService) -> None:
    with pytest.raises(QueueError):
        queue.slip_printed(999_999, printed=True)
    with pytest.raises(QueueError):
        queue.slip_again(999_999)
