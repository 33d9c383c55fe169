"""Query helpers of the queue's write side; they take a Session and never commit.

Numbers and calls stay unique under concurrency because every helper that reads to
decide a write locks what it read: on SQLite the whole write transaction already holds
the database (``BEGIN IMMEDIATE``); on PostgreSQL the service-day row and the counter row
are locked ``FOR UPDATE`` and waiting tickets are taken ``FOR UPDATE SKIP LOCKED``.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from kiosk.models import Counter, ServiceDay, Ticket, TicketEvent
from kiosk.queueing.entries import ticket_entry
from kiosk.queueing.states import HELD, EventKind, TicketState, advance
from kiosk.records import Fresh, add_fresh
from kiosk.references import RefKind
from kiosk.sync import outbox


def lock_service_day(session: Session, service_code: str, day: date) -> ServiceDay:
    """The service's row for ``day``, created if missing, locked until the transaction ends."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.execute(
        insert(ServiceDay)
        .values(service_code=service_code, day=day, last_number=0, closed=False, revision=0)
        .on_conflict_do_nothing()
    )
    return session.scalars(
        select(ServiceDay)
        .where(ServiceDay.service_code == service_code, ServiceDay.day == day)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()


def add_ticket(session: Session, ticket: Ticket) -> Ticket:
    """Insert a ticket under a fresh reference and token (drawn again on a clash)."""

    def stamped(fresh: Fresh) -> Ticket:
        ticket.reference = fresh.reference
        ticket.public_token = fresh.public_token
        return ticket

    return add_fresh(session, RefKind.TICKET, ticket.day, stamped)


def record(
    session: Session,
    ticket: Ticket,
    kind: EventKind,
    at: datetime,
    *,
    counter_number: int | None = None,
    staff_id: int | None = None,
) -> None:
    """Move the ticket by ``kind`` and append the event, in the caller's transaction.

    Every event of a ticket goes through here, its issue too, and each adds its outbox
    entry beside it, so the centre hears of every one.

    Raises:
        IllegalTransitionError: the ticket's state does not allow ``kind``.
    """
    if kind is not EventKind.ISSUED:
        ticket.state = advance(TicketState(ticket.state), kind)
    session.add(
        TicketEvent(
            ticket_id=ticket.id,
            kind=kind,
            at=at,
            counter_number=counter_number,
            staff_id=staff_id,
            service_code=ticket.service_code,
        )
    )
    outbox.record(session, ticket_entry(ticket, kind, at, counter_number))


def lock_counter(session: Session, counter_number: int) -> None:
    """Serialise the actions of one counter (two consoles on one counter take turns)."""
    session.execute(
        select(Counter.number).where(Counter.number == counter_number).with_for_update()
    )


def held_ticket(session: Session, counter_number: int, day: date) -> Ticket | None:
    """Today's ticket the counter has called or is serving, locked."""
    return session.scalars(
        select(Ticket)
        .where(
            Ticket.counter_number == counter_number,
            Ticket.state.in_(list(HELD)),
            Ticket.day == day,
        )
        .with_for_update()
    ).first()


def counter_calls(session: Session, counter_number: int, since: datetime) -> list[bool]:
    """Whether each call of the counter since ``since`` was a priority visitor, oldest first."""
    return list(
        session.scalars(
            select(Ticket.priority)
            .join(TicketEvent, TicketEvent.ticket_id == Ticket.id)
            .where(
                TicketEvent.kind == EventKind.CALLED,
                TicketEvent.counter_number == counter_number,
                TicketEvent.at >= since,
            )
            .order_by(TicketEvent.id)
        )
    )


def next_waiting(
    session: Session, services: Collection[str], day: date, priority: bool
) -> Ticket | None:
    """The longest-waiting ticket of today in ``services``, skipping any another counter holds."""
    return session.scalars(
        select(Ticket)
        .where(
            Ticket.state == TicketState.WAITING,
            Ticket.day == day,
            Ticket.service_code.in_(list(services)),
            Ticket.priority == priority,
        )
        .order_by(Ticket.queued_at, Ticket.id)
        .limit(1)
        .with_for_update(skip_locked=True)
    ).first()
