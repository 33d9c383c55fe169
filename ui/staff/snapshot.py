"""What one console shows, read in one go off the GUI thread (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.queueing.service import QueueService
from kiosk.queueing.views import ServiceStatus, TicketDetail, WaitingTicket


@dataclass(frozen=True, slots=True)
class ConsoleSnapshot:
    """The counter's ticket in hand, its waiting list and (for a supervisor) the services."""

    held: TicketDetail | None
    waiting: list[WaitingTicket]
    services: list[ServiceStatus]


def read_console(queue: QueueService, counter: int, supervisor: bool) -> ConsoleSnapshot:
    """The console's view of the queue now."""
    held = next((c.ticket for c in queue.now_serving() if c.counter_number == counter), None)
    return ConsoleSnapshot(
        held=queue.ticket(held.id) if held is not None else None,
        waiting=queue.waiting_list(counter),
        services=queue.services_status() if supervisor else [],
    )
