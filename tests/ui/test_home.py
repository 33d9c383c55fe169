"""The kiosk's home screen, driven by touches: tiles, language switch, the way back."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from kiosk.hall import Hall
from tests.helpers.touch import tap
from ui.app import DESIGN_SIZE
from ui.kiosk_window import KioskWindow


@pytest.fixture
def window(qtbot: QtBot, hall: Hall) -> KioskWindow:
    shown = KioskWindow(hall)
    qtbot.addWidget(shown)
    shown.resize(*DESIGN_SIZE)
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
    tap(qtbot, window.header.language_button("en"))
    assert window.home.tiles["queue"].accessibleName() == "Take a Queue Number"
    assert window.header.language_button("en").isChecked()
    assert not window.header.language_button("id").isChecked()
    tap(qtbot, window.header.language_button("id"))
    assert window.home.tiles["queue"].accessibleName() == "Ambil Nomor Antrian"


def test_a_tile_leads_to_its_page_and_back_home(qtbot: QtBot, window: KioskWindow) -> None:
    tap(qtbot, window.home.tiles["status"])
    assert window.screens.currentWidget() is window.notice
    tap(qtbot, window.header.language_button("en"))
    assert window.notice.back.text() == "Back to start"
    tap(qtbot, window.notice.back)
    assert window.screens.currentWidget() is window.home


def test_visitors_cannot_close_the_window(window: KioskWindow) -> None:
    assert window.close() is False
    assert window.isVisible()
