"""Today's complaints for an officer: list, open (each opening logged), note, move, reprint.

A complaint opens with its identifying answers masked; "show" asks the core for them in
full, which the core allows only to a role that handles complaints and records.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kiosk.complaints.categories import MOVES, Status, label
from kiosk.complaints.receipt import receipt_slip
from kiosk.complaints.store import ComplaintService
from kiosk.complaints.views import ComplaintDetail, ComplaintNoteView
from kiosk.errors import InvalidInput
from kiosk.hall_key import HallKeyError
from kiosk.i18n import DEFAULT_LANGUAGE, translate
from kiosk.settings import Settings
from kiosk.status import StatusAnswer
from kiosk.status.answers import ComplaintFound
from kiosk.status.words import StatusCard, describe
from printing import Paper, Printer, PrintJob, render_slip
from ui.staff.complaints.table import COLUMNS, ComplaintTableModel
from ui.widgets import BigButton, named_label
from ui.workers import Worker


class StaffComplaintsPanel(QWidget):
    """An officer's view of today's complaints, to embed in the staff console.

    Every action runs in ``worker`` and is recorded by the core with ``staff_id``.

    Args:
        service: the hall's complaint use cases.
        worker: runs the actions off the GUI thread.
        printer: prints reprinted receipts.
        settings: the site configuration (time zone, hotline for the receipt).
        staff_id: the signed-in officer.
        look_up: Cek Status of the hall, for what the family sees of an opened complaint
            (the centre's desk status and public notes as the last pull brought them).
        language: the officer's language.

    Signals:
        complaint_opened: a complaint was opened (its reference); the opening is logged.
        note_added: a note was added (reference).
        status_moved: a complaint moved (reference, new status value).
        receipt_reprinted: a receipt was reprinted (reference).
        action_failed: an action failed (a message in the officer's language).
    """

    complaint_opened = Signal(str)
    note_added = Signal(str)
    status_moved = Signal(str, str)
    receipt_reprinted = Signal(str)
    action_failed = Signal(str)

    def __init__(
        self,
        service: ComplaintService,
        worker: Worker,
        printer: Printer,
        settings: Settings,
        staff_id: int,
        look_up: Callable[[str], StatusAnswer],
        language: str = DEFAULT_LANGUAGE,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("StaffComplaints")
        self._service = service
        self._worker = worker
        self._printer = printer
        self._settings = settings
        self._staff_id = staff_id
        self._look_up = look_up
        self._language = language
        self.detail: ComplaintDetail | None = None
        self._public: ComplaintFound | None = None
        self._notes: list[ComplaintNoteView] = []
        self.model = ComplaintTableModel(settings.site.zone, language, self)
        self.table = QTableView()
        self.table.setObjectName("StaffTable")
        self.table.verticalHeader().hide()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The problems take the width that is left, on the reporter's two lines, cut short with
        # "…" (the whole text is the tooltip): every column fits the pane, no scroll bar hides one.
        header.setSectionResizeMode(COLUMNS.index("categories"), QHeaderView.ResizeMode.Stretch)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.model.modelReset.connect(self.table.resizeRowsToContents)
        self.table.doubleClicked.connect(self.open_selected)
        self.refresh_button = BigButton(role="secondary")
        self.open_button = BigButton(role="primary")
        self.text = QPlainTextEdit()
        self.text.setObjectName("ComplaintDetail")
        self.text.setReadOnly(True)
        self.note = QPlainTextEdit()
        self.note.setObjectName("ComplaintNote")
        self.note_button = BigButton(role="secondary")
        self.statuses = QComboBox()
        self.statuses.setObjectName("ComplaintMove")
        self.move_button = BigButton(role="secondary")
        self.reprint_button = BigButton(role="secondary")
        self.show_button = BigButton(role="secondary")
        self.message = named_label("Body")
        self.message.setWordWrap(True)
        self.refresh_button.clicked.connect(self.refresh)
        self.open_button.clicked.connect(self.open_selected)
        self.note_button.clicked.connect(self.add_note)
        self.move_button.clicked.connect(self.move_status)
        self.reprint_button.clicked.connect(self.reprint)
        self.show_button.clicked.connect(self.toggle_personal)
        self._build_layout()
        self.retranslate(language)
        self._show_detail()

    def _build_layout(self) -> None:
        list_buttons = QHBoxLayout()
        list_buttons.addWidget(self.refresh_button)
        list_buttons.addStretch(1)
        list_buttons.addWidget(self.open_button)
        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        left.addLayout(list_buttons)
        moves = QHBoxLayout()
        moves.addWidget(self.statuses, 1)
        moves.addWidget(self.move_button)
        right = QVBoxLayout()
        right.addWidget(self.show_button)
        right.addWidget(self.text, 2)
        right.addWidget(self.note, 1)
        right.addWidget(self.note_button)
        right.addLayout(moves)
        right.addWidget(self.reprint_button)
        right.addWidget(self.message)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addLayout(right, 1)

    def retranslate(self, language: str) -> None:
        """Re-label in a language."""
        self._language = language
        self.model.set_language(language)
        for button, key in (
            (self.refresh_button, "staff_refresh"),
            (self.open_button, "staff_open"),
            (self.note_button, "staff_add_note"),
            (self.move_button, "staff_move"),
            (self.reprint_button, "staff_reprint"),
        ):
            button.set_label(translate(f"complaintui.{key}", language))
        self.note.setPlaceholderText(translate("complaintui.staff_note_hint", language))
        self._show_detail()

    @Slot()
    def refresh(self) -> None:
        """Load today's complaints."""
        self._worker.submit(self._service.list_today, self.model.set_complaints, self._failed)

    @Slot()
    def open_selected(self) -> None:
        """Open the selected complaint (the core records who opened it, and when)."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.message.setText(translate("complaintui.staff_pick", self._language))
            return
        service, staff, look_up = self._service, self._staff_id, self._look_up
        reference = self.model.complaint(rows[0].row()).reference
        self._worker.submit(
            lambda: (service.open(reference, staff), look_up(reference)),
            self._opened,
            self._open_failed,
        )

    @Slot()
    def toggle_personal(self) -> None:
        """Show the open complaint's personal data in full (recorded), or mask it again."""
        detail = self.detail
        if detail is None:
            return
        if detail.shown:
            self.detail = detail.masked()
            self._show_detail()
            return
        service, staff, reference = self._service, self._staff_id, detail.reference
        self._worker.submit(
            lambda: service.open(reference, staff, show=True), self._shown, self._failed
        )

    def _shown(self, detail: ComplaintDetail) -> None:
        if self.detail is not None and self.detail.reference == detail.reference:
            self.detail = detail
            self._show_detail()

    @Slot()
    def add_note(self) -> None:
        """Add the typed note to the open complaint."""
        if self.detail is None:
            return
        service, staff, reference = self._service, self._staff_id, self.detail.reference
        text = self.note.toPlainText()
        self._worker.submit(
            lambda: service.add_note(reference, staff, text), self._noted, self._failed
        )

    @Slot()
    def move_status(self) -> None:
        """Move the open complaint to the chosen status, with the typed note if any."""
        if self.detail is None or self.statuses.currentData() is None:
            return
        service, staff, reference = self._service, self._staff_id, self.detail.reference
        target, text = str(self.statuses.currentData()), self.note.toPlainText()
        self._worker.submit(
            lambda: service.move_status(reference, target, staff, text), self._noted, self._failed
        )

    @Slot()
    def reprint(self) -> None:
        """Print the open complaint's receipt again (recorded like an opening)."""
        if self.detail is None:
            return
        service, staff, reference = self._service, self._staff_id, self.detail.reference
        printer, settings, language = self._printer, self._settings, self._language
        paper = Paper(settings.printer.paper_width)

        def work() -> PrintJob:
            slip = receipt_slip(service.reprint(reference, staff), settings, language)
            return printer.print_pdf(render_slip(slip, paper), f"complaint-{reference}")

        self._worker.submit(work, lambda _job: self._reprinted(reference), self._failed)

    def _opened(self, opened: tuple[ComplaintDetail, StatusAnswer]) -> None:
        detail, public = opened
        self.detail = detail
        self._notes = list(detail.notes)
        self._public = public if isinstance(public, ComplaintFound) else None
        self._show_detail()
        self.complaint_opened.emit(detail.reference)

    def _public_again(self, public: StatusAnswer) -> None:
        detail = self.detail
        if isinstance(public, ComplaintFound) and detail is not None:
            self._public = public if public.complaint.reference == detail.reference else None
            self._show_detail()

    def _noted(self, note: ComplaintNoteView) -> None:
        detail = self.detail
        if detail is None:
            return
        self._notes.append(note)
        self.note.clear()
        if note.status_to is None:
            self.message.setText(translate("complaintui.staff_note_added", self._language))
            self.note_added.emit(detail.reference)
        else:
            self.message.setText(
                translate(
                    "complaintui.staff_moved",
                    self._language,
                    status=label(note.status_to, self._language),
                )
            )
            self.status_moved.emit(detail.reference, note.status_to.value)
            self.refresh()
            look_up, reference = self._look_up, detail.reference
            self._worker.submit(lambda: look_up(reference), self._public_again, self._failed)
        self._show_detail()

    def _reprinted(self, reference: str) -> None:
        self.message.setText(
            translate("complaintui.staff_reprinted", self._language, reference=reference)
        )
        self.receipt_reprinted.emit(reference)

    def _open_failed(self, error: Exception) -> None:
        """Nothing of the complaint opened before stays beside the one that did not open."""
        self.detail = None
        self._notes = []
        self._show_detail()
        self._failed(error)

    def _failed(self, error: Exception) -> None:
        reason = (
            error.message(self._language)
            if isinstance(error, InvalidInput | HallKeyError)
            else str(error)
        )
        message = translate("complaintui.staff_failed", self._language, reason=reason)
        self.message.setText(message)
        self.action_failed.emit(message)

    def _show_detail(self) -> None:
        """The open complaint in full, its history, and the moves its status allows."""
        detail, language = self.detail, self._language
        for widget in (self.note, self.note_button, self.statuses, self.move_button):
            widget.setEnabled(detail is not None)
        self.reprint_button.setEnabled(detail is not None)
        self.show_button.setEnabled(detail is not None)
        shown = detail is not None and detail.shown
        self.show_button.set_label(
            translate("staff.hide_personal" if shown else "staff.show_personal", language)
        )
        self.statuses.clear()
        if detail is None:
            self.text.setPlainText(translate("complaintui.staff_pick", language))
            return
        current = _status_of(detail, self._notes)
        for target in (status for status in Status if status in MOVES[current]):
            self.statuses.addItem(label(target, language), target.value)
        masked = "" if detail.shown else translate("staff.personal_masked", language)
        lines = [f"{detail.reference} · {label(current, language)}", masked]
        lines += [f"{name}: {value}" for name, value in detail.lines(language)]
        lines += ["", translate("complaintui.staff_history", language)]
        lines += [self._history_line(note) for note in self._notes]
        if self._public is not None:
            lines += ["", *_family_view(describe(self._public, self._settings, language), language)]
        self.text.setPlainText("\n".join(lines))

    def _history_line(self, note: ComplaintNoteView) -> str:
        at = _local(note.at, self._settings.site.zone)
        if note.status_to is None:
            return translate(
                "complaintui.staff_history_note", self._language, at=at, text=note.text
            )
        return translate(
            "complaintui.staff_history_move",
            self._language,
            at=at,
            before=label(note.status_from, self._language) if note.status_from else "",
            after=label(note.status_to, self._language),
            text=note.text,
        )


def _family_view(card: StatusCard, language: str) -> list[str]:
    """What the family reads at Cek Status and on the QR page: the merged status (the
    centre's desk included, as the last pull brought it), the public history, its "as of"."""
    return [
        translate("console.family_view", language),
        card.headline,
        *(f"{at} · {text}" for at, text in card.history),
        card.as_of,
    ]


def _status_of(detail: ComplaintDetail, notes: Sequence[ComplaintNoteView]) -> Status:
    moved = [note.status_to for note in notes if note.status_to is not None]
    return moved[-1] if moved else detail.status


def _local(at: datetime, zone: ZoneInfo) -> str:
    return f"{at.astimezone(zone):%d-%m-%Y %H:%M}"
