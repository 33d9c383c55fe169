"""The display board with a morning's calls, for ``python -m tools.screenshots``."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from kiosk.hall import Hall
from kiosk.queueing.service import QueueService
from kiosk.queueing.states import TicketState
from ui.board.window import BoardWindow

Save = Callable[[QWidget, str], None]
Settle = Callable[[Callable[[], bool]], None]


class _Silent:
    """A speaker that says nothing (screenshots are taken without sound)."""

    def say(self, sentence: str) -> None:
        """Say nothing."""

    def stop(self) -> None:
        """Nothing to stop."""


def _call(queue: QueueService, counter: int) -> str:
    held = next(c.ticket for c in queue.now_serving() if c.counter_number == counter)
    if held is not None:
        if held.state is TicketState.CALLED:
            queue.start(counter)
        queue.finish(counter)
    called = queue.call_next(counter)
    return called.number if called else "—"


def walk(hall: Hall, save: Save, settle: Settle) -> None:
    """The board after a call at every counter, then flashing a recall."""
    queue = hall.queue
    board = BoardWindow(hall, speaker=_Silent())
    board.show()
    settle(lambda: board.services.rowCount() > 0)
    for counter in (2, 3, 1):
        number = _call(queue, counter)
        settle(lambda n=number: board.hero.number.text() == n)  # type: ignore[misc]
    settle(lambda: board.hero.flashes_left <= 0)
    save(board, "board-id")
    queue.recall(1)
    settle(lambda: bool(board.hero.property("flash")))
    save(board, "board-flash-id")
    board.close()
