"""UI fixtures: screens run on a SQLite hall (the database is tested on both elsewhere)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.hall import Hall
from kiosk.queueing.service import QueueService
from tests.helpers.clock import FakeClock
from tests.helpers.hall_faces import show
from ui.app import DESIGN_SIZE, THEME
from ui.kiosk.window import KioskWindow
from ui.staff.window import StaffWindow


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """The embedded SQLite database, as on a single kiosk box."""
    return f"sqlite:///{tmp_path / 'hall.sqlite3'}"


@pytest.fixture(autouse=True)
def themed(qapp: QApplication) -> None:
    """Screens are tested with the real style sheet applied."""
    qapp.setStyleSheet(THEME.read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def no_kiosk_left(qapp: QApplication) -> Iterator[None]:
    """A kiosk refuses to close (pytest-qt's close lands in its closeEvent): after each test
    every kiosk window is shut down and deleted, so none keeps polling and painting through
    the tests that follow."""
    yield
    for widget in qapp.topLevelWidgets():
        if isinstance(widget, KioskWindow):
            widget.shut_down()
            widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def home_window(qtbot: QtBot, hall: Hall) -> KioskWindow:
    """The kiosk at its home screen, active, at the design size."""
    shown = KioskWindow(hall)
    qtbot.addWidget(shown)
    shown.resize(*DESIGN_SIZE)
    shown.show()
    qtbot.waitExposed(shown)
    shown.activateWindow()
    qtbot.waitUntil(shown.isActiveWindow)
    return shown


@pytest.fixture
def console(
    qtbot: QtBot, hall: Hall, queue: QueueService, clock: FakeClock
) -> Iterator[StaffWindow]:
    """The staff console at counter 1 over the module's ``queue``, signed out."""
    window = StaffWindow(hall, counter=1)
    show(qtbot, window)
    yield window
    window.close()
