"""A walk through the staff console (officer, then supervisor) for the screenshots."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from kiosk.hall import Hall
from ui.staff.window import StaffWindow

Save = Callable[[QWidget, str], None]
Settle = Callable[[Callable[[], bool]], None]


def _sign_in(window: StaffWindow, username: str, pin: str, settle: Settle) -> None:
    settle(lambda: window.sign_in.users.count() > 0)
    window.sign_in.choose(username)
    window.sign_in.pin.setText(pin)
    window.sign_in.sign_in.click()
    settle(
        lambda: window.member is not None and window.screens.currentWidget() is not window.sign_in
    )


def walk(hall: Hall, save: Save, settle: Settle) -> None:
    """Sign-in; the officer at counter 1 with a ticket in hand, and complaints; the supervisor."""
    officer = StaffWindow(hall, counter=1)
    officer.show()
    settle(lambda: officer.sign_in.users.count() > 0)
    officer.sign_in.choose("siti")
    officer.sign_in.pin.setText("1234")
    officer.sign_in.sign_in.click()
    settle(lambda: bool(officer.sign_in.error.text()))
    save(officer, "console-sign-in-id")
    _sign_in(officer, "siti", "1111", settle)
    officer.console.action_bar.buttons["call"].click()
    settle(
        lambda: officer.console.snapshot is not None and officer.console.snapshot.held is not None
    )
    save(officer, "console-main-id")
    officer.console.action_bar.buttons["transfer"].click()
    save(officer, "console-transfer-id")
    officer.console.transfer.cancel.click()
    officer.console.complaints.click()
    page = officer.complaints
    assert page is not None
    settle(lambda: page.panel.model.rowCount() > 0)
    if page.panel.model.rowCount():
        page.panel.table.selectRow(0)
        page.panel.open_button.click()
        settle(lambda: page.panel.detail is not None)
    save(officer, "console-complaints-id")
    if page.panel.detail is not None:
        page.panel.show_button.click()  # recorded in the access log, as any "show"
        settle(lambda: page.panel.detail is not None and page.panel.detail.shown)
        save(officer, "console-complaint-shown-id")
    officer.close()
    supervisor = StaffWindow(hall)
    supervisor.show()
    _sign_in(supervisor, "kepala", "9999", settle)
    save(supervisor, "console-counter-id")
    supervisor.counters.buttons[3].click()
    settle(lambda: bool(supervisor.console.snapshot and supervisor.console.snapshot.services))
    supervisor.console.supervisor.toggles["opp"].click()
    settle(lambda: supervisor.console.supervisor.toggles["opp"].property("open") is False)
    settle(lambda: bool(supervisor.console.supervisor.sync.text()))
    save(supervisor, "console-supervisor-id")
    supervisor.close()
