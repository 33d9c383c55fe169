"""The staff console fits a 1366×768 PC (and 1280×720) as well as a full-HD screen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from kiosk.demo import seed_demo
from kiosk.hall import Hall
from kiosk.queueing.service import QueueService
from tests.helpers.clock import FakeClock
from tests.helpers.complaints import fill, new_form
from tests.helpers.fit import fits_everywhere, misfits, sizes
from tests.helpers.hall_faces import show, sign_in, try_sign_in
from tests.helpers.touch import tap
from ui.staff import window as staff_window
from ui.staff.window import StaffWindow

CONSOLE_SIZES = sizes(staff_window.ROOMY)


@pytest.fixture
def queue(hall: Hall, clock: FakeClock) -> QueueService:
    """The demo hall with three visitors waiting for each service, one of them a priority."""
    seed_demo(hall)
    queue = hall.queue
    for code in ("jobs", "placement", "complaint", "opp"):
        for n in range(3):
            queue.issue_ticket(code, priority=n == 1)
    return queue


@pytest.fixture(params=["id", "en"])
def supervisor(
    request: pytest.FixtureRequest, qtbot: QtBot, hall: Hall, queue: QueueService, clock: FakeClock
) -> Iterator[StaffWindow]:
    """A supervisor at counter 2, in each of the console's languages."""
    window = StaffWindow(hall)
    show(qtbot, window)
    tap(qtbot, window.sign_in.language_button(request.param))
    sign_in(qtbot, window, "kepala", "9999")
    tap(qtbot, window.counters.buttons[2])
    qtbot.waitUntil(lambda: bool(window.console.snapshot and window.console.snapshot.services))
    yield window
    window.close()


def _call(qtbot: QtBot, window: StaffWindow) -> None:
    tap(qtbot, window.console.action_bar.buttons["call"])
    qtbot.waitUntil(lambda: window.console.ticket.number.text() != "—")


@pytest.mark.parametrize("size", CONSOLE_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_sign_in_screen_with_a_refusal_fits(
    qtbot: QtBot, console: StaffWindow, size: tuple[int, int]
) -> None:
    try_sign_in(qtbot, console, "siti", "0000")
    qtbot.waitUntil(lambda: bool(console.sign_in.error.text()))
    assert misfits(console, *size) == []


def test_the_counter_picker_fits(qtbot: QtBot, hall: Hall, queue: QueueService) -> None:
    window = StaffWindow(hall)
    show(qtbot, window)
    sign_in(qtbot, window, "budi", "2222")
    assert window.screens.currentWidget() is window.counters
    fits_everywhere(window, CONSOLE_SIZES)
    window.close()


@pytest.mark.parametrize("size", CONSOLE_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_officer_console_with_a_ticket_in_hand_fits(
    qtbot: QtBot, console: StaffWindow, size: tuple[int, int]
) -> None:
    sign_in(qtbot, console, "siti", "1111")
    _call(qtbot, console)
    assert console.console.message.isVisible()
    assert misfits(console, *size) == []


@pytest.mark.parametrize("size", CONSOLE_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_transfer_panel_fits(qtbot: QtBot, console: StaffWindow, size: tuple[int, int]) -> None:
    sign_in(qtbot, console, "siti", "1111")
    _call(qtbot, console)
    tap(qtbot, console.console.action_bar.buttons["transfer"])
    qtbot.waitUntil(console.console.transfer.isVisible)
    assert misfits(console, *size) == []


def test_the_supervisor_view_with_the_transfer_panel_fits(
    qtbot: QtBot, supervisor: StaffWindow
) -> None:
    assert supervisor.console.supervisor.isVisible()
    fits_everywhere(supervisor, CONSOLE_SIZES)
    tap(qtbot, supervisor.console.supervisor.toggles["opp"])
    qtbot.waitUntil(supervisor.console.message.isVisible)
    _call(qtbot, supervisor)
    tap(qtbot, supervisor.console.action_bar.buttons["transfer"])
    qtbot.waitUntil(supervisor.console.transfer.isVisible)
    fits_everywhere(supervisor, CONSOLE_SIZES)


def test_the_complaints_page_fits(
    qtbot: QtBot, console: StaffWindow, hall: Hall, clock: FakeClock
) -> None:
    form = new_form()
    fill(form, {"urgent": True})
    hall.complaints.submit(form)
    sign_in(qtbot, console, "siti", "1111")
    tap(qtbot, console.console.complaints)
    page = console.complaints
    assert page is not None
    qtbot.waitUntil(lambda: page.panel.model.rowCount() == 1)
    page.panel.table.selectRow(0)
    with qtbot.waitSignal(page.panel.complaint_opened):
        tap(qtbot, page.panel.open_button)
    fits_everywhere(console, CONSOLE_SIZES)


def test_the_console_takes_its_compact_type_below_its_roomy_size(
    qtbot: QtBot, console: StaffWindow
) -> None:
    sign_in(qtbot, console, "siti", "1111")
    number = console.console.ticket.number
    console.resize(1920, 1080)
    qtbot.waitUntil(lambda: console.property("compact") is False)
    full = number.font().pointSize()
    console.resize(1366, 728)
    qtbot.waitUntil(lambda: console.property("compact") is True)
    assert number.font().pointSize() < full
    console.resize(1280, 600)  # below the smallest screen the console is laid out for
    assert (console.width(), console.height()) == (1280, 720)
