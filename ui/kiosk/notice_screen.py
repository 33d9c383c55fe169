"""A notice page with the way home: a service not there yet, or why something was refused."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.i18n import translate
from ui.widgets import BigButton, named_label


class NoticeScreen(QWidget):
    """A heading, a plain message and the button home.

    Signals:
        home_requested: the visitor wants the home screen.
    """

    home_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Screen")
        self._topic_key: str | None = None
        self._message = ""
        self._topic = named_label("Title")
        self._heading = named_label("Subtitle")
        self.text = named_label("Body")
        self.text.setWordWrap(True)
        self.back = BigButton(role="secondary")
        self.back.clicked.connect(self.home_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(96, 48, 96, 48)
        layout.setSpacing(24)
        for label in (self._topic, self._heading, self.text):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
        layout.insertStretch(0, 1)
        layout.addSpacing(24)
        layout.addWidget(self.back, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)

    def show_coming_soon(self, tile: str, language: str) -> None:
        """Say that the chosen service is being prepared."""
        self._topic_key = f"home.{tile}_title"
        self._message = ""
        self.retranslate(language)

    def show_message(self, message: str, language: str) -> None:
        """Show a message that is already in the visitor's language."""
        self._topic_key = None
        self._message = message
        self.retranslate(language)

    def retranslate(self, language: str) -> None:
        """Re-label in a language."""
        self.back.set_label(translate("home.back_home", language))
        if self._topic_key is None:
            self._topic.setText("")
            self._heading.setText("")
            self.text.setText(self._message)
            return
        self._topic.setText(translate(self._topic_key, language))
        self._heading.setText(translate("home.coming_soon_title", language))
        self.text.setText(translate("home.coming_soon_text", language))
