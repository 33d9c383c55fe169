"""The ticket in hand, large, with its vacancy, state, slip and history (a table view)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.i18n import pick, translate
from kiosk.queueing.views import TicketDetail, slip_fault_key
from kiosk.settings import Settings
from ui.staff.models import HistoryModel
from ui.tables import table_view
from ui.widgets import named_label, repolish


class TicketPanel(QWidget):
    """The number the counter holds, what it is for, its state and history.

    A registration number names the vacancy the visitor came for; a number whose slip
    never printed says so, with a button to print it again.

    Signals:
        reprint_requested(int): the officer asks for the held ticket's slip again.
    """

    reprint_requested = Signal(int)

    def __init__(self, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("TicketPanel")
        self._settings = settings
        self._detail: TicketDetail | None = None
        self._caption = named_label("PanelTitle")
        self.number = named_label("HeldNumber")
        self.service = named_label("HeldService")
        self.state = named_label("HeldState")
        self.posting = named_label("Body")
        self.posting.setWordWrap(True)
        self.slip = named_label("ErrorText")
        self.slip.setWordWrap(True)  # with the printer's reason it may take two lines
        self.reprint = QPushButton()
        self.reprint.setObjectName("PanelButton")
        self.reprint.clicked.connect(self._reprint)
        self._history_title = named_label("PanelTitle")
        names = {s.code: s.name for s in settings.services}
        self.history = HistoryModel(names, settings.site.zone, self)
        self.history_view = table_view("StaffTable", self.history, stretch=1)
        self.service.setWordWrap(True)
        about = QVBoxLayout()
        about.setSpacing(6)
        about.addStretch(1)
        about.addWidget(self.service)
        about.addWidget(self.posting)
        about.addWidget(self.state, 0, Qt.AlignmentFlag.AlignLeft)
        about.addWidget(self.slip)
        about.addWidget(self.reprint, 0, Qt.AlignmentFlag.AlignLeft)
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

    def _reprint(self) -> None:
        if self._detail is not None:
            self.reprint_requested.emit(self._detail.ticket.id)

    def retranslate(self, language: str) -> None:
        """Re-label in a language."""
        self._caption.setText(translate("console.in_hand", language))
        self._history_title.setText(translate("console.history_title", language))
        self.slip.setText(_slip_missing(self._detail, language))
        self.reprint.setText(translate("console.reprint", language))
        self.history.set_language(language)
        detail = self._detail
        ticket = detail.ticket if detail is not None else None
        self.posting.setText(
            translate("console.posting", language, posting=ticket.posting)
            if ticket is not None and ticket.posting
            else ""
        )
        self.posting.setVisible(bool(self.posting.text()))
        missing = ticket is not None and ticket.slip_missing
        self.slip.setVisible(missing)
        self.reprint.setVisible(missing)
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


def _slip_missing(detail: TicketDetail | None, language: str) -> str:
    """'Slip not printed', with the printer's reason when it gave one."""
    fault = detail.ticket.slip_fault if detail is not None else None
    key = slip_fault_key(fault)
    if key is None:
        return translate("console.slip_missing", language)
    return translate("console.slip_missing_because", language, reason=translate(key, language))
