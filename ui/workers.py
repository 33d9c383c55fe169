"""One small background task per user action; results come back on the GUI thread.

Tasks run on Python's own thread pool and never see a Qt object: the callbacks stay in
a table on the GUI thread, keyed by task number; outcomes go into a thread-safe queue,
and an argument-less signal wakes the GUI thread to deliver them.
"""

from __future__ import annotations

import queue
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

Callbacks = tuple[Callable[[Any], None], Callable[[Exception], None]]
Outcome = tuple[int, bool, Any]


class Worker(QObject):
    """Runs tasks off the GUI thread and calls back on it; ``work`` must not touch Qt."""

    _ready = Signal()

    def __init__(self, parent: QObject | None = None, threads: int = 2):
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="kiosk-task")
        self._running: set[Future[None]] = set()
        self._callbacks: dict[int, Callbacks] = {}
        self._next_task = 0
        self._outcomes: queue.SimpleQueue[Outcome] = queue.SimpleQueue()
        self._ready.connect(self._deliver)

    def submit(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[Exception], None],
    ) -> None:
        """Run ``work`` off the GUI thread; call back on the GUI thread with its outcome."""
        self._next_task += 1
        self._callbacks[self._next_task] = (on_success, on_failure)
        future = self._pool.submit(self._run, work, self._next_task)
        self._running.add(future)
        future.add_done_callback(self._running.discard)

    def _run(self, work: Callable[[], Any], task: int) -> None:
        try:
            outcome: Outcome = (task, True, work())
        except Exception as exc:  # handed to the GUI thread, which decides what to show
            outcome = (task, False, exc)
        self._outcomes.put(outcome)
        self._ready.emit()

    @Slot()
    def _deliver(self) -> None:
        while True:
            try:
                task, succeeded, value = self._outcomes.get_nowait()
            except queue.Empty:
                return
            on_success, on_failure = self._callbacks.pop(task)
            if succeeded:
                on_success(value)
            else:
                on_failure(value)

    def wait(self, msecs: int = 10_000) -> bool:
        """Block until running tasks finish (at shutdown and in tests); False on time-out."""
        _done, pending = wait(list(self._running), timeout=msecs / 1000)
        return not pending
