"""A locked face hides the pointer everywhere, whatever a widget asks for."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from ui.app import lock_down


@pytest.fixture
def no_override() -> Iterator[None]:
    while QApplication.overrideCursor() is not None:
        QApplication.restoreOverrideCursor()
    yield
    while QApplication.overrideCursor() is not None:
        QApplication.restoreOverrideCursor()


@pytest.mark.usefixtures("no_override")
def test_lock_down_hides_the_pointer_over_every_widget(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    button = QPushButton("Ambil nomor", window)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    assert QApplication.overrideCursor() is None

    lock_down(window)
    lock_down(window)  # the kiosk reloads: still one override to undo, not two

    cursor = QApplication.overrideCursor()
    assert cursor is not None
    assert cursor.shape() == Qt.CursorShape.BlankCursor
    QApplication.restoreOverrideCursor()
    assert QApplication.overrideCursor() is None
