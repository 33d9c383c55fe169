"""The one bridge from queue changes (any console, kiosk or process) into Qt signals."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from kiosk.queueing.service import QueueService
from kiosk.queueing.status import ChangeMarker
from ui.workers import Worker

log = logging.getLogger(__name__)
POLL_MS = 200


class HallEvents(QObject):
    """Polls the queue's change marker off the GUI thread and says when the queue changed.

    Another console, the kiosk or another machine on the same database is seen within
    one poll plus one read. The first poll always reports a change, so a screen that
    listens shows the queue as it stands without asking.

    Signals:
        queue_changed: the queue is not what it was at the last poll.
    """

    queue_changed = Signal()

    def __init__(self, queue: QueueService, parent: QObject | None = None, poll_ms: int = POLL_MS):
        super().__init__(parent)
        self._queue = queue
        self._marker: ChangeMarker | None = None
        self._polling = False
        self._failing = False
        self._worker = Worker(self, threads=1)
        self._timer = QTimer(self)
        self._timer.setInterval(poll_ms)
        self._timer.timeout.connect(self._poll)

    def start(self) -> None:
        """Poll now and every interval from now on."""
        self._timer.start()
        self._poll()

    def stop(self) -> None:
        """Stop polling and wait for a poll in flight (on close and in tests)."""
        self._timer.stop()
        self._worker.wait()

    @Slot()
    def _poll(self) -> None:
        if self._polling:
            return
        self._polling = True
        self._worker.submit(self._queue.change_marker, self._compare, self._failed)

    def _compare(self, marker: ChangeMarker) -> None:
        self._polling = False
        self._failing = False
        if marker != self._marker:
            self._marker = marker
            self.queue_changed.emit()

    def _failed(self, error: Exception) -> None:
        self._polling = False
        if not self._failing:  # one line per outage, not five a second
            log.warning("cannot read the queue's changes: %s", error)
        self._failing = True
