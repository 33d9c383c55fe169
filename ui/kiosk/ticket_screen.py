"""Take a number, step 3: the number very large with its QR, and how the slip is doing."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.i18n import pick, translate, translate_count
from kiosk.queueing.announce import spell_number
from kiosk.queueing.take import SHOWN_AFTER_FAILURE_SECONDS, SHOWN_SECONDS
from kiosk.queueing.views import IssuedTicket
from ui.kiosk.slip_screen import SlipScreen, SlipState
from ui.widgets import named_label


class TicketScreen(SlipScreen):
    """The issued number, its QR code and reference, and the slip's state."""

    shown_ms = SHOWN_SECONDS * 1000
    shown_after_failure_ms = SHOWN_AFTER_FAILURE_SECONDS * 1000

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.ticket: IssuedTicket | None = None
        self._service_names: Mapping[str, str] = {}
        self._caption = named_label("Subtitle")
        self.number = named_label("TicketNumber")
        self._service = named_label("Subtitle")
        self._wait = named_label("Title")
        self.ahead = named_label("Body")
        self.reference = named_label("Reference")
        texts = QVBoxLayout()
        texts.setSpacing(10)
        for label in (self._caption, self.number, self._service, self._wait, self.ahead):
            label.setWordWrap(True)
            texts.addWidget(label)
        texts.addStretch(1)
        texts.addWidget(self.status)
        top = self.texts_beside_code(texts, self.reference)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 40, 64, 32)
        layout.addLayout(top, 1)
        layout.addWidget(self.done, 0, Qt.AlignmentFlag.AlignRight)

    def show_ticket(
        self, ticket: IssuedTicket, service_names: Mapping[str, str], language: str
    ) -> None:
        """Show a just-issued ticket while its slip prints (names of its service by language)."""
        self.ticket = ticket
        self._service_names = service_names
        self.qr.set_data(ticket.url)
        self.language = language
        self.set_slip_state(SlipState.PRINTING)

    def spoken(self, language: str) -> str:
        """What the speaker button says: the number digit by digit, the service, the wait."""
        ticket = self.ticket
        if ticket is None:
            return ""
        number = translate(
            "take.spoken_number", language, number=spell_number(ticket.number, language)
        )
        return ". ".join((number, pick(self._service_names, language), self.ahead.text()))

    def retranslate(self, language: str) -> None:
        """Re-label in a language."""
        super().retranslate(language)
        ticket = self.ticket
        if ticket is None:
            return
        self._caption.setText(translate("take.your_number", language))
        self.number.setText(ticket.number)
        self.number.setAccessibleName(ticket.number)
        self._service.setText(pick(self._service_names, language))
        self._wait.setText(translate("take.please_wait", language))
        minutes = ticket.estimated_wait_minutes
        self.ahead.setText(
            translate("take.next", language)
            if ticket.people_ahead == 0
            else translate_count("take.ahead", language, ticket.people_ahead, minutes=minutes)
        )
        self.reference.setText(ticket.reference)
