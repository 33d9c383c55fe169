"""The console's complaints page: today's complaints for the signed-in officer, and the way back."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.i18n import translate
from ui.staff.complaints.panel import StaffComplaintsPanel
from ui.widgets import BigButton, named_label


class ComplaintsPage(QWidget):
    """Wraps the staff complaints panel with a title and a button back to the queue.

    Signals:
        back_requested: the officer returns to the queue screen.
    """

    back_requested = Signal()

    def __init__(self, panel: StaffComplaintsPanel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Screen")
        self.panel = panel
        self._title = named_label("ConsoleWho")
        self.back = BigButton(role="secondary")
        self.back.setObjectName("PanelButton")
        self.back.clicked.connect(self.back_requested)
        top = QHBoxLayout()
        top.addWidget(self._title, 1)
        top.addWidget(self.back)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addLayout(top)
        layout.addWidget(panel, 1)

    def retranslate(self, language: str) -> None:
        """Re-label in a language."""
        self._title.setText(translate("console.complaints_title", language))
        self.back.set_label(translate("console.back_to_queue", language))
        self.panel.retranslate(language)
