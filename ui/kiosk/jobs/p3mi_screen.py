"""Cek P3MI: type a company's name or licence number, see whether it may place workers."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import DEFAULT_LANGUAGE, translate
from kiosk.jobs.registry import P3miInfo, P3miLookup
from kiosk.jobs.wording import date_text, licence_text
from ui.kiosk.jobs.home_screen import scroll_area, search_field
from ui.widgets import BigButton, look_up_layout, named_label


def _wrapped(name: str, text: str) -> QLabel:
    label = named_label(name, text)
    label.setWordWrap(True)
    return label


class P3miScreen(QWidget):
    """The lookup field and its answer: each match's licence standing, or plain advice.

    Args:
        hotline: the crisis hotline named in the advice when a company is not found.

    Signals:
        check_requested: the visitor asked to check what they typed.
        back_requested: the visitor wants the jobs home again.
    """

    check_requested = Signal(str)
    back_requested = Signal()

    def __init__(self, hotline: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Screen")
        self.language = DEFAULT_LANGUAGE
        self._hotline = hotline
        self.lookup: P3miLookup | None = None
        self._message_key: str | None = None
        self._title = named_label("Title")
        self.search = search_field()
        self.search.returnPressed.connect(self._check)
        self.check = BigButton(role="primary")
        self.check.clicked.connect(self._check)
        self._scroll = scroll_area()
        self.back = BigButton(role="secondary")
        self.back.clicked.connect(self.back_requested)
        look_up_layout(self, self._title, self.search, self.check, self._scroll, self.back)

    def clear(self) -> None:
        """No text and no answer, as for a new visitor."""
        self.search.clear()
        self.lookup = None
        self._message_key = None
        self.retranslate(self.language)

    def show_lookup(self, lookup: P3miLookup) -> None:
        """Show the answer to a check."""
        self.lookup = lookup
        self._message_key = None
        self.retranslate(self.language)

    def show_message(self, key: str) -> None:
        """Show a message instead of an answer (a catalog key)."""
        self.lookup = None
        self._message_key = key
        self.retranslate(self.language)

    def cards(self) -> list[QFrame]:
        """The answer's cards as shown (one per match, or the not-found advice)."""
        holder = self._scroll.widget()
        return holder.findChildren(QFrame, "P3miCard") if holder else []

    def retranslate(self, language: str) -> None:
        """Re-label in a language."""
        self.language = language
        self._title.setText(translate("jobsui.p3mi_title", language))
        self.search.setPlaceholderText(translate("jobsui.p3mi_placeholder", language))
        self.search.setAccessibleName(translate("jobsui.p3mi_placeholder", language))
        self.check.set_label(translate("jobsui.p3mi_check", language))
        self.back.set_label(translate("jobsui.back", language))
        self._scroll.setWidget(self._answer(language))

    def _answer(self, language: str) -> QWidget:
        """How to check, then the answer (scrolled, so a small screen keeps the field)."""
        holder = QWidget()
        holder.setObjectName("Screen")
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 16, 0)
        layout.setSpacing(16)
        layout.addWidget(_wrapped("Subtitle", translate("jobsui.p3mi_hint", language)))
        if self._message_key is not None:
            layout.addWidget(_wrapped("Body", translate(self._message_key, language)))
        elif self.lookup is not None and not self.lookup.found:
            advice = translate("jobs.p3mi_not_found_advice", language, hotline=self._hotline)
            lines = [("P3miName", translate("jobs.p3mi_not_found", language)), ("Body", advice)]
            layout.addWidget(_card("unknown", lines))
        elif self.lookup is not None:
            for match in self.lookup.matches:
                layout.addWidget(_card(match.standing.value, _match_lines(match, language)))
        layout.addStretch(1)
        return holder

    @Slot()
    def _check(self) -> None:
        self.search.clearFocus()  # the on-screen keyboard goes down: the answer needs the room
        self.check_requested.emit(self.search.text())


def _match_lines(match: P3miInfo, language: str) -> list[tuple[str, str]]:
    start, end = (date_text(day, language) for day in (match.valid_from, match.valid_until))
    valid = translate("jobsui.p3mi_valid", language, start=start, end=end)
    return [
        ("P3miName", match.name),
        ("P3miStanding", licence_text(match, language)),
        ("Body", translate("jobs.p3mi_licence_number", language, number=match.licence_number)),
        *([("Body", valid)] if match.standing.has_validity else []),
        ("Body", translate("jobsui.p3mi_head_office", language, address=match.head_office)),
    ]


def _card(standing: str, lines: list[tuple[str, str]]) -> QFrame:
    """A bordered answer, coloured by the theme after its ``standing``."""
    card = QFrame()
    card.setObjectName("P3miCard")
    card.setProperty("standing", standing)
    layout = QVBoxLayout(card)
    layout.setContentsMargins(28, 20, 28, 20)
    layout.setSpacing(6)
    for name, text in lines:
        label = _wrapped(name, text)
        label.setProperty("standing", standing)
        layout.addWidget(label)
    return card
