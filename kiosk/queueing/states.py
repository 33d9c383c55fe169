"""Ticket states and the events that move them: the one transition table, and its errors."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Final

from kiosk.errors import InvalidInput


class TicketState(enum.StrEnum):
    """Where a ticket (nomor antrian) stands; stored in ``tickets.state``."""

    WAITING = "waiting"
    CALLED = "called"
    SERVING = "serving"
    DONE = "done"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"


class SlipState(enum.StrEnum):
    """How a ticket's slip came out; stored in ``tickets.slip`` (None: no slip asked for)."""

    PRINTING = "printing"
    """Sent to the printer; still so when the kiosk stopped before the printer answered."""
    PRINTED = "printed"
    FAILED = "failed"


class EventKind(enum.StrEnum):
    """What happened to a ticket; stored in ``ticket_events.kind``, append-only."""

    ISSUED = "issued"
    CALLED = "called"
    RECALLED = "recalled"
    STARTED = "started"
    FINISHED = "finished"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"
    TRANSFERRED = "transferred"


_W, _C, _S = TicketState.WAITING, TicketState.CALLED, TicketState.SERVING
# (state before, event) -> state after. A transfer puts the visitor back in a queue
# (another service's) with the original queue time, so it ends in WAITING.
TRANSITIONS: Final[dict[tuple[TicketState, EventKind], TicketState]] = {
    (_W, EventKind.CALLED): _C,
    (_C, EventKind.RECALLED): _C,
    (_C, EventKind.STARTED): _S,
    (_S, EventKind.FINISHED): TicketState.DONE,
    (_C, EventKind.NO_SHOW): TicketState.NO_SHOW,
    (_W, EventKind.CANCELLED): TicketState.CANCELLED,
    (_C, EventKind.CANCELLED): TicketState.CANCELLED,
    (_C, EventKind.TRANSFERRED): _W,
    (_S, EventKind.TRANSFERRED): _W,
}
HELD: Final = frozenset({_C, _S})  # states in which a counter holds the ticket

UNKNOWN_SERVICE: Final = "queue.unknown_service"
CLOSED_NOW: Final = "queue.closed_now"
CLOSED_TODAY: Final = "queue.closed_today"
QUOTA_REACHED: Final = "queue.quota_reached"
PRIORITY_NOT_OFFERED: Final = "queue.priority_not_offered"
UNKNOWN_COUNTER: Final = "queue.unknown_counter"
UNKNOWN_TICKET: Final = "queue.unknown_ticket"
UNKNOWN_STAFF: Final = "queue.unknown_staff"
COUNTER_BUSY: Final = "queue.counter_busy"
COUNTER_IDLE: Final = "queue.counter_idle"
NOT_ALLOWED: Final = "queue.not_allowed"
SAME_SERVICE: Final = "queue.same_service"
BAD_QUOTA: Final = "queue.bad_quota"
SUPERVISORS_ONLY: Final = "queue.supervisors_only"
MESSAGE_KEYS: Final = frozenset(
    {
        UNKNOWN_SERVICE,
        CLOSED_NOW,
        CLOSED_TODAY,
        QUOTA_REACHED,
        PRIORITY_NOT_OFFERED,
        UNKNOWN_COUNTER,
        UNKNOWN_TICKET,
        UNKNOWN_STAFF,
        COUNTER_BUSY,
        COUNTER_IDLE,
        NOT_ALLOWED,
        SAME_SERVICE,
        BAD_QUOTA,
        SUPERVISORS_ONLY,
    }
)


class QueueError(InvalidInput):
    """A queue operation that cannot be done; ``key`` names the reason in the catalogs."""


class TicketRefusedError(QueueError):
    """No ticket was issued (unknown or closed service, quota reached, no priority)."""


class IllegalTransitionError(QueueError):
    """A counter or supervisor action that the ticket's or counter's state does not allow."""


def advance(state: TicketState, kind: EventKind) -> TicketState:
    """The state after ``kind`` happens to a ticket in ``state``.

    Raises:
        IllegalTransitionError: the table has no such move (key ``queue.not_allowed``).
    """
    after = TRANSITIONS.get((state, kind))
    if after is None:
        raise IllegalTransitionError(NOT_ALLOWED, state=state.value, action=kind.value)
    return after


def rebuild_state(kinds: Iterable[EventKind | str]) -> TicketState:
    """A ticket's state replayed from its event kinds, oldest first (the first is ``issued``).

    Raises:
        IllegalTransitionError: the history is not one the engine could have written.
    """
    events = iter(kinds)
    if EventKind(next(events, EventKind.CALLED)) is not EventKind.ISSUED:
        raise IllegalTransitionError(NOT_ALLOWED, state="none", action="history")
    state = TicketState.WAITING
    for kind in events:
        state = advance(state, EventKind(kind))
    return state
