"""Table models of the console: a counter's waiting list and the history of the ticket in hand."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject

from kiosk.i18n import translate
from kiosk.queueing.states import EventKind
from kiosk.queueing.views import EventView, WaitingTicket
from ui.tables import ServiceNames, TextTable


class WaitingModel(TextTable):
    """A counter's waiting visitors in the order it would call them, priority ones marked."""

    DOMAIN = "console"
    COLUMNS = ("number", "priority", "service", "waiting")

    def __init__(self, service_names: ServiceNames, parent: QObject | None = None):
        super().__init__(service_names, parent)
        self.tickets: list[WaitingTicket] = []

    def set_tickets(self, tickets: list[WaitingTicket]) -> None:
        """Show a new waiting list."""
        self.beginResetModel()
        self.tickets = list(tickets)
        self.endResetModel()

    def _rows(self) -> int:
        return len(self.tickets)

    def _cell(self, row: int, column: str) -> str:
        ticket = self.tickets[row]
        if column == "number":
            return ticket.number
        if column == "priority":
            return translate("console.priority_mark", self.language) if ticket.priority else ""
        if column == "service":
            return self.service_name(ticket.service_code)
        return translate("console.minutes", self.language, minutes=ticket.waiting_minutes)


class HistoryModel(TextTable):
    """The events of the ticket in hand, oldest first, at the site's local time."""

    DOMAIN = "console"
    COLUMNS = ("time", "event", "counter")

    def __init__(self, service_names: ServiceNames, zone: ZoneInfo, parent: QObject | None = None):
        super().__init__(service_names, parent)
        self._zone = zone
        self.events: list[EventView] = []

    def set_events(self, events: list[EventView]) -> None:
        """Show another ticket's history."""
        self.beginResetModel()
        self.events = list(events)
        self.endResetModel()

    def _rows(self) -> int:
        return len(self.events)

    def _cell(self, row: int, column: str) -> str:
        event = self.events[row]
        if column == "time":
            return event.at.astimezone(self._zone).strftime("%H:%M:%S")
        if column == "event":
            text = translate(f"console.event_{event.kind.value}", self.language)
            if event.kind is EventKind.TRANSFERRED and event.service_code:
                return f"{text} → {self.service_name(event.service_code)}"
            return text
        return "" if event.counter_number is None else str(event.counter_number)
