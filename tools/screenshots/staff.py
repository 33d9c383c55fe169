"""A walk through the staff console (officer, then supervisor) for the screenshots."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget
from sqlalchemy import update

from kiosk.hall import Hall
from kiosk.hall_key import sealer_of
from kiosk.infra.sealed import new_key
from kiosk.models import Complaint
from tests.helpers.complaints import fill, new_form
from ui.staff.complaints.table import ComplaintTableModel
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


def _sealed_with_another_key(hall: Hall) -> str:
    """A new complaint of today, then marked as sealed by another hall key; its reference."""
    form = new_form()
    fill(form, {"reporter_name": "Ani Lestari"})
    reference = hall.complaints.submit(form).reference
    with hall.db.sessions.begin() as session:
        session.execute(
            update(Complaint)
            .where(Complaint.reference == reference)
            .values(key_id=sealer_of(new_key()).key_id)
        )
    return reference


def _row_of(model: ComplaintTableModel, reference: str) -> int:
    references = [model.complaint(row).reference for row in range(model.rowCount())]
    return references.index(reference) if reference in references else -1


def _slip_not_printed(hall: Hall, officer: StaffWindow, save: Save, settle: Settle) -> None:
    """The ticket in hand as it is when its slip failed at the kiosk: the reprint offered."""
    snapshot = officer.console.snapshot
    assert snapshot is not None
    assert snapshot.held is not None
    hall.queue.slip_printed(snapshot.held.ticket.id, printed=False)
    officer.refresh()
    settle(officer.console.ticket.reprint.isVisible)
    save(officer, "console-reprint-id")


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
    _slip_not_printed(hall, officer, save, settle)
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
    unreadable = _sealed_with_another_key(hall)
    panel = page.panel
    panel.refresh()
    settle(lambda: panel.model.rowCount() > 0 and _row_of(panel.model, unreadable) >= 0)
    panel.table.selectRow(_row_of(panel.model, unreadable))
    panel.open_button.click()
    settle(lambda: unreadable in panel.message.text())
    save(officer, "console-complaints-unreadable-id")
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
