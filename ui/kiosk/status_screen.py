"""Cek Status: type the code from a slip or scan its QR code, and see where the record stands.

The screen draws what the core answers (``hall.look_up``, put in words by
``kiosk.status.describe``): a ticket's status, people ahead and wait; a complaint's status,
public history and "as of"; or why nothing was found and where to get help. A posting is
not drawn here: the window opens it in the jobs detail screen.

A USB barcode scanner types the QR code's link and Enter into the focused field, so the
field keeps focus after an answer (the on-screen keyboard is put away by the window) and
Enter, from a scanner or a keyboard, checks what the field holds.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import DEFAULT_LANGUAGE, translate
from kiosk.settings import Settings
from kiosk.status import ComplaintFound, NotFound, StatusCard, TicketFound, describe
from ui.kiosk.jobs.home_screen import scroll_area
from ui.widgets import BigButton, look_up_layout, named_label

Shown = TicketFound | ComplaintFound | NotFound


def _wrapped(name: str, text: str = "") -> QLabel:
    label = named_label(name, text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label


class StatusScreen(QWidget):
    """The code field, the big Cek button, and the answer as a card.

    Args:
        settings: the site configuration (the answer's words name its hotline and zone).

    Signals:
        check_requested: the visitor asked to check what the field holds (Cek or Enter).
        back_requested: the visitor wants the start screen.
        survey_requested: the visitor of a served ticket wants to rate the service (its
            reference); offered only when the core says the ticket may answer.
    """

    check_requested = Signal(str)
    back_requested = Signal()
    survey_requested = Signal(str)

    def __init__(self, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Screen")
        self.language = DEFAULT_LANGUAGE
        self._settings = settings
        self.answer: Shown | None = None
        self.survey_offer: str | None = None
        self.card: StatusCard | None = None
        self._message_key: str | None = None
        self._checks = 0
        self._title = named_label("Title")
        self.field = QLineEdit()
        self.field.setObjectName("StatusField")
        self.field.setInputMethodHints(
            Qt.InputMethodHint.ImhPreferUppercase | Qt.InputMethodHint.ImhNoPredictiveText
        )
        self.field.returnPressed.connect(self._check)
        self.check = BigButton(role="go")
        self.check.clicked.connect(self._check)
        self._scroll = scroll_area()
        self._scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a scan goes on to the field
        self.back = BigButton(role="secondary")
        self.back.clicked.connect(self.back_requested)
        look_up_layout(self, self._title, self.field, self.check, self._scroll, self.back)

    def clear(self) -> None:
        """No code and no answer, as for a new visitor; an answer still on its way is dropped."""
        self._checks += 1
        self.field.clear()
        self.show_hint()

    def start_check(self) -> int:
        """Say that the check is under way; its number, for :meth:`is_current`."""
        self._checks += 1
        self._show(None, "status.checking")
        return self._checks

    def is_current(self, check: int) -> bool:
        """Whether ``check`` is the newest check and the screen still waits for it."""
        return check == self._checks

    def show_answer(self, answer: Shown) -> None:
        """Draw the core's answer."""
        self._show(answer, None)

    def show_hint(self) -> None:
        """Show how to find the code again, in place of an answer."""
        self._show(None, None)

    def show_message(self, key: str) -> None:
        """Show a message instead of an answer (a catalog key), e.g. ``status.failed``."""
        self._show(None, key)

    def texts(self) -> list[str]:
        """Every text of the answer area, top to bottom (for tests and screen readers)."""
        holder = self._scroll.widget()
        labels = holder.findChildren(QLabel) if holder is not None else []
        return [label.text() for label in labels if label.text()]

    def retranslate(self, language: str) -> None:
        """Re-label in a language; the answer is put in words again."""
        self.language = language
        self._title.setText(translate("status.title", language))
        self.field.setPlaceholderText(translate("status.placeholder", language))
        self.field.setAccessibleName(translate("status.field_name", language))
        self.check.set_label(translate("status.check", language))
        self.back.set_label(translate("status.back", language))
        answer = self.answer
        self.card = None if answer is None else describe(answer, self._settings, language)
        self._scroll.setWidget(self._answer(language))

    def offer_survey(self, reference: str) -> None:
        """Offer the satisfaction survey under the answer, for the served ticket shown."""
        self.survey_offer = reference
        self.retranslate(self.language)

    def survey_button(self) -> QPushButton | None:
        """The survey's offer, when shown."""
        holder = self._scroll.widget()
        buttons = holder.findChildren(QPushButton) if holder else []
        return next((b for b in buttons if b.property("survey_offer")), None)

    def _show(self, answer: Shown | None, message_key: str | None) -> None:
        self.answer = answer
        self.survey_offer = None
        self._message_key = message_key
        self.retranslate(self.language)
        self._scroll.verticalScrollBar().setValue(0)

    def _answer(self, language: str) -> QWidget:
        """How to find the code, then the answer (scrolled: a small screen keeps the field)."""
        holder = QWidget()
        holder.setObjectName("Screen")
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 16, 0)
        layout.setSpacing(16)
        if self.card is not None:
            layout.addWidget(_card(self.card))
            if self.survey_offer is not None:
                layout.addWidget(self._survey_offer(self.survey_offer, language))
        elif self._message_key is not None:
            layout.addWidget(_wrapped("StatusMessage", translate(self._message_key, language)))
        else:
            layout.addWidget(_wrapped("Subtitle", translate("status.hint", language)))
        layout.addStretch(1)
        return holder

    def _survey_offer(self, reference: str, language: str) -> QPushButton:
        offer = BigButton(role="go")  # its look is the theme's #BigButton[role="go"]
        offer.setProperty("survey_offer", True)
        offer.set_label(translate("survey.screen_offer", language))
        offer.clicked.connect(lambda: self.survey_requested.emit(reference))
        return offer

    @Slot()
    def _check(self) -> None:
        self.check_requested.emit(self.field.text())


