"""The kiosk's home screen, driven by touches: tiles, language switch, the way back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.hall import Hall
from ui.kiosk_window import KioskWindow


@pytest.fixture
def window(qtbot: QtBot, hall: Hall) -> KioskWindow:
    shown = KioskWindow(hall)
    qtbot.addWidget(shown)
    shown.resize(1280, 800)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def test_home_shows_agency_and_the_four_tiles_in_bahasa_indonesia(window: KioskWindow) -> None:
    titles = [tile.accessibleName() for tile in window.home.tiles.values()]
    assert titles == [
        "Ambil Nomor Antrian",
        "Info Lowongan Kerja",
        "Pengaduan PMI",
        "Cek Status",
    ]
    assert all(tile.height() >= 64 for tile in window.home.tiles.values())
    assert window.header.language_button("id").isChecked()


def test_language_switch_relabels_in_place(qtbot: QtBot, window: KioskWindow) -> None:
    qtbot.mouseClick(window.header.language_button("en"), Qt.MouseButton.LeftButton)
    assert window.home.tiles["queue"].accessibleName() == "Take a Queue Number"
    assert window.header.language_button("en").isChecked()
    assert not window.header.language_button("id").isChecked()
    qtbot.mouseClick(window.header.language_button("id"), Qt.MouseButton.LeftButton)
    assert window.home.tiles["queue"].accessibleName() == "Ambil Nomor Antrian"


def test_a_tile_leads_to_its_page_and_back_home(qtbot: QtBot, window: KioskWindow) -> None:
    qtbot.mouseClick(window.home.tiles["status"], Qt.MouseButton.LeftButton)
    assert window.screens.currentWidget() is window.notice
    qtbot.mouseClick(window.header.language_button("en"), Qt.MouseButton.LeftButton)
    assert window.notice.back.text() == "Back to start"
    qtbot.mouseClick(window.notice.back, Qt.MouseButton.LeftButton)
    assert window.screens.currentWidget() is window.home


def test_visitors_cannot_close_the_window(window: KioskWindow) -> None:
    assert window.close() is False
    assert window.isVisible()
