"""The kiosk's hidden staff side: corner gesture, PIN with lock-out, panel actions; lockdown."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from kiosk.demo import seed_demo
from kiosk.hall import Hall
from kiosk.logs import log_path
from printing import PrinterStatus
from tests.helpers.clock import FakeClock
from tests.helpers.kiosk_taps import open_panel, type_pin
from tests.helpers.touch import quick_taps, tap
from ui.app import DESIGN_SIZE, lock_down
from ui.kiosk.window import RESTART, KioskWindow

NOW = datetime(2026, 11, 23, 2, 30, tzinfo=UTC)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def window(qtbot: QtBot, hall: Hall) -> Iterator[KioskWindow]:
    seed_demo(hall)
    shown = KioskWindow(hall)
    qtbot.addWidget(shown)
    shown.resize(*DESIGN_SIZE)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    shown.worker.wait()


def test_four_taps_do_nothing_five_open_the_pin_prompt(qtbot: QtBot, window: KioskWindow) -> None:
    tap(qtbot, window.header.mark, times=4)
    assert window.screens.currentWidget() is window.home
    tap(qtbot, window.header.mark)
    assert window.screens.currentWidget() is window.pin
    assert window.pin.field.hasFocus()


def test_five_quick_taps_open_the_pin_prompt_though_qt_makes_double_clicks_of_them(
    qtbot: QtBot, window: KioskWindow, clock: FakeClock
) -> None:
    quick_taps(qtbot, window.header.mark, 4, lambda: clock.advance(seconds=0.15))
    assert window.screens.currentWidget() is window.home
    clock.advance(seconds=0.15)
    quick_taps(qtbot, window.header.mark, 1, lambda: None)
    assert window.screens.currentWidget() is window.pin


def test_wrong_pin_is_refused_and_the_right_one_opens_the_panel(
    qtbot: QtBot, window: KioskWindow
) -> None:
    tap(qtbot, window.header.mark, times=5)
    type_pin(qtbot, window, "4321")
    qtbot.waitUntil(lambda: window.pin.error.text() != "")
    assert window.pin.error.text() == "PIN salah. Sisa percobaan: 4."
    assert window.screens.currentWidget() is window.pin
    type_pin(qtbot, window, "9999")
    qtbot.waitUntil(lambda: window.screens.currentWidget() is window.maintenance)
    qtbot.waitUntil(lambda: window.maintenance.printer.text() != "")
    assert "Dewi Lestari" in window.maintenance._title.text()
    assert window.maintenance.printer.text() == "Printer siap."


def test_panel_prints_a_test_slip_and_a_supervisor_can_reload_or_exit(
    qtbot: QtBot, window: KioskWindow, hall: Hall
) -> None:
    open_panel(qtbot, window, "9999")
    assert window.maintenance.exit.isEnabled()
    assert not window.maintenance.closing_note.isVisible()
    tap(qtbot, window.maintenance.test_print)
    qtbot.waitUntil(lambda: window.maintenance.message.text() != "")
    assert window.maintenance.message.text() == "Struk uji terkirim ke printer."
    assert len(list(hall.spool_dir.glob("*printer-test*.pdf"))) == 1
    with qtbot.waitSignal(window.left) as left:
        tap(qtbot, window.maintenance.reload)
    assert left.args == [RESTART]
    assert window.close()


def test_an_officer_may_use_the_panel_but_not_close_the_kiosk(
    qtbot: QtBot, window: KioskWindow, hall: Hall
) -> None:
    open_panel(qtbot, window, "1111")
    panel = window.maintenance
    assert not panel.exit.isEnabled()
    assert not panel.reload.isEnabled()
    assert (
        panel.closing_note.text() == "Hanya supervisor yang boleh memuat ulang atau menutup kiosk."
    )
    tap(qtbot, panel.test_print)
    qtbot.waitUntil(lambda: panel.message.text() == "Struk uji terkirim ke printer.")
    with qtbot.assertNotEmitted(window.left, wait=200):
        panel.exit_requested.emit()  # as if the button were pressed: the core says no
        qtbot.waitUntil(
            lambda: panel.message.text() == "Hanya supervisor yang boleh melakukan ini."
        )
    assert window.close() is False  # Alt+F4 on an officer's panel
    assert window.isVisible()


def test_the_panel_speaks_the_screens_language_and_shows_the_newest_log_line_first(
    qtbot: QtBot, window: KioskWindow
) -> None:
    log_path().parent.mkdir(parents=True, exist_ok=True)
    log_path().write_text(
        "".join(f"2026-11-23 09:0{n}:00 INFO kiosk: line {n}\n" for n in range(3)),
        encoding="utf-8",
    )
    tap(qtbot, window.header.language_button("en"))
    tap(qtbot, window.header.mark, times=5)
    assert window.pin.sign_in.text() == "Sign in"
    type_pin(qtbot, window, "9999")
    qtbot.waitUntil(lambda: window.maintenance.printer.text() != "")
    panel = window.maintenance
    assert panel.printer.text() == "Printer ready."
    assert panel.exit.text() == "Close the kiosk"
    assert panel._log_title.text() == "Latest log lines, newest first"
    assert panel.log.toPlainText().splitlines()[0].endswith("line 2")
    assert panel.log.toPlainText().splitlines()[-1].endswith("line 0")
    tap(qtbot, window.header.language_button("id"))
    assert panel.printer.text() == "Printer siap."
    panel.show_printer(PrinterStatus(False, "CUPS queue kiosk is not accepting jobs"))
    assert panel.printer.text() == (
        "Printer bermasalah. Rincian teknis: CUPS queue kiosk is not accepting jobs"
    )


def test_visitors_cannot_close_open_menus_or_escape(qtbot: QtBot, window: KioskWindow) -> None:
    lock_down(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert window.close() is False
    field = QLineEdit(window.home)
    menu = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(1, 1), QPoint(1, 1))
    app = QApplication.instance()
    assert app is not None
    assert app.notify(field, menu) is True
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.isVisible()
