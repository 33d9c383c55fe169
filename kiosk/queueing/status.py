"""The read side of the queue service: what the board, consoles and kiosk show."""

from __future__ import annotations

import math
from datetime import date, datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from kiosk.clock import Clock, aware_now, day_start, local_day
from kiosk.db import Database
from kiosk.models import ServiceDay, Ticket, TicketEvent
from kiosk.queueing.hours import is_open
from kiosk.queueing.ratio import call_order, replay
from kiosk.queueing.records import counter_calls
from kiosk.queueing.states import (
    UNKNOWN_COUNTER,
    UNKNOWN_SERVICE,
    UNKNOWN_TICKET,
    EventKind,
    IllegalTransitionError,
    QueueError,
    TicketRefusedError,
    TicketState,
)
from kiosk.queueing.views import (
    BoardSnapshot,
    CallView,
    ConsoleSnapshot,
    CounterNow,
    ServiceStatus,
    TicketDetail,
    TicketView,
    WaitingTicket,
    event_view,
    ticket_view,
)
from kiosk.queueing.waits import active_counters, estimate_minutes, typical_service_minutes
from kiosk.settings import CounterSection, ServiceSection, Settings

ChangeMarker = tuple[int, int, int]
_MISSED = frozenset({TicketState.NO_SHOW, TicketState.CANCELLED})
"""A called ticket in these states calls nobody any more (the board's "now calling")."""


