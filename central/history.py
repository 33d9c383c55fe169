"""A ticket's history as the centre keeps it: the moves its hall may report, and its projection.

The moves are the hall's queue engine's, as the wire contract states them
(``contract.TICKET_MOVES``); the state names below are its wire words. The centre never
decides a move: it checks that what a hall reports is a move the engine could have made, and
derives a ticket's state, service, counter and moments from its events in time order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from kiosk.sync import contract

WAITING: Final = "waiting"
CALLED: Final = "called"
SERVING: Final = "serving"
DONE: Final = "done"
NO_SHOW: Final = "no_show"
CANCELLED: Final = "cancelled"
NONE: Final = "none"
"""The state before a ticket is issued (for a refusal's reason)."""

ISSUED: Final = "issued"
TRANSFERRED: Final = "transferred"
MOVES: Final = contract.TICKET_MOVES
"""(state before, event) → state after; a transfer puts the ticket back in a queue."""
ENDED: Final = frozenset({DONE, NO_SHOW, CANCELLED})


@dataclass(frozen=True)
class Step:
    """One event of a ticket's history; ``service_code`` is the ticket's service after it."""

    entry_id: str
    event: str
    at: datetime
    counter_number: int | None = None
    service_code: str | None = None

    @property
    def key(self) -> tuple[bool, datetime, str]:
        """The step's place in the history: the issue first, then by moment and entry id.

        The issue opens the history even when another device's clock put an event before it.
        """
        return (self.event != ISSUED, self.at, self.entry_id)


def _key(step: Step) -> tuple[bool, datetime, str]:
    return step.key


@dataclass(frozen=True)
class Projection:
    """What a ticket's history makes of it."""

    state: str
    service_code: str
    counter_number: int | None = None
    called_at: datetime | None = None
    finished_at: datetime | None = None


def project(steps: Iterable[Step]) -> Projection | None:
    """The ticket its steps make, in order; ``None`` without an ``issued`` step.

    A step the history before it does not allow is skipped. Only a step accepted before an
    earlier one had arrived can be, and only until that earlier one (sent again by the
    hall) lands in its place.
    """
    state: str | None = None
    service = ""
    counter: int | None = None
    called_at: datetime | None = None
    finished_at: datetime | None = None
    for step in sorted(steps, key=_key):
        event = step.event
        if event == ISSUED:
            state, service = WAITING, step.service_code or ""
            counter = called_at = finished_at = None
            continue
        after = MOVES.get((state, event)) if state is not None else None
        if after is None:
            continue
        state, service = after, step.service_code or service
        if event == TRANSFERRED:
            counter = called_at = None
        elif after == CALLED:
            counter, called_at = step.counter_number, step.at
        if after in ENDED:
            finished_at = step.at
    if state is None:
        return None
    return Projection(state, service, counter, called_at, finished_at)


def state_before(steps: Iterable[Step], step: Step) -> str:
    """The ticket's state just before ``step``'s place in the history (``none`` if unissued)."""
    key = step.key
    before = project(s for s in steps if s.key < key)
    return before.state if before is not None else NONE


def allowed(steps: Iterable[Step], step: Step) -> bool:
    """Whether the history before ``step``'s place allows it."""
    return (state_before(steps, step), step.event) in MOVES
