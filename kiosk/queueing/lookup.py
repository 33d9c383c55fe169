"""One ticket as its owner asks about it (Cek Status): where it stands, who is ahead, the wait.

:func:`find_ticket` takes the caller's read session and never commits, so that Cek Status
reads a ticket, its queue and the estimate in one transaction. The people ahead are counted
as the central service's ticket page counts them, and the wait is the queue's own estimate
(:mod:`kiosk.queueing.waits`), so the kiosk, the slip and the phone agree.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime
from typing import Final

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from kiosk.clock import day_start, local_day
from kiosk.models import Ticket, TicketEvent
from kiosk.queueing.states import EventKind, TicketState
from kiosk.queueing.waits import active_counters, estimate_minutes, typical_service_minutes
from kiosk.settings import Settings


class TicketPhase(enum.StrEnum):
    """Where a ticket stands as its owner is told: its state, and a little more."""

    WAITING = "waiting"
    CALLED = "called"
    SERVING = "serving"
    DONE = "done"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"
    TRANSFERRED = "transferred"
    """Waiting again, in the queue of another service."""
    EXPIRED = "expired"
    """Still open on a day that is over: the number is no longer called."""


_FINAL: Final = frozenset({TicketState.DONE, TicketState.NO_SHOW, TicketState.CANCELLED})
_QUEUED: Final = frozenset({TicketPhase.WAITING, TicketPhase.TRANSFERRED})


@dataclass(frozen=True, slots=True)
class TicketStanding:
    """A ticket of this hall as Cek Status shows it; the figures only while it is queued.

    ``service_code`` is the queue it is in now (a transfer's target); ``counter_number`` the
    counter that called or serves it, only while it does.
    """

    reference: str
    number: str
    service_code: str
    day: date
    priority: bool
    phase: TicketPhase
    counter_number: int | None
    people_ahead: int | None
    estimated_wait_minutes: int | None


def find_ticket(
    session: Session,
    settings: Settings,
    now: datetime,
    *,
    reference: str | None = None,
    token: str | None = None,
) -> TicketStanding | None:
    """The ticket with a canonical ``reference`` or a public ``token``; None if this hall has none.

    Args:
        session: the caller's read session.
        settings: the site configuration (zone, counters, the estimate's settings).
        now: the moment the caller reads at (the hall's clock).
        reference: a canonical reference (``Q-261123-7K3M``).
        token: the public token of the slip's QR code.
    """
    if (reference is None) == (token is None):
        raise ValueError("give a reference or a token")
    column = Ticket.reference if reference is not None else Ticket.public_token
    ticket = session.scalars(select(Ticket).where(column == (reference or token))).first()
    if ticket is None:
        return None
    zone = settings.site.zone
    today = local_day(now, zone)
    phase = _phase(session, ticket, today)
    ahead = wait = None
    if phase in _QUEUED:
        ahead = people_ahead(session, ticket)
        config = settings.queue
        minutes = typical_service_minutes(
            session, ticket.service_code, day_start(today, zone), config
        )
        counters = [c.number for c in settings.counters if ticket.service_code in c.services]
        wait = estimate_minutes(ahead, minutes, active_counters(session, counters, now, config))
    held = phase in (TicketPhase.CALLED, TicketPhase.SERVING)
    return TicketStanding(
        reference=ticket.reference,
        number=ticket.number,
        service_code=ticket.service_code,
        day=ticket.day,
        priority=ticket.priority,
        phase=phase,
        counter_number=ticket.counter_number if held else None,
        people_ahead=ahead,
        estimated_wait_minutes=wait,
    )


def people_ahead(session: Session, ticket: Ticket) -> int:
    """Waiting tickets of the same queue and day queued before this one.

    A priority ticket counts only the priority tickets ahead of it: they are called first.
    """
    earlier = or_(
        Ticket.queued_at < ticket.queued_at,
        and_(Ticket.queued_at == ticket.queued_at, Ticket.id < ticket.id),
    )
    query = select(func.count()).where(
        Ticket.state == TicketState.WAITING,
        Ticket.day == ticket.day,
        Ticket.service_code == ticket.service_code,
        Ticket.id != ticket.id,
        earlier,
    )
    if ticket.priority:
        query = query.where(Ticket.priority.is_(True))
    return session.scalar(query) or 0


def _phase(session: Session, ticket: Ticket, today: date) -> TicketPhase:
    state = TicketState(ticket.state)
    if state in _FINAL:
        return TicketPhase(state.value)
    if ticket.day < today:
        return TicketPhase.EXPIRED
    if state is TicketState.WAITING:
        last = session.scalars(
            select(TicketEvent.kind)
            .where(TicketEvent.ticket_id == ticket.id)
            .order_by(TicketEvent.id.desc())
            .limit(1)
        ).first()
        if last == EventKind.TRANSFERRED:
            return TicketPhase.TRANSFERRED
    return TicketPhase(state.value)