class QueueReads:
    """Read-only queries of the queue, each in one read transaction.

    Args:
        db: the hall database.
        settings: the site configuration (services, counters, time zone).
        clock: the hall's clock.
    """

    def __init__(self, db: Database, settings: Settings, clock: Clock) -> None:
        self._settings = settings
        self._db = db
        self._clock = clock
        self._zone = settings.site.zone

    def _now(self) -> datetime:
        return aware_now(self._clock)

    def _today(self, now: datetime) -> date:
        return local_day(now, self._zone)

    def _service(self, code: str) -> ServiceSection:
        try:
            return self._settings.service(code)
        except KeyError:
            raise TicketRefusedError(UNKNOWN_SERVICE, service=code) from None

    def _counter(self, number: int) -> CounterSection:
        for counter in self._settings.counters:
            if counter.number == number:
                return counter
        raise IllegalTransitionError(UNKNOWN_COUNTER, counter=number)

    def _counters_of(self, service_code: str) -> list[int]:
        return [c.number for c in self._settings.counters if service_code in c.services]

    def _people_ahead(
        self,
        session: Session,
        service_code: str,
        day: date,
        priority_only: bool,
        before: Ticket | None = None,
    ) -> int:
        """Waiting tickets of a queue (only priority ones; only those called `before` one)."""
        query = select(func.count()).where(
            Ticket.state == TicketState.WAITING,
            Ticket.day == day,
            Ticket.service_code == service_code,
        )
        if priority_only:
            query = query.where(Ticket.priority.is_(True))
        if before is not None:  # the calling order: queued_at, then id
            query = query.where(
                or_(
                    Ticket.queued_at < before.queued_at,
                    and_(Ticket.queued_at == before.queued_at, Ticket.id < before.id),
                )
            )
        return session.scalar(query) or 0

    def _estimate(self, session: Session, service_code: str, ahead: int, now: datetime) -> int:
        config = self._settings.queue
        minutes = typical_service_minutes(
            session, service_code, day_start(self._today(now), self._zone), config
        )
        counters = active_counters(session, self._counters_of(service_code), now, config)
        return estimate_minutes(ahead, minutes, counters)

    def services_status(self) -> list[ServiceStatus]:
        """Every configured service with its queue, estimated wait and whether it issues now."""
        now = self._now()
        with self._db.reads() as session:
            return self._services_status(session, now)

    def now_serving(self) -> list[CounterNow]:
        """Each configured counter with the ticket it has called or is serving today."""
        now = self._now()
        with self._db.reads() as session:
            return self._now_serving(session, now)

    def last_calls(self, limit: int = 10) -> list[CallView]:
        """Today's latest calls and recalls, newest first (the board's list)."""
        now = self._now()
        with self._db.reads() as session:
            return self._last_calls(session, now, limit)

    def waiting_list(self, counter_number: int) -> list[WaitingTicket]:
        """The visitors a counter can call, in the order it would call them (priority mix)."""
        counter = self._counter(counter_number)
        now = self._now()
        with self._db.reads() as session:
            return self._waiting_list(session, counter, now)

    def ticket(self, ticket_id: int) -> TicketDetail:
        """A ticket with its history.

        Raises:
            QueueError: no such ticket (key ``queue.unknown_ticket``).
        """
        with self._db.reads() as session:
            return self._ticket(session, ticket_id)

    def board(self, last_calls: int, seen: int | None) -> BoardSnapshot:
        """What the hall display board shows now, read in one transaction.

        Args:
            last_calls: how many of today's latest calls to list.
            seen: the newest call event the board has already shown (None on its first read,
                when nothing is announced: those calls were made before the board started).
        """
        now = self._now()
        with self._db.reads() as session:
            calls = self._last_calls(session, now, last_calls)
            counters = self._now_serving(session, now)
            services = self._services_status(session, now)
        announce = () if seen is None else tuple(c for c in reversed(calls) if c.event_id > seen)
        return BoardSnapshot(calls=calls, counters=counters, services=services, announce=announce)

    def console(self, counter_number: int, supervisor: bool) -> ConsoleSnapshot:
        """What one staff console shows now, read in one transaction.

        Args:
            counter_number: the counter the console works.
            supervisor: whether to include every service's figures (the supervisor's panel).
        """
        counter = self._counter(counter_number)
        now = self._now()
        with self._db.reads() as session:
            held = self._held_tickets(session, now).get(counter.number)
            return ConsoleSnapshot(
                held=self._ticket(session, held.id) if held is not None else None,
                waiting=self._waiting_list(session, counter, now),
                services=self._services_status(session, now) if supervisor else [],
            )

    def _services_status(self, session: Session, now: datetime) -> list[ServiceStatus]:
        day = self._today(now)
        days = {
            row.service_code: row
            for row in session.scalars(select(ServiceDay).where(ServiceDay.day == day))
        }
        result = []
        for service in self._settings.services:
            waiting = self._people_ahead(session, service.code, day, priority_only=False)
            row = days.get(service.code)
            result.append(
                ServiceStatus(
                    code=service.code,
                    letter=service.letter,
                    waiting=waiting,
                    priority_waiting=self._people_ahead(session, service.code, day, True),
                    estimated_wait_minutes=self._estimate(session, service.code, waiting, now),
                    open_now=is_open(service, now, self._zone),
                    closed_today=bool(row and row.closed),
                    quota=(row.quota if row and row.quota else service.daily_quota),
                    issued=row.last_number if row else 0,
                )
            )
        return result

    def _held_tickets(self, session: Session, now: datetime) -> dict[int | None, TicketView]:
        return {
            t.counter_number: ticket_view(t)
            for t in session.scalars(
                select(Ticket).where(
                    Ticket.day == self._today(now),
                    Ticket.state.in_([TicketState.CALLED, TicketState.SERVING]),
                )
            )
        }

    def _now_serving(self, session: Session, now: datetime) -> list[CounterNow]:
        held = self._held_tickets(session, now)
        return [
            CounterNow(counter_number=c.number, location=c.location, ticket=held.get(c.number))
            for c in self._settings.counters
        ]

    def _last_calls(self, session: Session, now: datetime, limit: int) -> list[CallView]:
        rows = session.execute(
            select(TicketEvent, Ticket.number, Ticket.state)
            .join(Ticket, TicketEvent.ticket_id == Ticket.id)
            .where(
                TicketEvent.kind.in_([EventKind.CALLED, EventKind.RECALLED]),
                TicketEvent.at >= day_start(self._today(now), self._zone),
            )
            .order_by(TicketEvent.id.desc())
            .limit(limit)
        ).all()
        return [
            CallView(
                event_id=event.id,
                number=number,
                service_code=event.service_code or "",
                counter_number=event.counter_number or 0,
                at=event.at,
                recall=event.kind == EventKind.RECALLED,
                missed=state in _MISSED,
            )
            for event, number, state in rows
        ]

    def _waiting_list(
        self, session: Session, counter: CounterSection, now: datetime
    ) -> list[WaitingTicket]:
        day = self._today(now)
        tickets = session.scalars(
            select(Ticket)
            .where(
                Ticket.state == TicketState.WAITING,
                Ticket.day == day,
                Ticket.service_code.in_(counter.services),
            )
            .order_by(Ticket.queued_at, Ticket.id)
        ).all()
        calls = counter_calls(session, counter.number, day_start(day, self._zone))
        ratio = self._settings.queue.ratio
        order = call_order(
            [t for t in tickets if t.priority],
            [t for t in tickets if not t.priority],
            replay(calls, ratio),
            ratio,
        )
        return [
            WaitingTicket(
                ticket_id=t.id,
                number=t.number,
                service_code=t.service_code,
                priority=t.priority,
                queued_at=t.queued_at,
                waiting_minutes=math.floor((now - t.queued_at).total_seconds() / 60),
            )
            for t in order
        ]

    def _ticket(self, session: Session, ticket_id: int) -> TicketDetail:
        found = session.get(Ticket, ticket_id)
        if found is None:
            raise QueueError(UNKNOWN_TICKET)
        return TicketDetail(
            ticket=ticket_view(found),
            history=tuple(event_view(event) for event in found.events),
        )

    def change_marker(self) -> ChangeMarker:
        """A cheap value that changes whenever the queue does; poll it and compare.

        It is (last event id, events today, supervisor changes today): the count catches
        an event whose id was drawn before another's but committed after it (PostgreSQL).
        """
        now = self._now()
        day = self._today(now)
        with self._db.reads() as session:
            last_id, today = session.execute(
                select(func.coalesce(func.max(TicketEvent.id), 0), func.count()).where(
                    TicketEvent.at >= day_start(day, self._zone)
                )
            ).one()
            revisions = session.scalar(
                select(func.coalesce(func.sum(ServiceDay.revision), 0)).where(ServiceDay.day == day)
            )
        return int(last_id), int(today), int(revisions or 0)
