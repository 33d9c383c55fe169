"""Taking a number at the touchscreen, by touches: service, priority, the number and its slip."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QPoint
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.demo import seed_demo
from kiosk.hall import Hall
from printing import PrinterStatus, PrintJob
from tests.helpers.clock import MONDAY_0930_WIB, FakeClock
from tests.helpers.kiosk_taps import take_number
from tests.helpers.printers import OutOfPaperPrinter
from tests.helpers.touch import tap
from tests.printing.slip_tools import decode_qr, pdf_text, rasterise
from ui.app import DESIGN_SIZE
from ui.kiosk.slip_screen import SlipState
from ui.kiosk.window import LATE_TAP_SECONDS, KioskWindow

SUNDAY_0930_WIB = datetime(2026, 11, 22, 2, 30, tzinfo=UTC)


def _open(qtbot: QtBot, window: KioskWindow) -> KioskWindow:
    qtbot.addWidget(window)
    window.resize(*DESIGN_SIZE)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MONDAY_0930_WIB)


@pytest.fixture
def window(qtbot: QtBot, hall: Hall, clock: FakeClock) -> Iterator[KioskWindow]:
    shown = _open(qtbot, KioskWindow(hall))
    yield shown
    shown.worker.wait()


def test_tapping_through_gives_a_number_and_a_slip_whose_qr_decodes(
    qtbot: QtBot, window: KioskWindow, hall: Hall, tmp_path: Path
) -> None:
    take_number(qtbot, window, "jobs", priority=True)
    assert window.ticket.number.text() == "A-001"
    issued = window.ticket.ticket
    assert issued is not None
    assert window.ticket.qr.data() == issued.url
    assert issued.url.startswith(f"{hall.settings.central.base_url}/r/")
    qtbot.waitUntil(lambda: window.ticket.slip_state is SlipState.PRINTED)
    slips = sorted(hall.spool_dir.glob("*.pdf"))
    assert len(slips) == 1
    pdf = slips[0].read_bytes()
    text = pdf_text(pdf, tmp_path)
    assert "A-001" in text
    assert "PRIORITAS" in text
    assert issued.reference in text
    assert decode_qr(rasterise(pdf, tmp_path)) == [issued.url]


def test_the_slip_follows_the_chosen_language(
    qtbot: QtBot, window: KioskWindow, hall: Hall, tmp_path: Path
) -> None:
    tap(qtbot, window.header.language_button("en"))
    take_number(qtbot, window, "placement", priority=False)
    qtbot.waitUntil(lambda: window.ticket.slip_state is SlipState.PRINTED)
    assert window.ticket.number.text() == "B-001"
    text = pdf_text(next(hall.spool_dir.glob("*.pdf")).read_bytes(), tmp_path)
    assert "Queue number" in text
    assert "Registration & placement" in text
    assert "PRIORITY" not in text


def test_a_printer_failure_keeps_the_number_on_screen_and_valid(
    qtbot: QtBot, hall: Hall, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    printer = OutOfPaperPrinter()
    window = _open(qtbot, KioskWindow(hall, printer=printer))
    with caplog.at_level(logging.ERROR):
        take_number(qtbot, window, "complaint", priority=False)
        qtbot.waitUntil(lambda: window.ticket.slip_state is SlipState.FAILED)
    assert printer.attempts == 1
    assert window.ticket.number.text() == "C-001"
    assert "Nomor Anda tetap berlaku" in window.ticket.status.text()
    assert "C-001 not printed" in caplog.text
    issued = window.ticket.ticket
    assert issued is not None
    assert hall.queue.ticket(issued.ticket_id).ticket.state == "waiting"
    tap(qtbot, window.ticket)  # a stray tap must not hide the number before its photo
    assert window.screens.currentWidget() is window.ticket
    tap(qtbot, window.ticket.done)
    assert window.screens.currentWidget() is window.home
    window.worker.wait()


def test_done_goes_home_and_the_next_visitor_gets_the_next_number(
    qtbot: QtBot, window: KioskWindow
) -> None:
    take_number(qtbot, window, "jobs", priority=False)
    tap(qtbot, window.ticket.done)
    assert window.screens.currentWidget() is window.home
    take_number(qtbot, window, "jobs", priority=False)
    assert window.ticket.number.text() == "A-002"


def test_the_screens_say_how_many_are_ahead_and_waiting_in_plain_words(
    qtbot: QtBot, window: KioskWindow
) -> None:
    tap(qtbot, window.header.language_button("en"))
    ahead, waiting = [], []
    for _ in range(2):
        take_number(qtbot, window, "jobs", priority=False)
        ahead.append(window.ticket.ahead.text().split(" · ")[0])
        tap(qtbot, window.ticket.done)
        tap(qtbot, window.home.tiles["queue"])
        qtbot.waitUntil(lambda: window.screens.currentWidget() is window.services)
        for language in ("en", "id"):  # each language's own words for one and for more
            tap(qtbot, window.header.language_button(language))
            waiting.append(window.services.tiles["jobs"].queue_text().split(" · ")[0])
        tap(qtbot, window.header.language_button("en"))
        tap(qtbot, window.services.back)
    take_number(qtbot, window, "jobs", priority=False)
    ahead.append(window.ticket.ahead.text().split(" · ")[0])
    assert ahead == [
        "Nobody is ahead of you. Your number will be called soon.",
        "1 person ahead of you",
        "2 people ahead of you",
    ]
    assert waiting == [
        "1 person waiting",
        "1 orang menunggu",
        "2 people waiting",
        "2 orang menunggu",
    ]


def test_closed_services_are_greyed_with_the_reason(
    qtbot: QtBot, hall: Hall, clock: FakeClock
) -> None:
    clock.set(SUNDAY_0930_WIB)  # the hall follows its clock to a Sunday
    window = _open(qtbot, KioskWindow(hall))
    tap(qtbot, window.home.tiles["queue"])
    qtbot.waitUntil(lambda: window.screens.currentWidget() is window.services)
    for tile in window.services.tiles.values():
        assert not tile.isEnabled()
        assert tile.queue_text() == "Sedang tutup (di luar jam layanan)"
    tap(qtbot, window.services.tiles["jobs"])
    assert window.screens.currentWidget() is window.services
    window.worker.wait()


def test_a_service_closed_for_the_day_says_so(
    qtbot: QtBot, window: KioskWindow, hall: Hall, clock: FakeClock
) -> None:
    seed_demo(hall)
    hall.queue.close_today("opp", hall.staff.member("kepala"))
    tap(qtbot, window.home.tiles["queue"])
    qtbot.waitUntil(lambda: window.screens.currentWidget() is window.services)
    assert window.services.tiles["opp"].queue_text() == "Tutup hari ini"
    assert window.services.tiles["jobs"].isEnabled()


def test_idle_visitor_sees_a_countdown_then_the_start(
    qtbot: QtBot, window: KioskWindow, clock: FakeClock
) -> None:
    tap(qtbot, window.header.language_button("en"))
    take_number(qtbot, window, "jobs", priority=False)
    tap(qtbot, window.ticket.done)
    tap(qtbot, window.home.tiles["queue"])
    qtbot.waitUntil(lambda: window.screens.currentWidget() is window.services)
    buttons = [window.services.back, *window.services.tiles.values()]
    before = [button.mapTo(window, QPoint(0, 0)) for button in buttons]
    clock.now += timedelta(seconds=window.hall.settings.kiosk.idle_seconds - 5)
    qtbot.waitUntil(lambda: window.idle_banner.isVisible())
    assert "Back to the start in 5 seconds" in window.idle_banner.text.text()
    after = [button.mapTo(window, QPoint(0, 0)) for button in buttons]
    assert after == before  # the countdown floats over the screen, moving nothing
    assert window.idle_banner.geometry().top() == window.screens.geometry().top()
    tap(qtbot, window.idle_banner.stay)
    assert not window.idle_banner.isVisible()
    clock.now += timedelta(seconds=window.hall.settings.kiosk.idle_seconds + 1)
    qtbot.waitUntil(lambda: window.screens.currentWidget() is window.home)
    assert window.language == "id"
    assert window.home.tiles["queue"].accessibleName() == "Ambil Nomor Antrian"


def test_a_late_tap_after_the_ticket_went_home_by_itself_starts_nothing(
    qtbot: QtBot, window: KioskWindow
) -> None:
    window.ticket.shown_ms = 200
    take_number(qtbot, window, "jobs", priority=False)
    qtbot.waitUntil(lambda: window.screens.currentWidget() is window.home)
    tap(qtbot, window.home.tiles["queue"])  # meant for the ticket screen
    qtbot.wait(100)
    assert window.screens.currentWidget() is window.home
    qtbot.wait(int(LATE_TAP_SECONDS * 1000))
    tap(qtbot, window.home.tiles["queue"])
    qtbot.waitUntil(lambda: window.screens.currentWidget() is window.services)


def test_large_text_toggle_changes_every_screen(qtbot: QtBot, window: KioskWindow) -> None:
    title = window.home.tiles["queue"].findChild(QWidget, "TileTitle")
    assert title is not None
    normal = title.font().pointSizeF()
    tap(qtbot, window.header.large_text)
    assert window.property("large") is True
    assert title.font().pointSizeF() > normal
    tap(qtbot, window.header.large_text)
    assert title.font().pointSizeF() == normal


def test_a_double_tap_on_the_answer_takes_one_number(
    qtbot: QtBot, window: KioskWindow, hall: Hall
) -> None:
    tap(qtbot, window.home.tiles["queue"])
    qtbot.waitUntil(lambda: window.screens.currentWidget() is window.services)
    tap(qtbot, window.services.tiles["jobs"])
    tap(qtbot, window.priority.no, times=2)
    qtbot.waitUntil(lambda: window.ticket.slip_state is SlipState.PRINTED)
    assert window.ticket.number.text() == "A-001"
    jobs = next(status for status in hall.queue.services_status() if status.code == "jobs")
    assert jobs.issued == 1


class HeldPrinter:
    """A printer that finishes a job only when the test lets it."""

    def __init__(self) -> None:
        self.release = threading.Event()

    def print_pdf(self, pdf: bytes, job_name: str) -> PrintJob:
        self.release.wait(timeout=10)
        return PrintJob(backend="spool", job_id=job_name, path=None)

    def status(self) -> PrinterStatus:
        return PrinterStatus(ok=True, detail="ready")


def test_a_slip_done_after_the_visitor_left_leaves_the_next_visitor_be(
    qtbot: QtBot, hall: Hall
) -> None:
    printer = HeldPrinter()
    window = _open(qtbot, KioskWindow(hall, printer=printer))
    take_number(qtbot, window, "jobs", priority=False)
    tap(qtbot, window.ticket.done)  # before the printer answered
    tap(qtbot, window.home.tiles["queue"])
    qtbot.waitUntil(lambda: window.screens.currentWidget() is window.services)
    printer.release.set()
    assert window.worker.wait()
    QCoreApplication.processEvents()
    assert window.screens.currentWidget() is window.services
    assert window.ticket.slip_state is SlipState.PRINTING  # the late outcome is not shown


def test_the_services_say_what_to_bring_before_a_number_is_taken(
    qtbot: QtBot, home_window: KioskWindow
) -> None:
    tap(qtbot, home_window.home.tiles["queue"])
    tiles = home_window.services.tiles
    assert tiles["placement"].bring.text().startswith("Bawa: KTP · Kartu Keluarga · ")
    assert "Bawa: KTP" in tiles["placement"].accessibleDescription()
    assert tiles["jobs"].bring.isHidden()  # the site lists nothing for it
    tap(qtbot, home_window.header.language_button("en"))
    assert tiles["placement"].bring.text().startswith("Bring: ID card (KTP) · ")
