"""A whole morning: the kiosk issues by taps, two consoles call, the board calls aloud."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from kiosk.demo import seed_demo
from kiosk.hall import Hall
from kiosk.queueing.states import TicketState
from tests.helpers.hall_faces import RecordingSpeaker, show, sign_in
from tests.helpers.kiosk_taps import take_number
from tests.helpers.touch import tap
from ui.board.window import BoardWindow
from ui.kiosk.window import KioskWindow
from ui.staff.window import StaffWindow


def test_a_morning_of_calls_transfers_and_a_no_show(qtbot: QtBot, hall: Hall) -> None:
    seed_demo(hall)
    kiosk = KioskWindow(hall)
    show(qtbot, kiosk)
    issued = {}
    for service, priority in (
        ("jobs", False),
        ("jobs", True),
        ("complaint", False),
        ("placement", False),
    ):
        take_number(qtbot, kiosk, service, priority)
        ticket = kiosk.ticket.ticket
        assert ticket is not None
        issued[ticket.number] = ticket.ticket_id
        tap(qtbot, kiosk.ticket.done)
    assert sorted(issued) == ["A-001", "A-002", "B-001", "C-001"]

    speaker = RecordingSpeaker()
    board = BoardWindow(hall, speaker=speaker)
    show(qtbot, board)
    one, three = (
        StaffWindow(hall, counter=1),
        StaffWindow(hall, counter=3),
    )
    for console, (user, pin) in ((one, ("siti", "1111")), (three, ("budi", "2222"))):
        show(qtbot, console)
        sign_in(qtbot, console, user, pin)

    def act(console: StaffWindow, action: str, expect: str) -> None:
        button = console.console.action_bar.buttons[action]
        qtbot.waitUntil(button.isEnabled)
        tap(qtbot, button)
        qtbot.waitUntil(lambda: expect in console.console.message.text())

    def board_calls(number: str, sentences: int) -> None:
        qtbot.waitUntil(lambda: len(speaker.sentences) == sentences)
        assert board.hero.number.text() == number

    act(one, "call", "A-002")  # the priority visitor first
    board_calls("A-002", 1)
    act(three, "call", "A-001")
    board_calls("A-001", 2)
    act(one, "start", "A-002")
    act(one, "transfer", "")
    tap(qtbot, one.console.transfer.buttons["complaint"])
    qtbot.waitUntil(lambda: "dialihkan ke Pengaduan PMI" in one.console.message.text())
    act(three, "no_show", "A-001")
    act(three, "call", "A-002")  # transferred, it keeps its place ahead of C-001
    board_calls("A-002", 3)
    act(three, "start", "A-002")
    act(three, "finish", "A-002")
    act(one, "call", "B-001")
    board_calls("B-001", 4)
    qtbot.waitUntil(lambda: board.strip.numbers[1].text() == "B-001")
    assert board.strip.numbers[3].text() == "—"

    assert speaker.sentences == [
        "Nomor antrian A nol nol dua, silakan menuju loket satu",
        "Nomor antrian A nol nol satu, silakan menuju loket tiga",
        "Nomor antrian A nol nol dua, silakan menuju loket tiga",
        "Nomor antrian B nol nol satu, silakan menuju loket satu",
    ]
    queue = hall.queue
    states = {number: queue.ticket(ticket_id).ticket for number, ticket_id in issued.items()}
    assert states["A-001"].state is TicketState.NO_SHOW
    assert (states["A-002"].state, states["A-002"].service_code) == (TicketState.DONE, "complaint")
    assert states["B-001"].state is TicketState.CALLED
    assert states["C-001"].state is TicketState.WAITING
    for window in (one, three, board):
        window.close()
    kiosk.worker.wait()
