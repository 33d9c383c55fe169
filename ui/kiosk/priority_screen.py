"""Take a number, step 2: the priority-service question (pelayanan prioritas)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.i18n import translate
from ui.widgets import BigButton, named_label


class PriorityScreen(QWidget):
    """Asks whether the visitor needs priority service.

    Signals:
        answered: True for priority, False for a regular number.
        back_requested: back to the services.
    """

    answered = Signal(bool)
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Screen")
        self._question = named_label("Title")
        self._question.setWordWrap(True)
        self._who = named_label("Body")
        self._who.setWordWrap(True)
        self.yes = BigButton(role="primary")
        self.no = BigButton(role="primary")
        self.back = BigButton(role="secondary")
        self.yes.clicked.connect(lambda: self.answered.emit(True))
        self.no.clicked.connect(lambda: self.answered.emit(False))
        self.back.clicked.connect(self.back_requested)
        answers = QHBoxLayout()
        answers.setSpacing(32)
        answers.addWidget(self.yes)
        answers.addWidget(self.no)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 48, 64, 32)
        layout.setSpacing(24)
        for label in (self._question, self._who):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(1)
        layout.addWidget(self._question)
        layout.addWidget(self._who)
        layout.addSpacing(24)
        layout.addLayout(answers)
        layout.addStretch(1)
        layout.addWidget(self.back, 0, Qt.AlignmentFlag.AlignLeft)

    def retranslate(self, language: str) -> None:
        """Re-label in a language."""
        self._question.setText(translate("take.priority_title", language))
        self._who.setText(translate("take.priority_who", language))
        self.yes.set_label(translate("take.priority_yes", language))
        self.no.set_label(translate("take.priority_no", language))
        self.back.set_label(translate("take.back", language))
