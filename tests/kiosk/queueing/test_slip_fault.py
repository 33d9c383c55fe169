"""Why a slip failed is kept with the ticket, so the counter can say it (and every fault
a printer back-end names has words in both languages)."""

from __future__ import annotations

import pytest

from kiosk.hall import Hall
from kiosk.i18n import catalog, translate
from kiosk.queueing.take import TakeNumber, TakeStep
from kiosk.queueing.views import slip_fault_key
from printing import Paper, PrintError, PrinterStatus, PrintFault, PrintJob


class PaperOut:
    """A thermal printer whose roll ran out (as the ESC/POS back-end reports it)."""

    def print_pdf(self, pdf: bytes, job_name: str) -> PrintJob:
        raise PrintError(PrintFault.PAPER_OUT, "printer: out of paper")

    def status(self) -> PrinterStatus:
        return PrinterStatus(False, "out of paper")


class Broken:
    """A back-end failing with something that is not a PrintError."""

    def print_pdf(self, pdf: bytes, job_name: str) -> PrintJob:
        raise RuntimeError("driver crashed")

    def status(self) -> PrinterStatus:
        return PrinterStatus(False, "crashed")


def _taken(hall: Hall, printer: object) -> int:
    take = TakeNumber(hall.queue, hall.settings)
    take.open()
    take.choose("jobs")
    if take.step is TakeStep.ASKING_PRIORITY:
        take.answer_priority(False)
    assert take.issue() is TakeStep.ISSUED
    take.print_slip(printer, Paper.MM80, "id")  # type: ignore[arg-type]
    assert take.ticket is not None
    return take.ticket.ticket_id


def test_a_failed_slip_keeps_the_printers_fault_until_a_reprint_comes_out(hall: Hall) -> None:
    ticket_id = _taken(hall, PaperOut())
    view = hall.queue.ticket(ticket_id).ticket
    assert view.slip_missing
    assert view.slip_fault == "paper-out"
    assert translate(slip_fault_key(view.slip_fault) or "", "id") == "printer: kertas habis"
    hall.queue.slip_printed(ticket_id, printed=True)
    view = hall.queue.ticket(ticket_id).ticket
    assert (view.slip_missing, view.slip_fault) == (False, None)


def test_a_failure_without_a_printer_fault_is_just_not_printed(hall: Hall) -> None:
    view = hall.queue.ticket(_taken(hall, Broken())).ticket
    assert view.slip_missing
    assert view.slip_fault is None
    assert slip_fault_key(view.slip_fault) is None
    assert slip_fault_key("no-such-fault") is None


@pytest.mark.parametrize("fault", list(PrintFault))
@pytest.mark.parametrize("language", ["id", "en"])
def test_every_printer_fault_has_words_for_the_counter(fault: PrintFault, language: str) -> None:
    key = slip_fault_key(fault.value)
    assert key is not None
    words = catalog(language).get(key)  # the language's own words, not a fallback
    assert words is not None
    assert words.startswith("printer: ")
    assert translate("console.slip_missing_because", language, reason=words).endswith(words)
