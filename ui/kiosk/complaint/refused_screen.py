"""Consent refused: nothing was kept; the staff at the counter will listen and help."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.i18n import translate
from ui.widgets import BigButton, named_label


class ConsentRefusedScreen(QWidget):
    """Says that no data was stored and where to go instead.

    Signals:
        home_requested: the visitor wants the home screen.
    """

    home_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Screen")
        self.title = named_label("Title")
        self._stored = named_label("Body")
        self._counter = named_label("Subtitle")
        self.home = BigButton(role="primary")
        self.home.clicked.connect(self.home_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(120, 48, 120, 48)
        layout.setSpacing(28)
        layout.addStretch(1)
        for label in (self.title, self._stored, self._counter):
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
        layout.addSpacing(24)
        layout.addWidget(self.home, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)

    def retranslate(self, language: str) -> None:
        """Re-label in a language."""
        self.title.setText(translate("complaints.refused_title", language))
        self._stored.setText(translate("complaintui.nothing_stored", language))
        self._counter.setText(translate("complaints.refused_text", language))
        self.home.set_label(translate("home.back_home", language))
