"""The staff console by clicks and keys: sign-in, calling, serving, transfers and refusals."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.demo import seed_demo
from kiosk.hall import Hall, open_hall
from kiosk.models import ComplaintAccess, Staff
from kiosk.queueing.service import QueueService
from kiosk.queueing.states import TicketState
from tests.helpers.clock import FakeClock
from tests.helpers.complaints import fill, new_form
from tests.helpers.hall_faces import show, sign_in, try_sign_in
from tests.helpers.touch import tap, tap_item
from ui.hall_events import POLL_MS
from ui.staff.actions import ACTIONS
from ui.staff.window import StaffWindow


@pytest.fixture
def queue(hall: Hall, clock: FakeClock) -> QueueService:
    seed_demo(hall)
    return hall.queue


def _held(window: StaffWindow) -> str:
    snapshot = window.console.snapshot
    return snapshot.held.ticket.number if snapshot and snapshot.held else ""


def test_signing_in_opens_the_console_at_the_given_counter(
    qtbot: QtBot, console: StaffWindow
) -> None:
    sign_in(qtbot, console, "siti", "1111")
    assert console.screens.currentWidget() is console.console
    assert console.console.who.text() == "Siti Rahayu · Loket 1"
    assert console.sign_in.pin.echoMode() is console.sign_in.pin.EchoMode.Password
    assert not console.console.supervisor.isVisible()


def test_the_sign_in_list_shows_names_and_signs_in_the_one_picked(
    qtbot: QtBot, console: StaffWindow, hall: Hall
) -> None:
    users = console.sign_in.users
    qtbot.waitUntil(lambda: users.count() == 3)
    assert [users.itemText(i) for i in range(3)] == ["Budi Santoso", "Dewi Lestari", "Siti Rahayu"]
    with hall.db.sessions.begin() as session:
        twin = session.scalars(select(Staff).where(Staff.username == "siti")).one()
        session.add(Staff(username="siti2", name=twin.name, role="officer", pin_hash=twin.pin_hash))
    sign_in(qtbot, console, "budi", "2222")
    console.sign_out()
    qtbot.waitUntil(lambda: users.count() == 4)
    shown = [users.itemText(i) for i in range(users.count())]
    assert shown == ["Budi Santoso", "Dewi Lestari", "Siti Rahayu (siti)", "Siti Rahayu (siti2)"]
    qtbot.keyClick(users, Qt.Key.Key_End)  # the last name, as a keyboard user picks it
    assert users.currentText() == "Siti Rahayu (siti2)"
    qtbot.keyClicks(console.sign_in.pin, "1111")
    tap(qtbot, console.sign_in.sign_in)
    qtbot.waitUntil(lambda: console.member is not None)
    assert console.member is not None
    assert console.member.username == "siti2"


def test_a_wrong_pin_says_the_tries_left_and_five_lock(qtbot: QtBot, console: StaffWindow) -> None:
    try_sign_in(qtbot, console, "budi", "0000")
    qtbot.waitUntil(lambda: console.sign_in.error.text() == "PIN salah. Sisa percobaan: 4.")
    for _ in range(4):
        try_sign_in(qtbot, console, "budi", "0000")
    qtbot.waitUntil(lambda: "Terlalu banyak PIN salah" in console.sign_in.error.text())
    try_sign_in(qtbot, console, "budi", "2222")
    qtbot.waitUntil(lambda: console.sign_in.error.text().startswith("Terlalu banyak"))
    console.worker.wait()
    assert console.member is None


def test_without_a_counter_the_officer_picks_one(
    qtbot: QtBot, hall: Hall, queue: QueueService
) -> None:
    window = StaffWindow(hall)
    show(qtbot, window)
    sign_in(qtbot, window, "budi", "2222")
    assert window.screens.currentWidget() is window.counters
    assert sorted(window.counters.buttons) == [1, 2, 3]
    tap(qtbot, window.counters.buttons[3])
    assert window.counter == 3
    qtbot.waitUntil(lambda: window.console.snapshot is not None)
    tap(qtbot, window.console.sign_out)
    assert window.screens.currentWidget() is window.sign_in
    window.close()


def test_call_next_shows_the_ticket_with_its_history(
    qtbot: QtBot, console: StaffWindow, queue: QueueService
) -> None:
    queue.issue_ticket("jobs")
    queue.issue_ticket("placement", priority=True)
    sign_in(qtbot, console, "siti", "1111")
    qtbot.waitUntil(lambda: console.console.waiting.rowCount() == 2)
    assert console.console.waiting.tickets[0].number == "B-001"
    tap(qtbot, console.console.action_bar.buttons["call"])
    qtbot.waitUntil(lambda: console.console.ticket.number.text() == "B-001")
    assert console.console.message.text() == "Nomor B-001 dipanggil."
    assert console.console.ticket.state.text() == "Dipanggil"
    assert "★ Prioritas" in console.console.ticket.service.text()
    qtbot.waitUntil(lambda: console.console.ticket.history.rowCount() == 2)
    history = console.console.ticket.history
    assert history.data(history.index(0, 0)) == "09:00:00"  # site-local time (WIB)
    assert history.data(history.index(1, 1)) == "Dipanggil"
    assert [t.number for t in console.console.waiting.tickets] == ["A-001"]


@pytest.mark.parametrize("by_key", [False, True], ids=["click", "key"])
def test_each_action_by_button_or_key(
    qtbot: QtBot, console: StaffWindow, queue: QueueService, by_key: bool
) -> None:
    ids = {t.number: t.ticket_id for t in (queue.issue_ticket("jobs") for _ in range(2))}
    sign_in(qtbot, console, "siti", "1111")
    buttons = console.console.action_bar.buttons
    steps = [
        ("call", "A-001", TicketState.CALLED),
        ("recall", "A-001", TicketState.CALLED),
        ("start", "A-001", TicketState.SERVING),
        ("finish", "A-001", TicketState.DONE),
        ("call", "A-002", TicketState.CALLED),
        ("no_show", "A-002", TicketState.NO_SHOW),
    ]
    for name, number, state in steps:
        console.console.message.clear()
        qtbot.waitUntil(buttons[name].isEnabled)
        if by_key:
            qtbot.keyClick(console, getattr(Qt.Key, f"Key_{ACTIONS[name][0]}"))
        else:
            tap(qtbot, buttons[name])
        qtbot.waitUntil(lambda n=number: n in console.console.message.text())  # type: ignore[misc]
        assert queue.ticket(ids[number]).ticket.state is state
    qtbot.waitUntil(lambda: not buttons["recall"].isEnabled())
    assert buttons["call"].isEnabled()
    assert console.console.ticket.number.text() == "—"


@pytest.mark.parametrize("by_key", [False, True], ids=["click", "key"])
def test_transfer_sends_the_visitor_to_a_chosen_other_service(
    qtbot: QtBot, console: StaffWindow, queue: QueueService, by_key: bool
) -> None:
    issued = queue.issue_ticket("jobs")
    sign_in(qtbot, console, "siti", "1111")
    tap(qtbot, console.console.action_bar.buttons["call"])
    qtbot.waitUntil(lambda: _held(console) == "A-001")
    qtbot.waitUntil(console.console.action_bar.buttons["transfer"].isEnabled)
    if by_key:
        qtbot.keyClick(console, Qt.Key.Key_F6)
    else:
        tap(qtbot, console.console.action_bar.buttons["transfer"])
    bar = console.console.transfer
    qtbot.waitUntil(bar.isVisible)  # a key "animates" the click: it lands a moment later
    assert not bar.buttons["jobs"].isVisible()
    assert bar.buttons["complaint"].isVisible()
    tap(qtbot, bar.buttons["complaint"])
    qtbot.waitUntil(lambda: "dialihkan ke Pengaduan PMI" in console.console.message.text())
    ticket = queue.ticket(issued.ticket_id).ticket
    assert (ticket.state, ticket.service_code) == (TicketState.WAITING, "complaint")
    assert not bar.isVisible()
    assert console.console.action_bar.isVisible()


def test_a_refusal_is_shown_in_the_officers_language(
    qtbot: QtBot, console: StaffWindow, hall: Hall, queue: QueueService
) -> None:
    queue.issue_ticket("jobs")
    queue.issue_ticket("jobs")
    tap(qtbot, console.sign_in.language_button("en"))
    sign_in(qtbot, console, "siti", "1111")
    qtbot.waitUntil(lambda: console.console.waiting.rowCount() == 2)
    console.events.stop()  # the console has not yet seen the other console's call
    queue.call_next(1)
    tap(qtbot, console.console.action_bar.buttons["call"])
    qtbot.waitUntil(lambda: console.console.message.property("tone") == "error")
    assert console.console.message.text() == (
        "Counter 1 still has number A-001. Finish it, mark it absent or transfer it first."
    )
    qtbot.waitUntil(lambda: _held(console) == "A-001")


def test_nobody_waiting_is_said_plainly(qtbot: QtBot, console: StaffWindow) -> None:
    sign_in(qtbot, console, "siti", "1111")
    qtbot.keyClick(console, Qt.Key.Key_F1)
    qtbot.waitUntil(
        lambda: console.console.message.text() == "Tidak ada yang menunggu untuk loket ini."
    )


def test_another_process_is_seen_within_the_polling_interval(
    qtbot: QtBot, console: StaffWindow, hall: Hall, clock: FakeClock
) -> None:
    sign_in(qtbot, console, "siti", "1111")
    other = open_hall(hall.settings, clock)  # another console or process on the same database
    try:
        other.queue.issue_ticket("placement", priority=True)
    finally:
        other.close()
    with qtbot.waitSignal(console.events.queue_changed, timeout=POLL_MS * 3):
        pass
    qtbot.waitUntil(lambda: console.console.waiting.rowCount() == 1, timeout=POLL_MS * 3)
    assert console.console.waiting.tickets[0].number == "B-001"


def test_the_console_opens_todays_complaints_as_the_signed_in_officer(
    qtbot: QtBot, console: StaffWindow, hall: Hall, clock: FakeClock
) -> None:
    form = new_form()
    fill(form, {"urgent": True})
    reference = hall.complaints.submit(form).reference
    sign_in(qtbot, console, "siti", "1111")
    tap(qtbot, console.console.complaints)
    page = console.complaints
    assert page is not None
    assert console.screens.currentWidget() is page
    qtbot.waitUntil(lambda: page.panel.model.rowCount() == 1)
    tap_item(qtbot, page.panel.table, page.panel.model.index(0, 0))
    with qtbot.waitSignal(page.panel.complaint_opened) as opened:
        tap(qtbot, page.panel.open_button)
    assert opened.args == [reference]
    with hall.db.reads() as session:
        siti = session.scalar(select(Staff.id).where(Staff.username == "siti"))
        assert list(session.execute(select(ComplaintAccess.staff_id, ComplaintAccess.action))) == [
            (siti, "open")
        ]
    tap(qtbot, page.back)
    assert console.screens.currentWidget() is console.console
    tap(qtbot, console.console.sign_out)
    assert console.complaints is None
