"""Table models of the board: the last calls and each service's queue."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject

from kiosk.i18n import pick, translate
from kiosk.queueing.views import CallView, ServiceStatus
from kiosk.settings import Settings
from ui.tables import TextTable


def _names(settings: Settings) -> dict[str, dict[str, str]]:
    return {s.code: s.name for s in settings.services}


class LastCallsModel(TextTable):
    """Today's latest calls, newest first: number, counter, local time (a recall marked)."""

    DOMAIN = "board"
    COLUMNS = ("number", "counter", "time")

    def __init__(self, settings: Settings, zone: ZoneInfo, parent: QObject | None = None):
        super().__init__(_names(settings), parent)
        self._counters = {c.number: c.name for c in settings.counters}
        self._zone = zone
        self.calls: list[CallView] = []

    def set_calls(self, calls: list[CallView]) -> None:
        """Show a new list of calls."""
        self.beginResetModel()
        self.calls = list(calls)
        self.endResetModel()

    def _rows(self) -> int:
        return len(self.calls)

    def _cell(self, row: int, column: str) -> str:
        call = self.calls[row]
        if column == "number":
            return call.number
        if column == "counter":
            names = self._counters.get(call.counter_number)
            return pick(names, self.language) if names else str(call.counter_number)
        clock = call.at.astimezone(self._zone).strftime("%H.%M")
        return f"{clock} {translate('board.recall_mark', self.language)}" if call.recall else clock


class ServicesModel(TextTable):
    """Each service: letter and name, people waiting, and the estimated wait (or closed)."""

    DOMAIN = "board"
    COLUMNS = ("service", "waiting", "wait")

    def __init__(self, settings: Settings, parent: QObject | None = None):
        super().__init__(_names(settings), parent)
        self.statuses: list[ServiceStatus] = []

    def set_statuses(self, statuses: list[ServiceStatus]) -> None:
        """Show the services as they stand."""
        self.beginResetModel()
        self.statuses = list(statuses)
        self.endResetModel()

    def _rows(self) -> int:
        return len(self.statuses)

    def _cell(self, row: int, column: str) -> str:
        status = self.statuses[row]
        if column == "service":
            return f"{status.letter}  {self.service_name(status.code)}"
        if column == "waiting":
            return str(status.waiting)
        if status.closed_today or not status.open_now:
            return translate("board.closed", self.language)
        return translate("board.wait_minutes", self.language, minutes=status.estimated_wait_minutes)
