"""The talks and orientation sessions to come, each with "take a number" on its day."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.clock import Clock
from kiosk.i18n import pick, translate
from kiosk.info import InfoCorner
from kiosk.info.schedule import Occurrence, upcoming
from kiosk.settings import Settings
from ui.kiosk.info.headed import HeadedScreen
from ui.widgets import BigButton, named_label


class SessionsScreen(HeadedScreen):
    """The weekly sessions, soonest first, read from the hall's clock when shown.

    Signals:
        join_requested: "Ambil nomor" on a session of today (its service code).
    """

    join_requested = Signal(str)

    def __init__(
        self, corner: InfoCorner, settings: Settings, clock: Clock, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self._corner = corner
        self._zone = settings.site.zone
        self._clock = clock
        self.occurrences: list[Occurrence] = []
        self.joins: list[BigButton] = []
        """The "take a number" buttons shown, one per session of today, in list order."""
        self.set_picture("sessions")

    def refresh(self, language: str) -> None:
        """Read which sessions come next by the hall's clock, and show them from the top."""
        self.occurrences = upcoming(self._corner.sessions, self._clock, self._zone)
        self.retranslate(language)
        self.to_top()

    def retranslate(self, language: str) -> None:
        """Re-label in a language."""
        self._title.setText(translate("info.sessions_title", language))
        self._lead.setText(
            translate("info.sessions_lead" if self.occurrences else "info.sessions_none", language)
        )
        self.back.set_label(translate("info.back", language))
        self.joins = []
        grid = self.fresh_grid()
        for row, occurrence in enumerate(self.occurrences):
            grid.addWidget(self._row(occurrence, language), row, 0)
        grid.setRowStretch(len(self.occurrences), 1)

    def spoken(self, language: str) -> str:
        """The heading, then each session: when, what, where."""
        parts = [translate("info.sessions_title", language)]
        for occurrence in self.occurrences:
            session = occurrence.session
            parts += [
                _when(occurrence, language),
                pick(session.title, language),
                pick(session.topic, language),
                pick(session.place, language),
            ]
        return ". ".join(part.rstrip(".") for part in parts)

    def _row(self, occurrence: Occurrence, language: str) -> QWidget:
        session = occurrence.session
        row = QWidget()
        row.setObjectName("InfoCard")
        row.setProperty("tone", "today" if occurrence.joinable else "plain")
        row.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        texts = QVBoxLayout()
        texts.setSpacing(4)
        for name, text in (
            ("SessionWhen", _when(occurrence, language)),
            ("InfoHeading", pick(session.title, language)),
            ("InfoItem", f"{pick(session.topic, language)} · {pick(session.place, language)}"),
        ):
            label = named_label(name, text)
            label.setWordWrap(True)
            texts.addWidget(label)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(24)
        layout.addLayout(texts, 1)
        if occurrence.joinable:
            join = BigButton(translate("info.join", language))
            join.setProperty("service", session.service)
            join.clicked.connect(lambda: self.join_requested.emit(session.service))
            self.joins.append(join)
            layout.addWidget(join, 0, Qt.AlignmentFlag.AlignVCenter)
        else:
            later = named_label("SessionLater", translate("info.on_the_day", language))
            later.setWordWrap(True)
            layout.addWidget(later, 0, Qt.AlignmentFlag.AlignVCenter)
        return row


def _when(occurrence: Occurrence, language: str) -> str:
    day = (
        translate("info.today", language)
        if occurrence.joinable
        else translate(f"info.day_{occurrence.session.weekday}", language)
    )
    start, end = occurrence.starts, occurrence.ends
    return translate("info.when", language, day=day, start=f"{start:%H:%M}", end=f"{end:%H:%M}")
