"""What a screen showing a just-printed slip shares: the slip's state, its QR, Done, a time-out."""

from __future__ import annotations

import enum

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QLayout, QVBoxLayout, QWidget

from kiosk.i18n import DEFAULT_LANGUAGE, translate
from ui.kiosk.qr_view import QrView
from ui.widgets import BigButton, named_label, repolish


class SlipState(enum.StrEnum):
    """Where the slip of the shown number is."""

    PRINTING = "printing"
    PRINTED = "printed"
    FAILED = "failed"


class SlipScreen(QWidget):
    """A number and its QR on screen while the slip prints; goes home by itself.

    It leaves after ``shown_ms`` or on a tap. When the slip failed it stays
    ``shown_after_failure_ms`` and only Done leaves, so the visitor can photograph it.
    Subclasses lay out ``status``, ``qr`` and ``done`` and name their catalog domain.

    Signals:
        finished: the visitor is done (tap, Done, or time out).
        timed_out: the screen leaves by itself (``finished`` follows): a tap that was
            meant for it may land on the next screen.
    """

    finished = Signal()
    timed_out = Signal()
    shown_ms = 15_000
    shown_after_failure_ms = 60_000
    domain = "take"
    """Catalog domain holding ``done`` and ``slip_printing|printed|failed``."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Screen")
        self.language = DEFAULT_LANGUAGE
        self.slip_state = SlipState.PRINTING
        self.status = named_label("SlipStatus")
        self.status.setWordWrap(True)
        self.qr = QrView()
        self.done = BigButton(role="primary")
        self.done.clicked.connect(self._finish)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._time_out)

    def texts_beside_code(self, texts: QLayout, caption: QWidget) -> QHBoxLayout:
        """A row: ``texts`` taking the room, the QR with its ``caption`` under it on the right."""
        code = QVBoxLayout()
        code.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        code.addWidget(caption, 0, Qt.AlignmentFlag.AlignHCenter)
        code.addStretch(1)
        row = QHBoxLayout()
        row.setSpacing(48)
        row.addLayout(texts, 1)
        row.addLayout(code)
        return row

    def set_slip_state(self, state: SlipState) -> None:
        """Say how the slip is doing; a failure keeps the number on screen longer."""
        self.slip_state = state
        self.status.setProperty("slip", state.value)
        repolish(self.status)
        failed = state is SlipState.FAILED
        self._timer.start(self.shown_after_failure_ms if failed else self.shown_ms)
        self.retranslate(self.language)

    def retranslate(self, language: str) -> None:
        """Re-label Done and the slip's state; subclasses add their own texts."""
        self.language = language
        self.done.set_label(translate(f"{self.domain}.done", language))
        self.status.setText(translate(f"{self.domain}.slip_{self.slip_state.value}", language))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        """A tap anywhere finishes, unless the slip failed (then the number must stay)."""
        if self.slip_state is not SlipState.FAILED:
            self._finish()
        event.accept()

    @Slot()
    def _time_out(self) -> None:
        self.timed_out.emit()
        self._finish()

    @Slot()
    def _finish(self) -> None:
        self._timer.stop()
        self.finished.emit()
