"""The wizard's consent page (UU 27/2022, agree or not) and its review page (every answer)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSignalBlocker, Qt, Signal, Slot
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.complaints.consent import consent_notice
from kiosk.complaints.form import ReviewLine
from kiosk.i18n import translate
from ui.kiosk.complaint.step_page import ScrollPage
from ui.widgets import BigButton, named_label


class ConsentPage(QWidget):
    """The consent notice in plain words and two big answers.

    Signals:
        agreed: the visitor agrees that the report is kept.
        refused: the visitor does not agree: nothing may be kept.
    """

    agreed = Signal()
    refused = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.notice = notice = ScrollPage()
        notice.column.setSpacing(12)
        self._paragraphs: list[QLabel] = []
        for _ in consent_notice():
            paragraph = named_label("ConsentText")
            paragraph.setWordWrap(True)
            self._paragraphs.append(paragraph)
            notice.column.addWidget(paragraph)
        self._question = named_label("FieldLabel")
        self._question.setWordWrap(True)
        self._hint = named_label("FieldHint")
        self._hint.setWordWrap(True)
        self.agree = BigButton(role="agree")
        self.refuse = BigButton(role="secondary")
        self.agree.clicked.connect(self.agreed)
        self.refuse.clicked.connect(self.refused)
        answers = QHBoxLayout()
        answers.setSpacing(32)
        answers.addWidget(self.agree, 1)
        answers.addWidget(self.refuse, 1)
        notice.column.addSpacing(12)
        notice.column.addWidget(self._question)
        notice.column.addWidget(self._hint)
        notice.column.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(notice, 1)
        layout.addLayout(answers)

    def retranslate(self, language: str) -> None:
        """Re-label in a language."""
        for paragraph, text in zip(self._paragraphs, consent_notice(language), strict=True):
            paragraph.setText(text)
        self._question.setText(translate("complaints.field_consent", language))
        self._hint.setText(translate("complaints.hint_consent", language))
        self.agree.set_label(translate("complaints.consent_agree", language))
        self.refuse.set_label(translate("complaints.consent_refuse", language))


class ReviewPage(ScrollPage):
    """Every answer as label and value, to check before sending.

    NIKs and the phone number come masked from the core; a toggle asks it for them whole
    (and masks them again).

    Signals:
        reveal_toggled: the visitor wants the masked answers shown whole, or hidden again.
    """

    reveal_toggled = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.hint = named_label("FieldHint")
        self.hint.setWordWrap(True)
        self.reveal = BigButton(role="secondary")
        self.reveal.setCheckable(True)
        self.reveal.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.reveal.toggled.connect(self._on_reveal)
        self._language = "id"
        top = QHBoxLayout()
        top.addWidget(self.hint, 1)
        top.addWidget(self.reveal, 0, Qt.AlignmentFlag.AlignTop)
        self._rows = QWidget()
        self._rows.setObjectName("ReviewRows")
        self._grid = QGridLayout(self._rows)
        self._grid.setHorizontalSpacing(32)
        self._grid.setVerticalSpacing(14)
        self._grid.setColumnStretch(1, 1)
        self.column.setSpacing(16)
        self.column.addLayout(top)
        self.column.addWidget(self._rows)
        self.column.addStretch(1)

    @property
    def revealed(self) -> bool:
        """Whether the visitor asked to see NIKs and the phone number whole."""
        return self.reveal.isChecked()

    def show_lines(self, lines: Sequence[ReviewLine], language: str) -> None:
        """Show the answers as the core wrote them (masked or not); nothing: hidden again."""
        self._language = language
        if not lines:
            with QSignalBlocker(self.reveal):
                self.reveal.setChecked(False)  # a new visitor: masked again
        self.hint.setText(translate("complaints.review_hint", language))
        self.reveal.setVisible(any(line.masked for line in lines) or self.revealed)
        self._label_reveal()
        while (item := self._grid.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.hide()  # gone from the screen now, not only once deleted
                widget.deleteLater()
        for row, line in enumerate(lines):
            key = named_label("ReviewLabel", line.label)
            shown = named_label("ReviewValue", line.value)
            shown.setProperty("masked", line.masked)
            for text in (key, shown):
                text.setWordWrap(True)
                text.setTextFormat(Qt.TextFormat.PlainText)
            self._grid.addWidget(key, row, 0, Qt.AlignmentFlag.AlignTop)
            self._grid.addWidget(shown, row, 1, Qt.AlignmentFlag.AlignTop)

    def _label_reveal(self) -> None:
        key = "complaintui.review_hide" if self.revealed else "complaintui.review_show"
        self.reveal.set_label(translate(key, self._language))

    @Slot(bool)
    def _on_reveal(self, _checked: bool) -> None:
        self._label_reveal()
        self.reveal_toggled.emit()

    def values(self) -> list[str]:
        """The values as shown, in order (for tests and accessibility tools)."""
        texts = []
        for index in range(self._grid.count()):
            item = self._grid.itemAt(index)
            widget = item.widget() if item is not None else None
            if isinstance(widget, QLabel) and widget.objectName() == "ReviewValue":
                texts.append(widget.text())
        return texts
