"""The kiosk's hidden staff side: corner gesture, PIN with lock-out, panel actions; lockdown."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from kiosk.demo import seed_demo
from kiosk.hall import Hall
from tests.helpers.clock import FakeClock
from tests.helpers.touch import tap
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


def type_pin(qtbot: QtBot, window: KioskWindow, pin: str) -> None:
    qtbot.waitUntil(window.keyboard.isVisible)
    for digit in pin:
        key = next(
            b
            for b in window.keyboard.findChildren(QPushButton, "KeyboardKey")
            if b.isVisible() and b.text() == digit
        )
        tap(qtbot, key)
    qtbot.waitUntil(lambda: len(window.pin.field.text()) == len(pin))
    tap(qtbot, window.pin.sign_in)


def test_four_taps_do_nothing_five_open_the_pin_prompt(qtbot: QtBot, window: KioskWindow) -> None:
    tap(qtbot, window.header.mark, times=4)
    assert window.screens.currentWidget() is window.home
    tap(qtbot, window.header.mark)
    assert window.screens.currentWidget() is window.pin
    assert window.pin.field.hasFocus()


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
    assert window.maintenance.printer.text().startswith("Printer: ")


def test_panel_prints_a_test_slip_and_can_reload_or_exit(
    qtbot: QtBot, window: KioskWindow, hall: Hall
) -> None:
    tap(qtbot, window.header.mark, times=5)
    type_pin(qtbot, window, "1111")
    qtbot.waitUntil(lambda: window.screens.currentWidget() is window.maintenance)
    tap(qtbot, window.maintenance.test_print)
    qtbot.waitUntil(lambda: window.maintenance.message.text() != "")
    assert window.maintenance.message.text() == "Struk uji terkirim ke printer."
    assert len(list(hall.spool_dir.glob("*printer-test*.pdf"))) == 1
    with qtbot.waitSignal(window.left) as left:
        tap(qtbot, window.maintenance.reload)
    assert left.args == [RESTART]
    assert window.close()


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
