"""Benchmark: the delay from a call through ``QueueService`` to the board showing it.

Runs the real board window offscreen on a demo SQLite hall. Calls are made in this
process, then in a second process on the same database file (as another console would).
Each delay runs from ``call_next`` returning (committed) to the board's big number
showing the ticket. Prints median and p95 over ``CALLS`` calls each; target under 300 ms.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from multiprocessing.connection import Connection
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication

from kiosk.hall import open_hall
from kiosk.queueing.report import percentile
from kiosk.queueing.service import QueueService
from kiosk.settings import PROJECT_CONFIG, DatabaseSection, PrinterSection, Settings, load_settings
from ui.app import application
from ui.board.window import BoardWindow

CALLS = 30
COUNTER = 1
MONDAY_MORNING = datetime(2026, 11, 23, 2, 30, tzinfo=UTC)


def _clock() -> datetime:
    return MONDAY_MORNING


def _settings(folder: Path) -> Settings:
    return load_settings(PROJECT_CONFIG).model_copy(
        update={
            "database": DatabaseSection(url=f"sqlite:///{folder / 'hall.sqlite3'}"),
            "printer": PrinterSection(spool_dir=str(folder / "spool")),
        }
    )


def _call(queue: QueueService) -> tuple[str, float]:
    """Free the counter, call the next visitor; the number and when the call was committed."""
    if any(c.counter_number == COUNTER and c.ticket for c in queue.now_serving()):
        queue.no_show(COUNTER)
    called = queue.call_next(COUNTER)
    committed = time.monotonic()  # system-wide on Linux: comparable across processes
    assert called is not None
    return called.number, committed


def _second_process(folder: str, orders: Connection) -> None:
    """Call whenever the board process asks, and say which number and when."""
    hall = open_hall(_settings(Path(folder)), _clock)
    queue = hall.queue
    while orders.recv():
        orders.send(_call(queue))
    hall.close()


class _Silent:
    """The board's speaker, mute for the benchmark."""

    def say(self, sentence: str) -> None:
        """Say nothing."""

    def stop(self) -> None:
        """Nothing to stop."""


def _pump(until: Callable[[], bool], timeout_s: float = 5.0) -> float:
    deadline = time.monotonic() + timeout_s
    while not until():
        QCoreApplication.processEvents()
        if time.monotonic() > deadline:
            raise TimeoutError("the board did not show the call in 5 s")
    return time.monotonic()


def _idle(seconds: float) -> None:
    end = time.monotonic() + seconds
    _pump(lambda: time.monotonic() >= end)


def _measure(board: BoardWindow, call: Callable[[], tuple[str, float]]) -> list[float]:
    delays = []
    for _ in range(CALLS):
        _idle(random.uniform(0.05, 0.3))  # calls come at any moment of the polling cycle
        number, committed = call()
        shown = _pump(lambda n=number: board.hero.number.text() == n)  # type: ignore[misc]
        delays.append((shown - committed) * 1000)
    return delays


def _report(label: str, delays: list[float]) -> None:
    p95 = percentile(delays, 0.95) or 0.0
    verdict = "ok" if p95 < 300 else "OVER TARGET"
    print(
        f"{label}: median {statistics.median(delays):.0f} ms, p95 {p95:.0f} ms, "
        f"max {max(delays):.0f} ms over {len(delays)} calls (target p95 < 300 ms: {verdict})"
    )


def main() -> None:
    """Print the call-to-board delay for calls from this process and from a second one."""
    application()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        hall = open_hall(_settings(folder), _clock)
        queue = hall.queue
        for _ in range(CALLS * 2 + 2):
            queue.issue_ticket("jobs")
        board = BoardWindow(hall, speaker=_Silent())
        board.resize(1920, 1080)
        board.show()
        _pump(lambda: board.services.rowCount() > 0)
        _report("call in the board's process", _measure(board, lambda: _call(queue)))
        ours, theirs = multiprocessing.get_context("spawn").Pipe()
        child = multiprocessing.get_context("spawn").Process(
            target=_second_process, args=(scratch, theirs)
        )
        child.start()

        def remote_call() -> tuple[str, float]:
            ours.send(True)
            number, committed = ours.recv()
            return str(number), float(committed)

        _report("call from a second process", _measure(board, remote_call))
        ours.send(False)
        child.join(10)
        board.close()
        hall.close()


if __name__ == "__main__":
    main()
