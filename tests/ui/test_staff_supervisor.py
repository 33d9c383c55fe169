"""The supervisor's panel: close and open a service today, change a quota, print the report."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.demo import seed_demo
from kiosk.hall import Hall
from kiosk.queueing.service import QueueService
from kiosk.sync.status import sync_status
from tests.helpers.hall_faces import show, sign_in
from tests.helpers.printers import OutOfPaperPrinter
from tests.helpers.touch import tap
from ui.staff.window import StaffWindow


@pytest.fixture
def queue(hall: Hall) -> QueueService:
    seed_demo(hall)
    return hall.queue


@pytest.fixture
def supervisor(qtbot: QtBot, hall: Hall, queue: QueueService) -> Iterator[StaffWindow]:
    window = StaffWindow(hall, counter=2)
    show(qtbot, window)
    sign_in(qtbot, window, "kepala", "9999")
    qtbot.waitUntil(lambda: bool(window.console.snapshot and window.console.snapshot.services))
    yield window
    window.close()


def _status(queue: QueueService, code: str) -> tuple[bool, int]:
    status = next(s for s in queue.services_status() if s.code == code)
    return status.closed_today, status.quota


def test_only_a_supervisor_sees_the_panel_with_the_priority_mix(supervisor: StaffWindow) -> None:
    panel = supervisor.console.supervisor
    assert panel.isVisible()
    assert panel.ratio.text() == "Urutan prioritas: setelah 2 prioritas, 1 reguler"
    assert panel.toggles["opp"].text() == "Buka hari ini"


def test_closing_and_reopening_a_service_for_the_day(
    qtbot: QtBot, supervisor: StaffWindow, queue: QueueService
) -> None:
    toggle = supervisor.console.supervisor.toggles["opp"]
    tap(qtbot, toggle)
    qtbot.waitUntil(lambda: toggle.text() == "Tutup hari ini")
    assert _status(queue, "opp") == (True, 60)
    assert (
        supervisor.console.message.text() == "Orientasi Pra Pemberangkatan ditutup untuk hari ini."
    )
    tap(qtbot, toggle)
    qtbot.waitUntil(lambda: toggle.text() == "Buka hari ini")
    assert _status(queue, "opp") == (False, 60)


@pytest.mark.parametrize(
    ("language", "refusal"),
    [
        ("id", "Hanya kepala/supervisor yang boleh melakukan ini; siti bukan supervisor."),
        ("en", "Only a supervisor may do this; siti is not one."),
    ],
)
def test_an_officer_cannot_close_a_service_even_by_the_panels_signal(
    qtbot: QtBot, console: StaffWindow, queue: QueueService, language: str, refusal: str
) -> None:
    tap(qtbot, console.sign_in.language_button(language))
    sign_in(qtbot, console, "siti", "1111")
    panel = console.console.supervisor
    assert not panel.isVisible()
    panel.opening_toggled.emit("opp", False)  # the hidden panel's action, invoked in code
    qtbot.waitUntil(lambda: console.console.message.property("tone") == "error")
    assert console.console.message.text() == refusal
    assert _status(queue, "opp") == (False, 60)


def test_changing_todays_quota(qtbot: QtBot, supervisor: StaffWindow, queue: QueueService) -> None:
    spin = supervisor.console.supervisor.quotas["placement"]
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "25")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _status(queue, "placement") == (False, 25))
    qtbot.waitUntil(
        lambda: supervisor.console.message.text() == "Kuota Pendaftaran & Penempatan hari ini: 25."
    )


def test_a_quota_typed_before_signing_out_is_saved_as_the_supervisor(
    qtbot: QtBot, supervisor: StaffWindow, queue: QueueService
) -> None:
    spin = supervisor.console.supervisor.quotas["placement"]
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "30")  # no Enter: the sign-out tap ends the editing
    tap(qtbot, supervisor.console.sign_out)
    qtbot.waitUntil(lambda: _status(queue, "placement") == (False, 30))
    assert supervisor.member is None


def test_the_day_report_goes_to_the_spool_folder(
    qtbot: QtBot, supervisor: StaffWindow, hall: Hall
) -> None:
    tap(qtbot, supervisor.console.supervisor.report)
    qtbot.waitUntil(lambda: "sudah dikirim ke printer" in supervisor.console.message.text())
    reports = list(hall.spool_dir.glob("*day-report-2026-11-23.pdf"))
    assert len(reports) == 1
    assert reports[0].read_bytes().startswith(b"%PDF")


def test_a_printer_fault_is_reported(qtbot: QtBot, hall: Hall, queue: QueueService) -> None:
    window = StaffWindow(hall, counter=1, printer=OutOfPaperPrinter())
    show(qtbot, window)
    sign_in(qtbot, window, "kepala", "9999")
    tap(qtbot, window.console.supervisor.report)
    qtbot.waitUntil(lambda: window.console.message.property("tone") == "error")
    assert "media-empty" in window.console.message.text()
    window.close()


def test_the_supervisor_sees_the_halls_standing_with_the_centre_in_one_line(
    qtbot: QtBot, supervisor: StaffWindow, queue: QueueService, hall: Hall
) -> None:
    line = supervisor.console.supervisor.sync
    qtbot.waitUntil(lambda: "belum terkirim" in line.text())
    waiting = sync_status(hall.db).waiting
    assert waiting > 0  # the demo's services and counters wait for the centre
    assert line.text().startswith("Pusat: belum terdaftar; ")
    assert f"{waiting} belum terkirim, tertua " in line.text()
    assert line.text().endswith("; 0 ditolak; belum pernah ambil data")
    queue.issue_ticket("jobs")  # its outbox entry is written with it
    qtbot.waitUntil(lambda: f"{waiting + 1} belum terkirim" in line.text())
    tap(qtbot, supervisor.console.sign_out)
    tap(qtbot, supervisor.sign_in.language_button("en"))
    sign_in(qtbot, supervisor, "kepala", "9999")
    qtbot.waitUntil(lambda: f"{waiting + 1} to send, oldest " in line.text())
    assert line.text().startswith("Centre: not enrolled")
    assert line.text().endswith("; 0 refused; never pulled")


def test_the_supervisor_sees_this_months_survey_index_per_service(
    qtbot: QtBot, supervisor: StaffWindow, queue: QueueService, hall: Hall
) -> None:
    counts = supervisor.console.supervisor.counts["jobs"]
    qtbot.waitUntil(lambda: "menunggu" in counts.text())
    assert "SKM" not in counts.text()  # nobody answered yet
    issued = queue.issue_ticket("jobs")
    queue.call_next(1)
    queue.start(1)
    queue.finish(1)
    hall.survey.submit(issued.reference, (4, 3, 3, 4, 3, 4, 4, 3, 2))
    supervisor.refresh()
    qtbot.waitUntil(lambda: "SKM" in counts.text())
    assert counts.text().endswith(" · SKM bulan ini 83.33 B (1)")
