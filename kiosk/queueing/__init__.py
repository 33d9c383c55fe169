"""The queue engine (antrian): numbers, calls, states, estimated waits and day figures."""

from kiosk.queueing.service import QueueService
from kiosk.queueing.states import (
    EventKind,
    IllegalTransitionError,
    QueueError,
    TicketRefusedError,
    TicketState,
    rebuild_state,
)
from kiosk.queueing.status import ChangeMarker
from kiosk.queueing.views import (
    CallView,
    CounterNow,
    EventView,
    IssuedTicket,
    ServiceDayView,
    ServiceStatus,
    TicketDetail,
    TicketView,
    WaitingTicket,
)

__all__ = [
    "CallView",
    "ChangeMarker",
    "CounterNow",
    "EventKind",
    "EventView",
    "IllegalTransitionError",
    "IssuedTicket",
    "QueueError",
    "QueueService",
    "ServiceDayView",
    "ServiceStatus",
    "TicketDetail",
    "TicketRefusedError",
    "TicketState",
    "TicketView",
    "WaitingTicket",
    "rebuild_state",
]
