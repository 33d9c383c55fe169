"""The board's top band: agency and site, and the date and time in the site's local time."""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale, Qt, QTime, QTimer, Slot
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.clock import Clock
from kiosk.settings import Settings
from ui.widgets import named_label

INDONESIAN = QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia)


class BoardHeader(QWidget):
    """Agency mark and names on the left; "Senin, 23 November 2026" and "09.30" on the right."""

    def __init__(self, settings: Settings, clock: Clock, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("BoardHeader")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._zone = settings.site.zone
        self._clock = clock
        self.date = named_label("BoardDate")
        self.time = named_label("BoardTime")
        names = QVBoxLayout()
        names.setSpacing(0)
        names.addWidget(named_label("BoardAgency", settings.site.agency))
        names.addWidget(named_label("BoardSite", settings.site.name))
        when = QVBoxLayout()
        when.setSpacing(0)
        for label in (self.time, self.date):
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            when.addWidget(label)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(32, 10, 32, 10)
        layout.setSpacing(24)
        layout.addWidget(named_label("BoardMark", "KP2MI"))
        layout.addLayout(names, 1)
        layout.addLayout(when)
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.tick)
        self._timer.start()
        self.tick()

    @Slot()
    def tick(self) -> None:
        """Show the current local date and time (Indonesian format)."""
        now = self._clock().astimezone(self._zone)
        self.date.setText(
            INDONESIAN.toString(QDate(now.year, now.month, now.day), "dddd, d MMMM yyyy")
        )
        self.time.setText(INDONESIAN.toString(QTime(now.hour, now.minute), "HH.mm"))
