"""A feed's text is shown as written on the job detail screen: its markup is never drawn."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kiosk.hall import Hall
from tests.helpers.clock import MONDAY_0930_WIB, FakeClock
from tests.helpers.feeds import feed, load, p3mi, posting
from tests.helpers.touch import tap, tap_item
from ui.kiosk.window import KioskWindow

MARKUP: dict[str, Any] = {
    "position": '<h1 style="color:red">Perawat lansia</h1>',
    "city": '<a href="https://calo.example">Taichung</a>',
    "employer": "<b>Keluarga Lin</b>",
    "working_hours": "<i>10 jam/hari</i>",
    "requirements": ["<u>Bahasa Mandarin dasar</u>"],
    "benefits": ['<font color="red">Makan</font>'],
    "how_to_apply": '<a href="https://calo.example">Bayar di sini</a>',
}


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MONDAY_0930_WIB)


def test_markup_in_a_posting_shows_literally(
    qtbot: QtBot, hall: Hall, home_window: KioskWindow
) -> None:
    load(hall, feed([posting("H-1", **MARKUP)], p3mis=[p3mi(name="<h2>PT Contoh</h2>")]))
    window = home_window
    tap(qtbot, window.home.tiles["jobs"])
    qtbot.waitUntil(lambda: "TW" in window.jobs.countries.tiles)
    tap(qtbot, window.jobs.countries.tiles["TW"])
    results = window.jobs.results
    qtbot.waitUntil(lambda: results.model.rowCount() == 1)
    tap_item(qtbot, results.view, results.model.index(0))
    qtbot.waitUntil(lambda: window.screens.currentWidget() is window.jobs.detail)
    marked = [
        label
        for label in window.jobs.detail.findChildren(QLabel)
        if "<" in label.text() and label.isVisible()
    ]
    shown = {label.text() for label in marked}
    assert MARKUP["position"] in shown
    assert {MARKUP["employer"], MARKUP["working_hours"], MARKUP["how_to_apply"]} <= shown
    assert any(MARKUP["city"] in text for text in shown)
    assert len(marked) >= 7
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in marked), [
        label.text() for label in marked if label.textFormat() != Qt.TextFormat.PlainText
    ]
