"""At the counter: a ticket names its vacancy, and a slip that never printed is reprinted."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.demo import seed_demo
from kiosk.demo.jobs import seed_demo_jobs
from kiosk.hall import Hall
from kiosk.jobs.search import JobQuery
from kiosk.queueing.service import QueueService
from kiosk.queueing.take import TakeNumber, TakeStep
from printing import Paper
from tests.helpers.clock import FakeClock
from tests.helpers.hall_faces import sign_in
from tests.helpers.printers import OutOfPaperPrinter
from tests.helpers.touch import tap
from tests.printing.slip_tools import decode_qr, pdf_text, rasterise
from ui.staff.window import StaffWindow


@pytest.fixture
def queue(hall: Hall, clock: FakeClock) -> QueueService:
    seed_demo(hall)
    seed_demo_jobs(hall)
    return hall.queue


def _registered_at_the_kiosk(hall: Hall, printed: bool) -> TakeNumber:
    """ "Daftar sekarang" on a caregiver vacancy; the kiosk's printer out of paper or not."""
    take = TakeNumber(hall.queue, hall.settings)
    take.register(hall.jobs.search(JobQuery(text="caregiver")).postings[0].id)
    if take.step is TakeStep.ASKING_PRIORITY:
        take.answer_priority(False)
    assert take.issue() is TakeStep.ISSUED
    printer = hall.printer() if printed else OutOfPaperPrinter()
    outcome = take.print_slip(printer, Paper.MM80, "id")
    assert outcome is (TakeStep.PRINTED if printed else TakeStep.PRINT_FAILED)
    return take


def _call(qtbot: QtBot, console: StaffWindow, number: str) -> None:
    tap(qtbot, console.console.action_bar.buttons["call"])
    qtbot.waitUntil(
        lambda: (
            console.console.snapshot is not None
            and console.console.snapshot.held is not None
            and console.console.snapshot.held.ticket.number == number
        )
    )


def test_a_slip_that_never_printed_is_reprinted_by_a_tap(
    qtbot: QtBot, console: StaffWindow, hall: Hall, queue: QueueService, tmp_path: Path
) -> None:
    take = _registered_at_the_kiosk(hall, printed=False)
    issued = take.ticket
    assert issued is not None
    assert issued.posting is not None
    assert list(hall.spool_dir.glob("*.pdf")) == []
    sign_in(qtbot, console, "siti", "1111")
    _call(qtbot, console, issued.number)

    panel = console.console.ticket
    qtbot.waitUntil(panel.reprint.isVisible)
    assert panel.posting.text() == f"Lowongan: {issued.posting}"
    assert panel.slip.isVisible()
    assert panel.slip.text() == "Struk belum tercetak — printer: berhenti"  # CUPS: stopped
    tap(qtbot, panel.reprint)

    qtbot.waitUntil(lambda: not panel.reprint.isVisible())
    assert not panel.slip.isVisible()
    assert console.console.message.text() == f"Struk {issued.number} sudah dicetak ulang."
    (slip,) = hall.spool_dir.glob(f"*ticket-{issued.number}.pdf")
    pdf = slip.read_bytes()
    text = " ".join(pdf_text(pdf, tmp_path).split())
    assert issued.number in text
    assert issued.reference in text
    assert "Lowongan" in text
    assert decode_qr(rasterise(pdf, tmp_path)) == [issued.url]
    assert not queue.ticket(issued.ticket_id).ticket.slip_missing


def test_a_printed_slip_offers_no_reprint_and_a_plain_number_names_no_vacancy(
    qtbot: QtBot, console: StaffWindow, hall: Hall, queue: QueueService
) -> None:
    take = _registered_at_the_kiosk(hall, printed=True)
    assert take.ticket is not None
    plain = queue.issue_ticket("jobs")
    sign_in(qtbot, console, "siti", "1111")
    _call(qtbot, console, take.ticket.number)
    panel = console.console.ticket
    assert panel.posting.isVisible()
    assert not panel.reprint.isVisible()
    assert not panel.slip.isVisible()
    no_show = console.console.action_bar.buttons["no_show"]
    qtbot.waitUntil(no_show.isEnabled)
    tap(qtbot, no_show)
    qtbot.waitUntil(
        lambda: console.console.snapshot is not None and not console.console.snapshot.held
    )
    _call(qtbot, console, plain.number)
    assert not panel.posting.isVisible()
