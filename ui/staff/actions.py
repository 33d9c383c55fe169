"""The counter's action buttons with their keys, and the service picker of a transfer."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.i18n import pick, translate
from kiosk.queueing.states import TRANSITIONS, EventKind, TicketState
from kiosk.settings import Settings
from ui.widgets import BigButton, named_label

ACTIONS: Final = {
    "call": ("F1", EventKind.CALLED),
    "recall": ("F2", EventKind.RECALLED),
    "start": ("F3", EventKind.STARTED),
    "finish": ("F4", EventKind.FINISHED),
    "no_show": ("F5", EventKind.NO_SHOW),
    "transfer": ("F6", EventKind.TRANSFERRED),
}
"""Each action of the counter: its key and the ticket event it causes."""


class ActionBar(QWidget):
    """Call next, Recall, Start, Finish, No-show, Transfer: each a big button with a key.

    Only the actions the ticket in hand allows are enabled (the core's transition table).

    Signals:
        action_requested: the action's name (a key of ``ACTIONS``).
    """

    action_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.buttons: dict[str, BigButton] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(12)
        for position, name in enumerate(ACTIONS):
            button = BigButton(role="primary" if name == "call" else "secondary")
            button.setObjectName("ActionButton")
            button.setProperty("action", name)
            button.clicked.connect(lambda _=False, n=name: self.action_requested.emit(n))
            self.buttons[name] = button
            grid.addWidget(button, position // 3, position % 3)

    def allow_for(self, held: TicketState | None) -> None:
        """Enable what can be done: Call next with empty hands, else what the state allows."""
        for name, (_key, kind) in ACTIONS.items():
            if name == "call":
                allowed = held is None
            else:
                allowed = held is not None and (held, kind) in TRANSITIONS
            self.buttons[name].setEnabled(allowed)

    def retranslate(self, language: str) -> None:
        """Re-label in a language; the key stays on each button."""
        for name, (key, _kind) in ACTIONS.items():
            button = self.buttons[name]
            label = translate(f"console.action_{name}", language)
            button.setText(f"{label}\n{key}")
            button.setShortcut(QKeySequence(key))  # after the text, which resets it
            button.setAccessibleName(label)
            button.setToolTip(f"{label} ({key})")


class TransferBar(QWidget):
    """The services a visitor can be sent to: every one but the ticket's own.

    Signals:
        service_chosen: the target service's code.
        cancelled: no transfer after all.
    """

    service_chosen = Signal(str)
    cancelled = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("TransferBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._settings = settings
        self._title = named_label("PanelTitle")
        self.buttons: dict[str, BigButton] = {}
        for service in settings.services:
            button = BigButton(role="secondary")
            button.setObjectName("TransferButton")
            button.clicked.connect(lambda _=False, c=service.code: self.service_chosen.emit(c))
            self.buttons[service.code] = button
        self.cancel = BigButton(role="secondary")
        self.cancel.setObjectName("PanelButton")
        self.cancel.clicked.connect(self.cancelled)
        top = QHBoxLayout()
        top.addWidget(self._title, 1)
        top.addWidget(self.cancel)
        self._grid = QGridLayout()
        self._grid.setSpacing(10)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self._grid)

    def offer(self, number: str, current_service: str, language: str) -> None:
        """Show the other services for the ticket ``number``, two to a row."""
        self._title.setText(translate("console.transfer_title", language, number=number))
        self.cancel.set_label(translate("console.cancel", language))
        self.cancel.setShortcut(QKeySequence("Esc"))
        others = [code for code in self.buttons if code != current_service]
        for code, button in self.buttons.items():
            self._grid.removeWidget(button)
            button.setVisible(code in others)
        for position, code in enumerate(others):
            service = self._settings.service(code)
            button = self.buttons[code]
            button.set_label(
                f"{service.letter} · {pick(service.name, language)}".replace("&", "&&")
            )
            self._grid.addWidget(button, position // 2, position % 2)
        self.show()
