"""The kiosk on a thermal printer (ESC/POS over the network) that is out of paper: the
visitor keeps the number, the staff panel and the counter say why the slip is missing."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from kiosk.demo import seed_demo
from kiosk.hall import Hall
from printing import Paper
from printing.devices import parse_device
from printing.escpos import EscposPrinter
from tests.helpers.clock import MONDAY_0930_WIB, FakeClock
from tests.helpers.escpos_printer import PAPER_OUT, FakeNetworkPrinter
from tests.helpers.hall_faces import show, sign_in
from tests.helpers.kiosk_taps import open_panel, take_number
from tests.helpers.touch import tap
from ui.kiosk.slip_screen import SlipState
from ui.kiosk.window import KioskWindow
from ui.staff.window import StaffWindow


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MONDAY_0930_WIB)


@pytest.fixture
def fake() -> Iterator[FakeNetworkPrinter]:
    printer = FakeNetworkPrinter(state=PAPER_OUT).start()
    yield printer
    printer.stop()


@pytest.fixture
def window(qtbot: QtBot, hall: Hall, fake: FakeNetworkPrinter) -> Iterator[KioskWindow]:
    seed_demo(hall)
    printer = EscposPrinter.on(parse_device(fake.device), Paper.MM80, timeout_s=5)
    shown = KioskWindow(hall, printer=printer)
    show(qtbot, shown)
    yield shown
    shown.worker.wait()


def test_out_of_paper_keeps_the_number_up_for_a_photo_and_sends_nothing(
    qtbot: QtBot,
    window: KioskWindow,
    hall: Hall,
    fake: FakeNetworkPrinter,
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.ERROR):
        take_number(qtbot, window, "complaint", priority=False)
        qtbot.waitUntil(lambda: window.ticket.slip_state is SlipState.FAILED)
    assert window.ticket.number.text() == "C-001"
    assert "Nomor Anda tetap berlaku" in window.ticket.status.text()
    assert "slip for C-001 not printed: printer: out of paper" in caplog.text
    assert fake.job_bytes() == b""
    assert fake.queries[:3] == [1, 2, 4]
    window.worker.wait()

    console = StaffWindow(hall, counter=3)  # counter 3 calls complaints
    show(qtbot, console)
    sign_in(qtbot, console, "siti", "1111")
    tap(qtbot, console.console.action_bar.buttons["call"])
    panel = console.console.ticket
    qtbot.waitUntil(panel.reprint.isVisible)
    assert panel.number.text() == "C-001"
    assert panel.slip.text() == "Struk belum tercetak — printer: kertas habis"
    console.close()


def test_the_staff_panel_says_out_of_paper_and_the_test_slip_fails_with_it(
    qtbot: QtBot, window: KioskWindow, fake: FakeNetworkPrinter
) -> None:
    open_panel(qtbot, window, "9999")
    panel = window.maintenance
    qtbot.waitUntil(lambda: panel.printer.text() != "")
    assert panel.printer.text() == (
        f"Printer bermasalah. Rincian teknis: out of paper (tcp 127.0.0.1:{fake.port})"
    )
    tap(qtbot, panel.test_print)
    qtbot.waitUntil(lambda: panel.message.text() != "")
    assert panel.message.text() == "Struk uji gagal. Rincian teknis: printer: out of paper"
    assert fake.job_bytes() == b""
