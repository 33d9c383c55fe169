"""The kiosk's home screen, driven by touches: tiles, language switch, the way back."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.helpers.touch import tap
from ui.kiosk.window import KioskWindow


def test_home_shows_agency_and_the_four_tiles_in_bahasa_indonesia(home_window: KioskWindow) -> None:
    titles = [tile.accessibleName() for tile in home_window.home.tiles.values()]
    assert titles == [
        "Ambil Nomor Antrian",
        "Info Lowongan Kerja",
        "Pengaduan PMI",
        "Cek Status",
        "Pojok Informasi",  # the band across under the four
    ]
    assert all(tile.height() >= 64 for tile in home_window.home.tiles.values())
    assert home_window.header.language_button("id").isChecked()


def test_language_switch_relabels_in_place(qtbot: QtBot, home_window: KioskWindow) -> None:
    tap(qtbot, home_window.header.language_button("en"))
    assert home_window.home.tiles["queue"].accessibleName() == "Take a Queue Number"
    assert home_window.header.language_button("en").isChecked()
    assert not home_window.header.language_button("id").isChecked()
    tap(qtbot, home_window.header.language_button("id"))
    assert home_window.home.tiles["queue"].accessibleName() == "Ambil Nomor Antrian"


def test_a_tile_leads_to_its_page_and_back_home(qtbot: QtBot, home_window: KioskWindow) -> None:
    tap(qtbot, home_window.home.tiles["status"])
    assert home_window.screens.currentWidget() is home_window.status
    tap(qtbot, home_window.header.language_button("en"))
    assert home_window.status.back.text() == "Back to start"
    tap(qtbot, home_window.status.back)
    assert home_window.screens.currentWidget() is home_window.home


def test_visitors_cannot_close_the_window(home_window: KioskWindow) -> None:
    assert home_window.close() is False
    assert home_window.isVisible()
