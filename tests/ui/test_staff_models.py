"""The console's table models hold to Qt's model contract and show what the officer needs."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from kiosk.queueing.states import EventKind
from kiosk.queueing.views import EventView, WaitingTicket
from kiosk.settings import Settings
from ui.staff.models import HistoryModel, WaitingModel

NINE_WIB = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


def _names(settings: Settings) -> dict[str, dict[str, str]]:
    return {s.code: s.name for s in settings.services}


def test_the_waiting_list_model(qtmodeltester: ModelTester, settings: Settings) -> None:
    model = WaitingModel(_names(settings))
    qtmodeltester.check(model)
    model.set_tickets(
        [
            WaitingTicket(1, "A-002", "jobs", True, NINE_WIB, 12),
            WaitingTicket(2, "A-001", "jobs", False, NINE_WIB, 14),
        ]
    )
    qtmodeltester.check(model)
    row = [model.data(model.index(0, column)) for column in range(model.columnCount())]
    assert row == ["A-002", "★ Prioritas", "Informasi Lowongan Kerja", "12 menit"]
    assert model.data(model.index(1, 1)) == ""
    model.set_language("en")
    assert model.data(model.index(0, 3)) == "12 min"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Number"


def test_the_history_model_shows_site_local_times(
    qtmodeltester: ModelTester, settings: Settings
) -> None:
    model = HistoryModel(_names(settings), settings.site.zone)
    model.set_events(
        [
            EventView(1, EventKind.ISSUED, NINE_WIB, None, None, "jobs"),
            EventView(2, EventKind.TRANSFERRED, NINE_WIB, 3, 1, "complaint"),
        ]
    )
    qtmodeltester.check(model)
    assert model.data(model.index(0, 0)) == "09:00:00"
    assert model.data(model.index(1, 1)) == "Dialihkan → Pengaduan PMI"
    assert model.data(model.index(1, 2)) == "3"
