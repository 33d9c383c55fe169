"""The ticket in hand, large, with its state and its history (a table view)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.i18n import pick, translate
from kiosk.queueing.views import TicketDetail
from kiosk.settings import Settings
from ui.staff.models import HistoryModel
from ui.tables import table_view
from ui.widgets import named_label, repolish


class TicketPanel(QWidget):
    """The number the counter holds, what it is for, its state and history."""

    def __init__(self, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("TicketPanel")
        self._settings = settings
        self._detail: TicketDetail | None = None
        self._caption = named_label("PanelTitle")
        self.number = named_label("HeldNumber")
        self.service = named_label("HeldService")
        self.state = named_label("HeldState")
        self._history_title = named_label("PanelTitle")
        names = {s.code: s.name for s in settings.services}
        self.history = HistoryModel(names, settings.site.zone, self)
        self.history_view = table_view("StaffTable", self.history, stretch=1)
        self.service.setWordWrap(True)
        about = QVBoxLayout()
        about.setSpacing(6)
        about.addStretch(1)
        about.addWidget(self.service)
        about.addWidget(self.state, 0, Qt.AlignmentFlag.AlignLeft)
        about.addStretch(1)
        held = QHBoxLayout()  # what the number is for beside it: the history gets the height
        held.setSpacing(28)
        held.addWidget(self.number)
        held.addLayout(about, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(6)
        layout.addWidget(self._caption)
        layout.addLayout(held)
        layout.addWidget(self._history_title)
        layout.addWidget(self.history_view, 1)

    def show_ticket(self, detail: TicketDetail | None, language: str) -> None:
        """Show the ticket in hand, or that the hands are empty."""
        self._detail = detail
        self.history.set_events(list(detail.history) if detail else [])
        self.retranslate(language)

    def retranslate(self, language: str) -> None:
        """Re-label in a language."""
        self._caption.setText(translate("console.in_hand", language))
        self._history_title.setText(translate("console.history_title", language))
        self.history.set_language(language)
        detail = self._detail
        if detail is None:
            self.number.setText("—")
            self.service.setText(translate("console.no_ticket", language))
            self.state.setText("")
            self.state.setProperty("state", "")
        else:
            ticket = detail.ticket
            service = pick(self._settings.service(ticket.service_code).name, language)
            mark = translate("console.priority_mark", language) if ticket.priority else ""
            self.number.setText(ticket.number)
            self.service.setText(f"{service}  {mark}".strip())
            self.state.setText(translate(f"console.state_{ticket.state.value}", language))
            self.state.setProperty("state", ticket.state.value)
        repolish(self.state)
