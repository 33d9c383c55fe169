"""The kiosk's staff panel for the screenshots: a supervisor's, and an officer's in English."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from ui.kiosk.window import KioskWindow

Save = Callable[[QWidget, str], None]
Settle = Callable[[Callable[[], bool]], None]


def _open(window: KioskWindow, pin: str, settle: Settle) -> None:
    window.go_home()
    window.gesture.triggered.emit()  # the corner taps
    window.pin.field.setText(pin)
    window.pin.sign_in.click()
    settle(
        lambda: (
            window.screens.currentWidget() is window.maintenance
            and window.maintenance.printer.text() != ""
        )
    )
    window.keyboard.hide()


def walk(window: KioskWindow, save: Save, settle: Settle) -> None:
    """The panel with the log's last lines, newest first: a supervisor (id), an officer (en)."""
    window.set_language("id")
    _open(window, "9999", settle)
    save(window, "kiosk-maintenance-id")
    window.set_language("en")
    _open(window, "1111", settle)
    save(window, "kiosk-maintenance-officer-en")
    window.set_language("id")
    window.go_home()
