"""What the board shows, read in one go off the GUI thread (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.queueing.service import QueueService
from kiosk.queueing.views import CallView, CounterNow, ServiceStatus


@dataclass(frozen=True, slots=True)
class BoardSnapshot:
    """Today's latest calls (newest first), each counter's ticket and each service's queue."""

    calls: list[CallView]
    counters: list[CounterNow]
    services: list[ServiceStatus]


def read_board(queue: QueueService, last_calls: int) -> BoardSnapshot:
    """The board's view of the queue now."""
    return BoardSnapshot(
        calls=queue.last_calls(last_calls),
        counters=queue.now_serving(),
        services=queue.services_status(),
    )