def _card(card: StatusCard) -> QFrame:
    """A bordered answer coloured by the theme after its ``tone``: the number on the left,
    what it means beside it, and where to get help across the foot."""
    frame = QFrame()
    frame.setObjectName("StatusCard")
    frame.setProperty("tone", card.tone)
    outer = QVBoxLayout(frame)
    outer.setContentsMargins(32, 24, 32, 24)
    outer.setSpacing(16)
    body = QHBoxLayout()
    body.setSpacing(48)
    if card.number:
        left = QVBoxLayout()
        left.setSpacing(0)
        left.addWidget(named_label("StatusCaption", card.caption))
        number = named_label("StatusNumber", card.number)
        number.setProperty("long", len(card.number) > len("A-0000"))
        number.setAccessibleName(f"{card.caption} {card.number}")
        left.addWidget(number)
        left.addStretch(1)
        body.addLayout(left)
    right = QVBoxLayout()
    right.setSpacing(10)
    headline = _wrapped("StatusHeadline", card.headline)
    headline.setProperty("tone", card.tone)
    right.addWidget(headline)
    right.addWidget(_wrapped("Body", card.hint))
    if card.facts or card.history:
        right.addSpacing(6)
        right.addLayout(_rows(card))
    for name, text in (("StatusPrivacy", card.privacy), ("StatusAsOf", card.as_of)):
        if text:
            right.addWidget(_wrapped(name, text))
    right.addStretch(1)
    body.addLayout(right, 1)
    outer.addLayout(body)
    if card.help:
        outer.addWidget(_wrapped("StatusHelp", card.help))
    return frame


def _rows(card: StatusCard) -> QGridLayout:
    """The facts, then the history, as label and value columns (labels kept on one line)."""
    grid = QGridLayout()
    grid.setHorizontalSpacing(32)
    grid.setVerticalSpacing(8)
    grid.setColumnStretch(1, 1)
    rows = [("StatusFact", *fact) for fact in card.facts]
    rows += [("StatusHistory", *line) for line in card.history]
    for row, (kind, label, value) in enumerate(rows):
        grid.addWidget(named_label(f"{kind}Label", label), row, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(_wrapped(f"{kind}Value", value), row, 1)
    return grid
