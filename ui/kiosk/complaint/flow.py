"""The complaint visit end to end: wizard, sending in the background, receipt and its slip."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

from kiosk.complaints.form import ComplaintDraft
from kiosk.complaints.receipt import receipt_slip
from kiosk.complaints.views import SubmittedComplaint
from kiosk.hall import Hall
from kiosk.infra.sealed import KeyFileError
from printing import Paper, Printer, PrintJob, render_slip
from ui.kiosk.complaint.receipt_screen import ComplaintReceiptScreen
from ui.kiosk.complaint.refused_screen import ConsentRefusedScreen
from ui.kiosk.complaint.wizard import ComplaintWizard
from ui.kiosk.slip_screen import SlipState
from ui.workers import Worker

log = logging.getLogger(__name__)


class ComplaintFlow(QObject):
    """Owns the complaint screens and runs their slow work (storing, printing) in the worker.

    Args:
        hall: the hall's settings and database.
        worker: runs the background tasks.
        printer: prints the receipt.
        paper: the slip roll's width.

    Signals:
        screen_wanted: show this screen of the flow.
        home_requested: the visit is over; go to the home screen.
    """

    screen_wanted = Signal(QWidget)
    home_requested = Signal()

    def __init__(
        self,
        hall: Hall,
        worker: Worker,
        printer: Printer,
        paper: Paper,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._hall = hall
        self._worker = worker
        self._printer = printer
        self._paper = paper
        site = hall.settings.site
        self.wizard = ComplaintWizard(site, hall.today)
        self.receipt = ComplaintReceiptScreen(site)
        self.refused = ConsentRefusedScreen()
        self.wizard.submit_requested.connect(self._submit)
        self.wizard.consent_refused.connect(lambda: self.screen_wanted.emit(self.refused))
        self.wizard.left.connect(self.home_requested)
        self.receipt.finished.connect(self.home_requested)
        self.refused.home_requested.connect(self.home_requested)

    def screens(self) -> tuple[QWidget, ...]:
        """The flow's screens, for the window's stack."""
        return (self.wizard, self.receipt, self.refused)

    @Slot()
    def start(self) -> None:
        """A new complaint from the first step."""
        self.wizard.reset()
        self.screen_wanted.emit(self.wizard)

    @Slot()
    def reset(self) -> None:
        """Forget everything typed or shown (the idle reset)."""
        self.wizard.reset()
        self.receipt.clear()

    @Slot(object)
    def _submit(self, draft: ComplaintDraft) -> None:
        hall = self._hall
        self._worker.submit(
            lambda: hall.complaints.submit(draft),
            self._show_receipt,
            self._submit_failed,
        )

    def _submit_failed(self, error: Exception) -> None:
        if isinstance(error, KeyFileError):  # an operator must act; the line holds no answer
            log.error("complaint not stored: %s", error)
        else:
            log.error("complaint not stored: %s", type(error).__name__)
        self.wizard.submit_failed(error)

    def _show_receipt(self, complaint: SubmittedComplaint) -> None:
        language = self.wizard.language
        self.wizard.reset()
        self.receipt.show_complaint(complaint, language)
        self.screen_wanted.emit(self.receipt)
        slip = receipt_slip(complaint, self._hall.settings, language)
        printer, paper, name = self._printer, self._paper, f"complaint-{complaint.reference}"
        self._worker.submit(
            lambda: printer.print_pdf(render_slip(slip, paper), name),
            self._printed,
            lambda error: self._print_failed(error, complaint.reference),
        )

    def _printed(self, job: PrintJob) -> None:
        log.info("complaint receipt printed: %s job %s", job.backend, job.job_id)
        if self.receipt.complaint is not None:
            self.receipt.set_slip_state(SlipState.PRINTED)

    def _print_failed(self, error: Exception, reference: str) -> None:
        log.error("complaint receipt %s not printed: %s", reference, error)
        if self.receipt.complaint is not None:
            self.receipt.set_slip_state(SlipState.FAILED)
