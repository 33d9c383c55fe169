"""The hidden staff side of the kiosk: a corner gesture, a PIN prompt and a maintenance panel."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from kiosk.i18n import translate
from kiosk.pins import MAX_DIGITS
from printing import PrinterStatus
from ui.widgets import BigButton, named_label

GESTURE_WINDOW = timedelta(seconds=3)
TAPS = {QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick}


class StaffGesture(QObject):
    """Counts taps on one widget; enough taps in a short time open the staff prompt.

    Signals:
        triggered: the gesture was completed.
    """

    triggered = Signal()

    def __init__(
        self,
        target: QWidget,
        taps: int,
        clock: Callable[[], datetime],
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._taps = taps
        self._clock = clock
        self._times: list[datetime] = []
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Count touches on the target; consume nothing.

        Qt turns the second of two quick taps into a double click (no press): that is a
        tap too.
        """
        if event.type() in TAPS:
            now = self._clock()
            self._times = [t for t in self._times if now - t <= GESTURE_WINDOW] + [now]
            if len(self._times) >= self._taps:
                self._times.clear()
                self.triggered.emit()
        return False


class PinScreen(QWidget):
    """Asks for a staff PIN with the on-screen number pad.

    Signals:
        pin_entered: the PIN typed (digits).
        cancelled: back to the kiosk.
    """

    pin_entered = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Screen")
        self._title = named_label("Title")
        self._hint = named_label("Subtitle")
        self.field = QLineEdit()
        self.field.setObjectName("PinField")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.field.setMaxLength(MAX_DIGITS)
        self.field.returnPressed.connect(self._submit)
        self.error = named_label("ErrorText")
        self.error.setWordWrap(True)
        self.sign_in = BigButton(role="primary")
        self.sign_in.clicked.connect(self._submit)
        self.cancel = BigButton(role="secondary")
        self.cancel.clicked.connect(self.cancelled)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel)
        buttons.addStretch(1)
        buttons.addWidget(self.sign_in)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(200, 32, 200, 16)
        layout.setSpacing(16)
        layout.addWidget(self._title)
        layout.addWidget(self._hint)
        layout.addWidget(self.field)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def prompt(self) -> None:
        """Clear and focus the field."""
        self.field.clear()
        self.error.clear()
        self.field.setFocus()

    def show_error(self, text: str) -> None:
        """Say why the PIN was refused."""
        self.field.clear()
        self.error.setText(text)
        self.field.setFocus()

    def retranslate(self, language: str) -> None:
        """Re-label in a language."""
        self._title.setText(translate("maintenance.pin_title", language))
        self._hint.setText(translate("maintenance.pin_hint", language))
        self.field.setAccessibleName(translate("maintenance.pin_field", language))
        self.sign_in.set_label(translate("maintenance.sign_in", language))
        self.cancel.set_label(translate("maintenance.cancel", language))

    def _submit(self) -> None:
        self.pin_entered.emit(self.field.text())


class MaintenanceScreen(QWidget):
    """Printer test slip, reload configuration, the log tail (newest first), exit.

    Everything is worded in the kiosk's current language; what the printer or the log
    say in technical English is marked as technical detail. Reload and exit are for
    supervisors (the core checks again when they are pressed).

    Signals:
        test_print_requested, reload_requested, exit_requested, back_requested.
    """

    test_print_requested = Signal()
    reload_requested = Signal()
    exit_requested = Signal()
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Screen")
        self._staff_name = ""
        self._language = "id"
        self._printer_status: PrinterStatus | None = None
        self._title = named_label("Title")
        self.printer = named_label("Body")
        self.message = named_label("Body")
        self.message.setWordWrap(True)
        self.closing_note = named_label("Body")
        self.closing_note.setWordWrap(True)
        self._log_title = named_label("Subtitle")
        self.log = QPlainTextEdit()
        self.log.setObjectName("LogTail")
        self.log.setReadOnly(True)
        self.test_print = BigButton(role="primary")
        self.reload = BigButton(role="secondary")
        self.exit = BigButton(role="secondary")
        self.back = BigButton(role="secondary")
        self.test_print.clicked.connect(self.test_print_requested)
        self.reload.clicked.connect(self.reload_requested)
        self.exit.clicked.connect(self.exit_requested)
        self.back.clicked.connect(self.back_requested)
        buttons = QHBoxLayout()
        for button in (self.test_print, self.reload, self.exit):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.back)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 28, 48, 28)
        layout.setSpacing(16)
        layout.addWidget(self._title)
        layout.addLayout(buttons)
        layout.addWidget(self.closing_note)
        layout.addWidget(self.printer)
        layout.addWidget(self.message)
        layout.addWidget(self._log_title)
        layout.addWidget(self.log, 1)

    def open_for(
        self, staff_name: str, log_lines: list[str], language: str, *, supervisor: bool
    ) -> None:
        """Show the panel to a signed-in member with the log's last lines (oldest first).

        The newest line is shown at the top; reload and exit are offered to a supervisor.
        """
        self._staff_name = staff_name
        self._printer_status = None
        self.message.clear()
        self.printer.clear()
        self.log.setPlainText("\n".join(reversed(log_lines)))
        self.reload.setEnabled(supervisor)
        self.exit.setEnabled(supervisor)
        self.closing_note.setVisible(not supervisor)
        self.retranslate(language)

    def show_message(self, text: str) -> None:
        """Report the outcome of an action (already translated)."""
        self.message.setText(text)

    def show_printer(self, status: PrinterStatus) -> None:
        """Show the printer's state in the panel's language (a fault with its detail)."""
        self._printer_status = status
        key = "maintenance.printer_ok" if status.ok else "maintenance.printer_fault"
        self.printer.setText(translate(key, self._language, detail=status.detail))

    def retranslate(self, language: str) -> None:
        """Re-label in a language."""
        self._language = language
        self._title.setText(translate("maintenance.title", language, name=self._staff_name))
        self._log_title.setText(translate("maintenance.log_title", language))
        self.closing_note.setText(translate("maintenance.supervisor_closes", language))
        if self._printer_status is not None:
            self.show_printer(self._printer_status)
        self.test_print.set_label(translate("maintenance.test_print", language))
        self.reload.set_label(translate("maintenance.reload", language))
        self.exit.set_label(translate("maintenance.exit", language))
        self.back.set_label(translate("maintenance.back", language))
