"""The hall board fits an HD-ready TV (1366×768, 1280×720) with its type scaled, and full HD."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from kiosk.hall import Hall
from kiosk.queueing.service import QueueService
from tests.helpers.clock import FakeClock
from tests.helpers.fit import fits_everywhere, misfits, sizes
from tests.helpers.hall_faces import RecordingSpeaker, show
from ui.board.window import FULL_HD, BoardWindow


@pytest.fixture
def queue(hall: Hall, clock: FakeClock) -> QueueService:
    """Two visitors waiting for each service."""
    queue = hall.queue
    for code in ("jobs", "placement", "complaint", "opp"):
        for _ in range(2):
            queue.issue_ticket(code)
    return queue


@pytest.fixture
def board(qtbot: QtBot, hall: Hall, queue: QueueService, clock: FakeClock) -> Iterator[BoardWindow]:
    window = BoardWindow(hall, speaker=RecordingSpeaker())
    show(qtbot, window)
    qtbot.waitUntil(lambda: window.services.rowCount() == 4)
    yield window
    window.close()


def test_the_board_with_calls_at_every_counter_fits(
    qtbot: QtBot, board: BoardWindow, queue: QueueService
) -> None:
    for counter in (2, 3, 1):
        queue.call_next(counter)
    qtbot.waitUntil(lambda: all(n.text() != "—" for n in board.strip.numbers.values()))
    qtbot.waitUntil(lambda: board.last_calls.rowCount() == 3)
    fits_everywhere(board, sizes(FULL_HD))


def test_the_board_scales_its_type_with_the_screen(qtbot: QtBot, board: BoardWindow) -> None:
    hero, marquee = board.hero.number, board.marquee
    seen = {}
    for width, height in ((1920, 1080), (1280, 720)):
        assert misfits(board, width, height) == []
        seen[height] = (hero.font().pointSizeF(), marquee.height())
    (full_number, full_marquee), (hd_number, hd_marquee) = seen[1080], seen[720]
    assert hd_number == pytest.approx(full_number * 720 / 1080, rel=0.05)  # still huge
    assert hd_marquee < full_marquee
    assert marquee.label.height() <= marquee.height()
