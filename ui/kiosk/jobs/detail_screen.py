"""A vacancy in full and in plain words, with "Cetak info lowongan" and "Daftar sekarang"."""

from __future__ import annotations

import enum

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import DEFAULT_LANGUAGE, translate
from kiosk.jobs.postings import PostingDetail
from kiosk.jobs.wording import (
    date_text,
    detail_rows,
    licence_text,
    place_text,
    salary_idr_text,
    salary_text,
)
from ui.kiosk.jobs.home_screen import scroll_area
from ui.widgets import BigButton, named_label, repolish


class PrintState(enum.StrEnum):
    """Where the job slip is; ``IDLE`` before any print."""

    IDLE = "idle"
    PRINTING = "printing"
    PRINTED = "printed"
    FAILED = "print_failed"


def _plain(name: str, text: str = "") -> QLabel:
    """A label that shows its text as written: a feed's ``<h1>`` or link is never drawn."""
    label = named_label(name, text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _wrapped(name: str, text: str = "") -> QLabel:
    label = _plain(name, text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label


class JobDetailScreen(QWidget):
    """Position, salary, licence and every other fact of one posting, and what to do next.

    Signals:
        print_requested: the visitor wants the job slip of ``posting``.
        register_requested: the visitor wants a registration number for it (its id).
        back_requested: the visitor wants the list again.
    """

    print_requested = Signal()
    register_requested = Signal(int)
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Screen")
        self.language = DEFAULT_LANGUAGE
        self.posting: PostingDetail | None = None
        self.print_state = PrintState.IDLE
        self._title = _wrapped("Title")
        self._place = _plain("Subtitle")
        self.zero_cost = _plain("JobBadge")
        self.zero_cost.setProperty("kind", "zero_cost")
        self.licence = _plain("JobBadge")
        badges = QHBoxLayout()
        badges.setSpacing(16)
        badges.addWidget(self.zero_cost)
        badges.addWidget(self.licence)
        badges.addStretch(1)
        self._facts = QWidget()
        holder = QWidget()
        holder.setObjectName("Screen")
        self._scrolled = QVBoxLayout(holder)
        self._scrolled.setContentsMargins(0, 0, 16, 8)
        self._scrolled.setSpacing(12)
        self._scrolled.addWidget(self._title)
        self._scrolled.addWidget(self._place)
        self._scrolled.addLayout(badges)
        self._scrolled.addWidget(self._facts)
        self._scrolled.addStretch(1)
        self._scroll = scroll_area()
        self._scroll.setWidget(holder)
        self.warning = _wrapped("BrokerWarning")
        self.print_status = _wrapped("PrintStatus")
        self.back = BigButton(role="secondary")
        self.back.clicked.connect(self.back_requested)
        self.print = BigButton(role="secondary")
        self.print.clicked.connect(self.print_requested)
        self.register = BigButton(role="go")
        self.register.clicked.connect(self._on_register)
        leaving = QHBoxLayout()
        leaving.setSpacing(20)
        leaving.addWidget(self.back)
        leaving.addWidget(self.print_status, 1)
        # The warning beside "print" and "register" stacked on the right: one width fits a
        # small screen in large text too, and the warning stays in sight as the facts scroll.
        actions = QGridLayout()
        actions.setHorizontalSpacing(20)
        actions.setVerticalSpacing(12)
        actions.setColumnStretch(0, 1)
        actions.addWidget(self.warning, 0, 0)
        actions.addWidget(self.print, 0, 1)
        actions.addLayout(leaving, 1, 0)
        actions.addWidget(self.register, 1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 16, 48, 16)
        layout.setSpacing(12)
        layout.addWidget(self._scroll, 1)
        layout.addLayout(actions)

    def show_detail(self, posting: PostingDetail) -> None:
        """Show a posting from the top, with no print under way."""
        self.posting = posting
        self.print_state = PrintState.IDLE
        self.print.setEnabled(True)
        self.retranslate(self.language)
        self._scroll.verticalScrollBar().setValue(0)

    def set_print_state(self, state: PrintState) -> None:
        """Say how the job slip is doing."""
        self.print_state = state
        self.print_status.setProperty("state", state.value)
        self.print.setEnabled(state is not PrintState.PRINTING)
        self._label_print_state()

    def retranslate(self, language: str) -> None:
        """Re-label in a language (the posting's own texts stay as published)."""
        self.language = language
        self.back.set_label(translate("jobsui.back", language))
        self.print.set_label(translate("jobsui.print", language))
        self.register.set_label(translate("jobsui.register", language))
        self.warning.setText(translate("jobs.broker_warning", language))
        self._label_print_state()
        posting = self.posting
        if posting is None:
            return
        self._title.setText(posting.position)
        self._place.setText(place_text(posting.country, posting.city, language))
        self.zero_cost.setText(translate("jobs.zero_cost", language))
        self.zero_cost.setVisible(posting.zero_cost)
        self.licence.setText(licence_text(posting.p3mi, language))
        self.licence.setProperty("kind", _licence_kind(posting))
        self.register.setEnabled(posting.shown)
        facts = _facts(posting, language)
        self._scrolled.replaceWidget(self._facts, facts)
        self._facts.hide()
        self._facts.deleteLater()
        self._facts = facts
        repolish(self.licence)

    def _label_print_state(self) -> None:
        state = self.print_state
        idle = state is PrintState.IDLE
        self.print_status.setText("" if idle else translate(f"jobsui.{state.value}", self.language))
        repolish(self.print_status)

    @Slot()
    def _on_register(self) -> None:
        if self.posting is not None:
            self.register_requested.emit(self.posting.id)


def _licence_kind(posting: PostingDetail) -> str:
    if posting.p3mi is None:
        return "government"
    return "licensed" if posting.p3mi.licensed else "warning"


def _facts(posting: PostingDetail, language: str) -> QWidget:
    """Salary, zero-cost note, closed notice and the fact lines (scrolled, under the title)."""
    facts = QWidget()
    facts.setObjectName("Screen")
    layout = QVBoxLayout(facts)
    layout.setContentsMargins(0, 8, 0, 0)
    layout.setSpacing(12)
    salary = QVBoxLayout()
    salary.setSpacing(4)
    salary.addWidget(
        _wrapped("SalaryText", salary_text(posting.salary, posting.salary_period, language))
    )
    if posting.salary_idr is not None:
        rupiah = salary_idr_text(posting.salary_idr, posting.salary_period, language)
        if posting.rate_date is not None:
            rate = translate(
                "jobs.rate_note", language, date=date_text(posting.rate_date, language)
            )
            rupiah = f"{rupiah} · {rate}"
        salary.addWidget(_wrapped("SalaryRupiah", rupiah))
    layout.addLayout(salary)
    if not posting.shown:
        layout.addWidget(_wrapped("JobClosed", translate("jobsui.closed", language)))
    if posting.zero_cost:
        layout.addWidget(_wrapped("ZeroCostNote", translate("jobs.zero_cost_detail", language)))
    grid = QGridLayout()
    grid.setHorizontalSpacing(32)
    grid.setVerticalSpacing(14)
    grid.setColumnStretch(1, 1)
    for row, (label, value) in enumerate(detail_rows(posting, language)):
        grid.addWidget(_wrapped("FactLabel", label), row, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(_wrapped("FactValue", value), row, 1, Qt.AlignmentFlag.AlignTop)
    layout.addLayout(grid)
    return facts
