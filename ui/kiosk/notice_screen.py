"""A notice page with the way home: why taking a number was refused, or failed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.i18n import translate
from ui.widgets import BigButton, named_label


class NoticeScreen(QWidget):
    """A plain message and the button home.

    Signals:
        home_requested: the visitor wants the home screen.
    """

    home_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Screen")
        self.text = named_label("Body")
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.back = BigButton(role="secondary")
        self.back.clicked.connect(self.home_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(96, 48, 96, 48)
        layout.setSpacing(24)
        layout.addStretch(1)
        layout.addWidget(self.text)
        layout.addSpacing(24)
        layout.addWidget(self.back, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)

    def show_message(self, message: str, language: str) -> None:
        """Show a message that is already in the visitor's language."""
        self.text.setText(message)
        self.retranslate(language)

    def retranslate(self, language: str) -> None:
        """Re-label in a language (the message was given in the visitor's language)."""
        self.back.set_label(translate("home.back_home", language))
