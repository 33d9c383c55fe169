"""The complaint wizard screen: the core's steps one per page, progress, consent and review."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import cast

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.complaints.fields import Step
from kiosk.complaints.form import ORDER, ComplaintForm
from kiosk.errors import InvalidInput
from kiosk.i18n import DEFAULT_LANGUAGE, translate
from kiosk.settings import SiteSection
from ui.kiosk.complaint.hotline import HotlinePanel
from ui.kiosk.complaint.pages import ConsentPage, ReviewPage
from ui.kiosk.complaint.step_page import ScrollPage, StepPage
from ui.widgets import BigButton, named_label


class ComplaintWizard(QWidget):
    """Asks the complaint step by step; the ``ComplaintForm`` decides what is right and next.

    Back is on every page (from the first step it leaves); Next checks the step through
    ``form.next()`` and shows each refusal beside its field. Consent is a step with two
    answers of its own instead of Next. A yes to danger shows the hotline panel at once.
    Every page opens at its top.

    Signals:
        submit_requested: the visitor sends the reviewed complaint (a ``ComplaintDraft``).
        consent_refused: consent was refused; the form is already cleared.
        left: the visitor went back from the first step; the form is already cleared.
    """

    submit_requested = Signal(object)
    consent_refused = Signal()
    left = Signal()

    def __init__(self, site: SiteSection, today: Callable[[], date], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Screen")
        self.language = DEFAULT_LANGUAGE
        self.form = ComplaintForm(language=self.language, today=today)
        self._busy = False
        self.title = named_label("Title")
        self.step_label = named_label("StepProgress")
        self.progress = QProgressBar()
        self.progress.setObjectName("StepBar")
        self.progress.setTextVisible(False)
        self.pages = QStackedWidget()
        asked = (step for step in ORDER if step not in (Step.CONSENT, Step.REVIEW))
        self.steps: dict[Step, StepPage] = {
            step: StepPage(ComplaintForm.fields_for(step)) for step in asked
        }
        self.consent = ConsentPage()
        self.review = ReviewPage()
        self.review.reveal_toggled.connect(self._show_review)
        self._pages: dict[Step, QWidget] = {
            **self.steps,
            Step.CONSENT: self.consent,
            Step.REVIEW: self.review,
        }
        for page in self._pages.values():
            self.pages.addWidget(page)
        for step_page in self.steps.values():
            step_page.value_changed.connect(self._on_value)
        self.consent.agreed.connect(self._on_agreed)
        self.consent.refused.connect(self._on_refused)
        self.hotline = HotlinePanel(site)
        self.message = named_label("FormError")
        self.message.setWordWrap(True)
        self.back = BigButton(role="secondary")
        self.next = BigButton(role="primary")
        self.back.clicked.connect(self._on_back)
        self.next.clicked.connect(self._on_next)
        self._build_layout()
        self._render()
        app = cast(QApplication, QApplication.instance())
        app.focusChanged.connect(self._on_focus_changed)

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.step_label, 0, Qt.AlignmentFlag.AlignBottom)
        nav = QHBoxLayout()
        nav.setSpacing(24)
        nav.addWidget(self.back)
        nav.addWidget(self.message, 1)
        nav.addWidget(self.next)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 16, 64, 12)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.hotline)
        layout.addLayout(nav)

    def reset(self) -> None:
        """Forget every answer and start again at the first step (after use and when idle)."""
        self.form.reset()
        self._busy = False
        self.message.clear()
        for step_page in self.steps.values():
            step_page.load(self.form, self.language)
        self.review.show_lines([], self.language)
        self._turn()
        for page in (*self.steps.values(), self.consent.notice, self.review):
            page.to_top()

    def retranslate(self, language: str) -> None:
        """Re-label in a language; the consent given is recorded in this language."""
        self.language = language
        self.form.language = language
        for step_page in self.steps.values():
            step_page.retranslate(language)
        self.consent.retranslate(language)
        self.hotline.retranslate(language)
        self.back.set_label(translate("complaintui.back", language))
        self._render()

    def submit_failed(self, error: Exception) -> None:
        """Sending failed: say so plainly and let the visitor try again."""
        self._busy = False
        self.next.setEnabled(True)
        if isinstance(error, InvalidInput):
            self.message.setText(error.message(self.language))
        else:
            self.message.setText(translate("complaintui.send_failed", self.language))

    def _render(self) -> None:
        """Show the page of the form's step, its title, progress and buttons."""
        step = self.form.step
        on_consent = step is Step.CONSENT
        number, total = self.form.progress
        title = "complaints.consent_title" if on_consent else step.title_key
        self.title.setText(translate(title, self.language))
        self.step_label.setText(
            translate("complaintui.progress", self.language, step=number, total=total)
        )
        self.progress.setRange(0, total)
        self.progress.setValue(number)
        if step is Step.REVIEW:
            self._show_review()
        self.pages.setCurrentWidget(self._pages[step])
        self.next.setVisible(not on_consent)
        self.next.setEnabled(not self._busy)
        key = "complaints.submit" if step is Step.REVIEW else "complaintui.next"
        self.next.set_label(translate(key, self.language))
        self.hotline.setVisible(self.form.show_hotline)
        self.message.clear()

    def _turn(self) -> None:
        """Show a new page from its top, with the keyboard put away."""
        self._render()
        page = self.pages.currentWidget()
        if isinstance(page, StepPage):
            page.load(self.form, self.language)
        if isinstance(page, ScrollPage):
            page.to_top()
        self.setFocus()

    @Slot()
    def _show_review(self) -> None:
        lines = self.form.review(self.language, reveal=self.review.revealed)
        self.review.show_lines(lines, self.language)

    @Slot(QWidget, QWidget)
    def _on_focus_changed(self, _old: QWidget | None, now: QWidget | None) -> None:
        """Typing brings up the keyboard: the question needs the room, so the title and
        progress step aside and the hotline panel shrinks to its number meanwhile."""
        typing = isinstance(now, QLineEdit | QPlainTextEdit) and self.isAncestorOf(now)
        for heading in (self.title, self.step_label, self.progress):
            heading.setHidden(typing)
        self.hotline.set_compact(typing)

    @Slot(str, object)
    def _on_value(self, name: str, value: object) -> None:
        filled = self.form.set(name, value)
        page = self.steps[self.form.step]
        page.load(self.form, self.language, filled)
        page.anchor = page.editors[name]  # stays in sight if the hotline panel takes room
        self.hotline.setVisible(self.form.show_hotline)
        if not self._busy:
            self.message.clear()

    @Slot()
    def _on_next(self) -> None:
        if self._busy:
            return
        if self.form.is_complete:
            self._busy = True
            self.next.setEnabled(False)
            self.message.setText(translate("complaintui.sending", self.language))
            self.submit_requested.emit(self.form.draft())
            return
        step = self.form.step
        errors = self.form.next()
        if errors:
            self.steps[step].show_errors(errors, self.language)
            self.message.setText(translate("complaintui.fix_errors", self.language))
            return
        self._turn()

    @Slot()
    def _on_back(self) -> None:
        if self._busy:
            return
        if self.form.step is ORDER[0]:
            self.reset()
            self.left.emit()
            return
        self.form.back()
        self._turn()

    @Slot()
    def _on_agreed(self) -> None:
        self.form.set("consent", True)
        self.form.next()
        self._turn()

    @Slot()
    def _on_refused(self) -> None:
        self.form.set("consent", False)
        if self.form.consent_refused:
            self.reset()
            self.consent_refused.emit()
