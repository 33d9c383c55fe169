"""The display board: calls from the core shown, flashed and spoken; lists, running text, time."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from kiosk.demo import seed_demo
from kiosk.hall import Hall
from kiosk.queueing.service import QueueService
from tests.helpers.clock import FakeClock
from tests.helpers.hall_faces import RecordingSpeaker, show
from ui.board.window import BoardWindow
from ui.hall_events import POLL_MS


@pytest.fixture
def queue(hall: Hall, clock: FakeClock) -> QueueService:
    return hall.queue


@pytest.fixture
def speaker() -> RecordingSpeaker:
    return RecordingSpeaker()


@pytest.fixture
def board(
    qtbot: QtBot, hall: Hall, clock: FakeClock, speaker: RecordingSpeaker, queue: QueueService
) -> Iterator[BoardWindow]:
    window = BoardWindow(hall, speaker=speaker)
    show(qtbot, window)
    qtbot.waitUntil(lambda: window.services.rowCount() == 4)
    yield window
    window.close()


def test_a_call_through_the_core_is_shown_flashed_and_spoken(
    qtbot: QtBot, board: BoardWindow, queue: QueueService, speaker: RecordingSpeaker
) -> None:
    queue.issue_ticket("complaint")
    with qtbot.waitSignal(board.call_shown, timeout=POLL_MS * 4) as shown:
        queue.call_next(3)
    assert shown.args == ["C-001"]
    assert board.hero.number.text() == "C-001"
    assert board.hero.counter.text() == "LOKET 3"
    assert board.hero.location.text() == "Ruang KP2MI, Lantai 1"
    assert board.hero.property("flash") is True
    assert speaker.sentences == ["Nomor antrian C nol nol satu, silakan menuju loket tiga"]
    qtbot.waitUntil(lambda: board.hero.property("flash") is False and board.hero.flashes_left <= 0)
    qtbot.waitUntil(lambda: board.strip.numbers[3].text() == "C-001")
    assert board.last_calls.data(board.last_calls.index(0, 1)) == "Loket 3"


def test_a_recall_is_spoken_again_and_older_calls_are_not(
    qtbot: QtBot, hall: Hall, clock: FakeClock, queue: QueueService
) -> None:
    queue.issue_ticket("jobs")
    queue.issue_ticket("jobs")
    queue.call_next(1)  # before the board starts: shown, not spoken
    speaker = RecordingSpeaker()
    board = BoardWindow(hall, speaker=speaker)
    show(qtbot, board)
    qtbot.waitUntil(lambda: board.hero.number.text() == "A-001")
    assert board.hero.property("flash") is False
    with qtbot.waitSignal(board.call_shown, timeout=POLL_MS * 4):
        queue.recall(1)
    assert speaker.sentences == ["Nomor antrian A nol nol satu, silakan menuju loket satu"]
    assert board.last_calls.data(board.last_calls.index(0, 2)) == "09.00 ↻"
    board.close()
    assert speaker.stopped


def test_a_no_show_is_no_longer_shown_as_now_calling(
    qtbot: QtBot, board: BoardWindow, queue: QueueService
) -> None:
    queue.issue_ticket("jobs")
    with qtbot.waitSignal(board.call_shown, timeout=POLL_MS * 4):
        queue.call_next(1)
    assert board.hero.number.text() == "A-001"
    queue.no_show(1)
    qtbot.waitUntil(lambda: board.hero.number.text() == "—", timeout=POLL_MS * 4)
    assert not board.hero.counter.isVisible()
    qtbot.waitUntil(lambda: board.strip.numbers[1].text() == "—")
    queue.issue_ticket("jobs")
    with qtbot.waitSignal(board.call_shown, timeout=POLL_MS * 4):
        queue.call_next(1)
    assert board.hero.number.text() == "A-002"


def test_two_calls_between_polls_are_both_spoken_in_order(
    qtbot: QtBot, board: BoardWindow, queue: QueueService, speaker: RecordingSpeaker
) -> None:
    queue.issue_ticket("jobs")
    queue.issue_ticket("placement")
    board.events.stop()
    queue.call_next(1)
    queue.call_next(2)
    board.events.start()
    qtbot.waitUntil(lambda: len(speaker.sentences) == 2)
    assert speaker.sentences[1].endswith("menuju loket dua")
    assert board.hero.number.text() == "B-001"


def test_queues_per_service_with_waiting_and_estimate(
    qtmodeltester: ModelTester, qtbot: QtBot, board: BoardWindow, hall: Hall, queue: QueueService
) -> None:
    for _ in range(3):
        queue.issue_ticket("jobs")
    model = board.services
    qtbot.waitUntil(lambda: model.data(model.index(0, 1)) == "3")
    qtmodeltester.check(model)
    assert model.data(model.index(0, 0)) == "A  Informasi Lowongan Kerja"
    assert model.data(model.index(0, 2)) == "± 15 menit"  # 3 waiting × 5 min ÷ 1 counter
    seed_demo(hall)
    queue.close_today("opp", hall.staff.member("kepala"))
    qtbot.waitUntil(lambda: model.data(model.index(3, 2)) == "Tutup")


def test_the_last_calls_model(
    qtmodeltester: ModelTester, qtbot: QtBot, board: BoardWindow, queue: QueueService
) -> None:
    for _ in range(2):
        queue.issue_ticket("jobs")
    queue.call_next(1)
    queue.call_next(3)
    qtbot.waitUntil(lambda: board.last_calls.rowCount() == 2)
    qtmodeltester.check(board.last_calls)
    assert board.last_calls.data(board.last_calls.index(0, 0)) == "A-002"


def test_running_text_date_and_time(qtbot: QtBot, board: BoardWindow, hall: Hall) -> None:
    text = board.marquee.label.text()
    assert "tidak dipungut biaya penempatan" in text
    assert "Waspada calo" in text
    assert f"Hotline krisis PMI (gratis, 24 jam): {hall.settings.site.hotline}" in text
    assert "Beware of brokers" in text
    start = board.marquee.label.x()
    qtbot.waitUntil(lambda: board.marquee.label.x() < start)
    assert board.header.date.text() == "Senin, 23 November 2026"
    assert board.header.time.text() == "09.00"
