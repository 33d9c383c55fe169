"""The supervisor's part of the console: services open or closed today, quotas, the day report."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import pick, translate
from kiosk.queueing.views import ServiceStatus
from kiosk.settings import Settings
from kiosk.survey.service import SkmReport
from kiosk.sync.status import SyncStatus
from ui.widgets import BigButton, named_label, repolish


class SupervisorPanel(QWidget):
    """Per service: open today (a toggle), today's quota, and its counts; the priority mix.

    Signals:
        opening_toggled: a service's code and whether it is to be open today.
        quota_edited: a service's code and its new quota for today.
        report_requested: print the day's figures.
    """

    opening_toggled = Signal(str, bool)
    quota_edited = Signal(str, int)
    report_requested = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("SupervisorPanel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._settings = settings
        self._language = "id"
        self._statuses: dict[str, ServiceStatus] = {}
        self._title = named_label("PanelTitle")
        self.ratio = named_label("RatioText")
        self.report = BigButton(role="secondary")
        self.report.setObjectName("PanelButton")
        self.report.clicked.connect(self.report_requested)
        self.sync = named_label("SyncLine")
        self.sync.setWordWrap(True)
        self._sync: tuple[SyncStatus, datetime] | None = None
        self._survey: SkmReport | None = None
        self.names: dict[str, QLabel] = {}
        self.toggles: dict[str, QPushButton] = {}
        self.quotas: dict[str, QSpinBox] = {}
        self.counts: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(6)
        for column, service in enumerate(settings.services):
            self.names[service.code] = named_label("SupervisorService")
            self.names[service.code].setWordWrap(True)
            toggle = QPushButton()
            toggle.setObjectName("OpenToggle")
            toggle.setCheckable(True)
            toggle.clicked.connect(lambda on, c=service.code: self.opening_toggled.emit(c, on))
            self.toggles[service.code] = toggle
            quota = QSpinBox()  # "Kuota 60": the prefix says what the number is
            quota.setObjectName("QuotaSpin")
            quota.setRange(1, 999)
            quota.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            quota.lineEdit().setTextMargins(8, 0, 0, 0)  # the style's padding misses the text
            quota.editingFinished.connect(lambda c=service.code: self._quota_done(c))
            self.quotas[service.code] = quota
            self.counts[service.code] = named_label("SupervisorCounts")
            self.counts[service.code].setWordWrap(True)
            row = QHBoxLayout()
            row.setSpacing(8)
            row.addWidget(toggle, 1)
            row.addWidget(quota)
            grid.addWidget(self.names[service.code], 0, column)
            grid.addLayout(row, 1, column)
            grid.addWidget(self.counts[service.code], 2, column)
        top = QHBoxLayout()
        top.addWidget(self._title)
        top.addWidget(self.ratio)
        top.addSpacing(16)
        top.addWidget(self.sync, 1)  # wraps beside the report button: the panel grows no row
        top.addWidget(self.report)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 10)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addLayout(grid)

    def show_statuses(self, statuses: list[ServiceStatus], language: str) -> None:
        """Show each service as it stands today."""
        self._statuses = {s.code: s for s in statuses}
        self.retranslate(language)

    def show_sync(self, status: SyncStatus, read_at: datetime) -> None:
        """The hall's standing with the centre, read at ``read_at``, in one line."""
        self._sync = (status, read_at)
        self.retranslate(self._language)

    def show_survey(self, report: SkmReport) -> None:
        """This month's satisfaction survey index per service (the core's report)."""
        self._survey = report
        self.retranslate(self._language)

    def retranslate(self, language: str) -> None:
        """Re-label in a language."""
        self._language = language
        if self._sync is not None:
            standing, read_at = self._sync
            self.sync.setText(standing.line(read_at, language, detail=False))
            self.sync.setProperty("fault", not standing.ok(read_at))
            repolish(self.sync)
        priority, regular = self._settings.queue.ratio
        self._title.setText(translate("console.supervisor_title", language))
        self.ratio.setText(translate("console.ratio", language, priority=priority, regular=regular))
        self.report.set_label(translate("console.print_report", language))
        for quota in self.quotas.values():
            quota.setPrefix(translate("console.quota_prefix", language))
            quota.setAccessibleName(translate("console.quota", language))
            quota.setToolTip(translate("console.quota", language))
        for service in self._settings.services:
            code = service.code
            self.names[code].setText(f"{service.letter} · {pick(service.name, language)}")
            status = self._statuses.get(code)
            if status is None:
                continue
            toggle = self.toggles[code]
            with QSignalBlocker(toggle):
                toggle.setChecked(not status.closed_today)
            key = "console.open_today" if not status.closed_today else "console.closed_today"
            toggle.setText(translate(key, language))
            toggle.setProperty("open", not status.closed_today)
            repolish(toggle)
            quota = self.quotas[code]
            if not quota.hasFocus():
                with QSignalBlocker(quota):
                    quota.setValue(status.quota)
            self.counts[code].setText(
                translate(
                    "console.service_counts",
                    language,
                    issued=status.issued,
                    quota=status.quota,
                    waiting=status.waiting,
                )
                + self._survey_text(code, language)
            )

    def _survey_text(self, code: str, language: str) -> str:
        """`` · SKM 83.33 B (12)``: the month's index, grade and respondents, if any."""
        rows = {row.code: row.index for row in self._survey.rows} if self._survey else {}
        found = rows.get(code)
        if found is None:
            return ""
        return translate(
            "console.service_skm",
            language,
            index=found.index,
            grade=found.grade,
            respondents=found.respondents,
        )

    def _quota_done(self, code: str) -> None:
        status = self._statuses.get(code)
        value = self.quotas[code].value()
        if status is None or value != status.quota:
            self.quota_edited.emit(code, value)
