"""Console step 3, the one working screen: ticket in hand, actions, waiting list, supervisor."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.i18n import translate
from kiosk.queueing.views import ConsoleSnapshot
from kiosk.settings import Settings
from ui.staff.actions import ActionBar, TransferBar
from ui.staff.models import WaitingModel
from ui.staff.supervisor_panel import SupervisorPanel
from ui.staff.ticket_panel import TicketPanel
from ui.tables import table_view
from ui.widgets import BigButton, named_label, repolish


class ConsoleScreen(QWidget):
    """What an officer works with all day at one counter.

    Signals:
        sign_out_requested: the officer leaves the console.
        complaints_requested: the officer opens today's complaints.
    """

    sign_out_requested = Signal()
    complaints_requested = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Screen")
        self.snapshot: ConsoleSnapshot | None = None
        self._who = ("", "")
        self._waiting_count = 0
        self.who = named_label("ConsoleWho")
        self.sign_out = BigButton(role="secondary")
        self.sign_out.setObjectName("PanelButton")
        self.sign_out.clicked.connect(self.sign_out_requested)
        self.complaints = BigButton(role="secondary")
        self.complaints.setObjectName("PanelButton")
        self.complaints.clicked.connect(self.complaints_requested)
        self.message = named_label("MessageBar")
        self.message.setWordWrap(True)
        self.message.hide()
        self.ticket = TicketPanel(settings)
        self.action_bar = ActionBar()
        self.transfer = TransferBar(settings)
        self.transfer.hide()
        self._waiting_title = named_label("PanelTitle")
        self.waiting = WaitingModel({s.code: s.name for s in settings.services}, self)
        self.waiting_view = table_view("StaffTable", self.waiting, stretch=2)
        self.waiting_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.supervisor = SupervisorPanel(settings)
        self.supervisor.hide()
        self._build()

    def _build(self) -> None:
        top = QHBoxLayout()  # the outcome of the last action sits between who and the buttons
        top.setSpacing(12)
        top.addWidget(self.who, 1)
        top.addWidget(self.message, 3)
        top.addWidget(self.complaints)
        top.addWidget(self.sign_out)
        left = QVBoxLayout()
        left.setSpacing(12)
        left.addWidget(self.ticket, 1)
        left.addWidget(self.action_bar)
        left.addWidget(self.transfer)
        right = QVBoxLayout()
        right.setSpacing(8)
        right.addWidget(self._waiting_title)
        right.addWidget(self.waiting_view, 1)
        body = QHBoxLayout()
        body.setSpacing(32)
        body.addLayout(left, 1)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 10, 24, 10)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        layout.addWidget(self.supervisor)

    def open_for(self, name: str, counter_name: str, supervisor: bool, language: str) -> None:
        """Set up for an officer at a counter; the supervisor panel only for a supervisor."""
        self._who = (name, counter_name)
        self.snapshot = None
        self.supervisor.setVisible(supervisor)
        self.close_transfer()
        self.message.hide()
        self.show_snapshot(ConsoleSnapshot(held=None, waiting=[], services=[]), language)

    def show_snapshot(self, snapshot: ConsoleSnapshot, language: str) -> None:
        """Show the queue as the console last read it."""
        self.snapshot = snapshot
        self.ticket.show_ticket(snapshot.held, language)
        self.action_bar.allow_for(snapshot.held.ticket.state if snapshot.held else None)
        self.waiting.set_tickets(snapshot.waiting)
        if snapshot.services:
            self.supervisor.show_statuses(snapshot.services, language)
        if snapshot.held is None:
            self.close_transfer()
        self._waiting_count = len(snapshot.waiting)
        self._waiting_title.setText(
            translate("console.waiting_title", language, count=self._waiting_count)
        )

    def offer_transfer(self, language: str) -> None:
        """Show the services the ticket in hand can go to."""
        held = self.snapshot.held if self.snapshot else None
        if held is not None:
            self.action_bar.hide()
            self.transfer.offer(held.ticket.number, held.ticket.service_code, language)

    def close_transfer(self) -> None:
        """Back from the service picker to the action buttons."""
        self.transfer.hide()
        self.action_bar.show()

    def say(self, text: str, error: bool = False) -> None:
        """Show a message in the bar (already translated): an outcome, or a refusal."""
        self.message.setText(text)
        self.message.setProperty("tone", "error" if error else "info")
        repolish(self.message)
        self.message.show()

    def retranslate(self, language: str) -> None:
        """Re-label in a language."""
        name, counter = self._who
        self.who.setText(translate("console.who", language, name=name, counter=counter))
        self.sign_out.set_label(translate("console.sign_out", language))
        self.complaints.set_label(translate("console.complaints", language))
        self._waiting_title.setText(
            translate("console.waiting_title", language, count=self._waiting_count)
        )
        self.ticket.retranslate(language)
        self.action_bar.retranslate(language)
        self.waiting.set_language(language)
        self.supervisor.retranslate(language)
