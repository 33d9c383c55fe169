"""After sending: the complaint number very large, its QR, what happens next, the slip's state."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.complaints.receipt import ANSWER_WORKING_DAYS, VERIFY_WORKING_DAYS
from kiosk.complaints.views import SubmittedComplaint
from kiosk.i18n import translate
from kiosk.settings import SiteSection
from ui.kiosk.slip_screen import SlipScreen, SlipState
from ui.widgets import named_label

QR_SIDE = 360


class ComplaintReceiptScreen(SlipScreen):
    """The kept complaint's reference and QR, the next steps and hotline, and how the slip is.

    Leaves as every slip screen does; the screen is already clear when ``finished`` fires.
    """

    shown_ms = 30_000
    domain = "complaintui"

    def __init__(self, site: SiteSection, parent: QWidget | None = None):
        super().__init__(parent)
        self._site = site
        self.complaint: SubmittedComplaint | None = None
        self._caption = named_label("Subtitle")
        self.reference = named_label("ComplaintReference")
        self.reference.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.badge = named_label("UrgentBadge")
        self._title = named_label("Title")
        self._keep = named_label("Body")
        self._next_title = named_label("FieldLabel")
        self._next = named_label("Body")
        self._hotline = named_label("ReceiptHotline")
        self.qr.setFixedSize(QR_SIDE, QR_SIDE)
        self._scan = named_label("FieldHint")
        texts = QVBoxLayout()
        texts.setSpacing(10)
        for label in (self._caption, self.reference, self.badge, self._title, self._keep):
            texts.addWidget(label)
        texts.setAlignment(self.badge, Qt.AlignmentFlag.AlignLeft)
        texts.addSpacing(12)
        for label in (self._next_title, self._next, self._hotline):
            texts.addWidget(label)
        texts.addStretch(1)
        for label in (self._title, self._keep, self._next, self._hotline, self.status):
            label.setWordWrap(True)
        top = self.texts_beside_code(texts, self._scan)
        bottom = QHBoxLayout()
        bottom.setSpacing(32)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.done, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 32, 64, 28)
        layout.addLayout(top, 1)
        layout.addLayout(bottom)
        self.clear()

    def show_complaint(self, complaint: SubmittedComplaint, language: str) -> None:
        """Show a just-kept complaint while its receipt prints."""
        self.complaint = complaint
        self.qr.set_data(complaint.url)
        self.language = language
        self.set_slip_state(SlipState.PRINTING)

    def clear(self) -> None:
        """Forget the complaint shown (after use and when idle)."""
        self._timer.stop()
        self.complaint = None
        self.qr.set_data("")
        for label in (self.reference, self.badge, self._title, self._keep, self.status):
            label.clear()
        self.badge.hide()

    def retranslate(self, language: str) -> None:
        """Re-label in a language."""
        super().retranslate(language)
        complaint = self.complaint
        if complaint is None:
            return
        site = self._site

        def text(key: str, **params: object) -> str:
            return translate(key, language, **params)

        self._caption.setText(text("complaints.receipt_headline"))
        self.reference.setText(complaint.reference)
        self.reference.setAccessibleName(complaint.reference)
        self.badge.setText(text("complaints.receipt_urgent"))
        self.badge.setVisible(complaint.urgent)
        self._title.setText(text("complaints.submitted_title"))
        self._keep.setText(text("complaints.submitted_text"))
        self._next_title.setText(text("complaintui.receipt_next_title"))
        steps = text(
            "complaints.receipt_next_steps", verify=VERIFY_WORKING_DAYS, answer=ANSWER_WORKING_DAYS
        )
        if complaint.urgent:
            steps = f"{text('complaints.receipt_urgent_call', hotline=site.hotline)} {steps}"
        self._next.setText(steps)
        self._hotline.setText(text("complaints.receipt_hotline", hotline=site.hotline))
        self._scan.setText(text("complaintui.receipt_scan"))

    def _finish(self) -> None:
        self.clear()
        super()._finish()
