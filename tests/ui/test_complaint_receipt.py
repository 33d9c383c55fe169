"""The complaint's end at the kiosk when something fails: sending, printing; and languages."""

from __future__ import annotations

import logging

import pytest
from pytestqt.qtbot import QtBot

from kiosk.complaints.fields import Step
from kiosk.complaints.store import ComplaintService
from kiosk.demo.complaints import ANSWERS
from kiosk.hall import Hall
from tests.helpers.clock import MONDAY_0930_WIB, FakeClock
from tests.helpers.kiosk_taps import report_until
from tests.helpers.printers import OutOfPaperPrinter
from tests.helpers.touch import tap
from ui.app import DESIGN_SIZE
from ui.kiosk.complaint.editors import LineEditor
from ui.kiosk.slip_screen import SlipState
from ui.kiosk.window import KioskWindow


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MONDAY_0930_WIB)


def open_window(qtbot: QtBot, window: KioskWindow) -> KioskWindow:
    qtbot.addWidget(window)
    window.resize(*DESIGN_SIZE)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_a_printer_failure_keeps_the_number_on_screen_until_done(
    qtbot: QtBot, hall: Hall, caplog: pytest.LogCaptureFixture
) -> None:
    printer = OutOfPaperPrinter()
    window = open_window(qtbot, KioskWindow(hall, printer=printer))
    wizard = report_until(qtbot, window, Step.REVIEW)
    receipt = window.complaint.receipt
    with caplog.at_level(logging.ERROR):
        tap(qtbot, wizard.next)
        qtbot.waitUntil(lambda: receipt.slip_state is SlipState.FAILED)
    assert printer.attempts == 1
    reference = receipt.reference.text()
    assert reference.startswith("P-")
    assert "Pengaduan Anda tetap tersimpan" in receipt.status.text()
    assert f"complaint receipt {reference} not printed" in caplog.text
    tap(qtbot, receipt)  # a stray touch does not hide the number
    assert window.screens.currentWidget() is receipt
    tap(qtbot, receipt.done)
    assert window.screens.currentWidget() is window.home
    window.worker.wait()


def test_a_failure_to_store_is_said_plainly_and_the_answers_stay(
    qtbot: QtBot, hall: Hall, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(ComplaintService, "submit", broken)
    window = open_window(qtbot, KioskWindow(hall))
    wizard = report_until(qtbot, window, Step.REVIEW)
    with caplog.at_level(logging.ERROR):
        tap(qtbot, wizard.next)
        qtbot.waitUntil(wizard.next.isEnabled)
    assert wizard.message.text().startswith("Maaf, pengaduan belum terkirim")
    assert window.screens.currentWidget() is wizard
    assert wizard.form.is_complete
    assert "Siti Aminah Rahayu" not in caplog.text
    window.worker.wait()


def test_the_wizard_follows_a_language_switch_and_keeps_the_answers(
    qtbot: QtBot, hall: Hall
) -> None:
    window = open_window(qtbot, KioskWindow(hall))
    wizard = report_until(qtbot, window, Step.WORKER)
    tap(qtbot, window.header.language_button("en"))
    assert wizard.title.text() == "About the Worker"
    assert wizard.step_label.text() == "Step 2 of 6"
    assert wizard.next.text() == "Next"
    tap(qtbot, wizard.back)
    name = wizard.steps[Step.REPORTER].editors["reporter_name"]
    assert isinstance(name, LineEditor)
    assert name.field.text() == ANSWERS[Step.REPORTER]["reporter_name"]
    assert wizard.form.language == "en"
