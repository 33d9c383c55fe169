"""The queue use cases: issue a ticket, call, serve, transfer, and the supervisor's day.

Each method is one write transaction and returns frozen views. Counter actions (recall,
start, finish, no-show, transfer) act on the ticket the counter holds today.

A counter holds one ticket at a time: ``call_next`` on a counter whose ticket is still
called or being served is refused (``queue.counter_busy``) and changes nothing. The
officer says what happened to that visitor first — Finish, No-show or Transfer — so the
day's figures never count a visitor as served, or absent, by a slip of the finger.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.clock import day_start
from kiosk.models import Posting, Staff, Ticket
from kiosk.queueing.entries import hall_state
from kiosk.queueing.hours import is_open
from kiosk.queueing.ratio import replay
from kiosk.queueing.records import (
    add_ticket,
    counter_calls,
    held_ticket,
    lock_counter,
    lock_service_day,
    next_waiting,
    record,
)
from kiosk.queueing.report import DayFigures, day_figures
from kiosk.queueing.slip_records import SlipRecords
from kiosk.queueing.states import (
    BAD_QUOTA,
    CLOSED_NOW,
    CLOSED_TODAY,
    COUNTER_BUSY,
    COUNTER_IDLE,
    PRIORITY_NOT_OFFERED,
    QUOTA_REACHED,
    SAME_SERVICE,
    SUPERVISORS_ONLY,
    UNKNOWN_STAFF,
    UNKNOWN_TICKET,
    EventKind,
    IllegalTransitionError,
    QueueError,
    SlipState,
    TicketRefusedError,
    TicketState,
)
from kiosk.queueing.views import (
    IssuedTicket,
    ServiceDayView,
    TicketView,
    posting_line,
    ticket_view,
)
from kiosk.references import public_url
from kiosk.staff import SUPERVISOR, StaffMember
from kiosk.sync import hall_entry


class QueueService(SlipRecords):
    """The hall's queue (antrian): every face of the hall goes through one of these."""

    def issue_ticket(
        self,
        service_code: str,
        priority: bool = False,
        posting_id: int | None = None,
        *,
        slip: bool = False,
    ) -> IssuedTicket:
        """Give the next number of the service for the local day.

        ``posting_id`` attaches the vacancy the visitor came for ("Daftar sekarang"), so
        the officer sees it with the ticket. ``slip``: a slip is printed for it next, so
        the ticket counts as without one until ``slip_printed`` says it printed.

        Raises:
            TicketRefusedError: unknown service, priority not offered, outside opening hours,
                closed for the day, or the day's quota reached; no number is used up.
            LookupError: no posting has ``posting_id``; no number is used up.
        """
        service = self._service(service_code)
        if priority and not service.priority_allowed:
            raise TicketRefusedError(PRIORITY_NOT_OFFERED, service=service_code)
        now = self._now()
        if not is_open(service, now, self._zone):
            raise TicketRefusedError(CLOSED_NOW, service=service_code)
        day = self._today(now)
        # The slip's estimate is read before the writing transaction, which on SQLite holds
        # the whole hall's write lock: the shorter it is, the less the next visitor waits.
        with self._db.reads() as session:
            ahead = self._people_ahead(session, service_code, day, priority)
            wait = self._estimate(session, service_code, ahead, now)
        with self._db.sessions.begin() as session:
            posting = session.get(Posting, posting_id) if posting_id is not None else None
            if posting_id is not None and posting is None:
                raise LookupError(f"no posting {posting_id}")
            service_day = lock_service_day(session, service_code, day)
            if service_day.closed:
                raise TicketRefusedError(CLOSED_TODAY, service=service_code)
            quota = service_day.quota or service.daily_quota
            if service_day.last_number >= quota:
                raise TicketRefusedError(QUOTA_REACHED, service=service_code, quota=quota)
            service_day.last_number += 1
            sequence = service_day.last_number
            ticket = add_ticket(
                session,
                Ticket(
                    issued_service=service_code,
                    service_code=service_code,
                    day=day,
                    sequence=sequence,
                    number=f"{service.letter}-{sequence:03d}",
                    priority=priority,
                    state=TicketState.WAITING,
                    issued_at=now,
                    queued_at=now,
                    posting=posting,
                    slip=SlipState.PRINTING if slip else None,
                ),
            )
            record(session, ticket, EventKind.ISSUED, now)
            return IssuedTicket(
                ticket_id=ticket.id,
                number=ticket.number,
                service=service_code,
                reference=ticket.reference,
                public_token=ticket.public_token,
                url=public_url(self._settings.central.base_url, ticket.public_token),
                issued_at=now,
                people_ahead=ahead,
                estimated_wait_minutes=wait,
                priority=priority,
                posting=posting_line(posting) if posting else None,
            )

    def call_next(self, counter_number: int, staff_id: int | None = None) -> TicketView | None:
        """Call the longest-waiting ticket the counter serves, under the priority mix.

        Returns None when nobody is waiting for the counter's services.

        Raises:
            IllegalTransitionError: unknown counter, or it still holds a ticket (``counter_busy``).
        """
        counter = self._counter(counter_number)
        now = self._now()
        day = self._today(now)
        with self._db.sessions.begin() as session:
            lock_counter(session, counter_number)
            held = held_ticket(session, counter_number, day)
            if held is not None:
                raise IllegalTransitionError(
                    COUNTER_BUSY, counter=counter_number, number=held.number
                )
            calls = counter_calls(session, counter_number, day_start(day, self._zone))
            first = replay(calls, self._settings.queue.ratio).priority_turn
            ticket = next_waiting(session, counter.services, day, first) or next_waiting(
                session, counter.services, day, not first
            )
            if ticket is None:
                return None
            ticket.counter_number = counter_number
            record(
                session,
                ticket,
                EventKind.CALLED,
                now,
                counter_number=counter_number,
                staff_id=staff_id,
            )
            return ticket_view(ticket)

    def recall(self, counter_number: int, staff_id: int | None = None) -> TicketView:
        """Call the counter's ticket again (the board shows and says it once more)."""
        return self._act(counter_number, EventKind.RECALLED, staff_id)

    def start(self, counter_number: int, staff_id: int | None = None) -> TicketView:
        """The called visitor has arrived at the counter: service starts."""
        return self._act(counter_number, EventKind.STARTED, staff_id)

    def finish(self, counter_number: int, staff_id: int | None = None) -> TicketView:
        """The counter's visitor has been served."""
        return self._act(counter_number, EventKind.FINISHED, staff_id)

    def no_show(self, counter_number: int, staff_id: int | None = None) -> TicketView:
        """The called visitor did not come."""
        return self._act(counter_number, EventKind.NO_SHOW, staff_id)

    def transfer(
        self, counter_number: int, service_code: str, staff_id: int | None = None
    ) -> TicketView:
        """Send the counter's visitor to another service's queue, keeping their place in time.

        The ticket keeps its number and its ``queued_at``, so it is not sent to the back.
        """
        self._service(service_code)
        return self._act(counter_number, EventKind.TRANSFERRED, staff_id, target=service_code)

    def _act(
        self,
        counter_number: int,
        kind: EventKind,
        staff_id: int | None,
        target: str | None = None,
    ) -> TicketView:
        self._counter(counter_number)
        now = self._now()
        with self._db.sessions.begin() as session:
            lock_counter(session, counter_number)
            ticket = held_ticket(session, counter_number, self._today(now))
            if ticket is None:
                raise IllegalTransitionError(COUNTER_IDLE, counter=counter_number)
            if target is not None:
                if target == ticket.service_code:
                    raise IllegalTransitionError(SAME_SERVICE, service=target)
                ticket.service_code = target
                ticket.counter_number = None
            record(session, ticket, kind, now, counter_number=counter_number, staff_id=staff_id)
            return ticket_view(ticket)

    def cancel(self, ticket_id: int, staff_id: int | None = None) -> TicketView:
        """Cancel a waiting or called ticket (the visitor left, or asked to)."""
        now = self._now()
        with self._db.sessions.begin() as session:
            ticket = session.get(Ticket, ticket_id, with_for_update=True)
            if ticket is None:
                raise QueueError(UNKNOWN_TICKET)
            record(
                session,
                ticket,
                EventKind.CANCELLED,
                now,
                counter_number=ticket.counter_number,
                staff_id=staff_id,
            )
            return ticket_view(ticket)

    def close_today(self, service_code: str, actor: StaffMember) -> ServiceDayView:
        """Stop issuing tickets of the service for the rest of the local day (supervisors).

        Raises:
            QueueError: ``actor`` is not an active supervisor (``queue.supervisors_only``).
        """
        return self._change_day(service_code, actor, closed=True)

    def open_today(self, service_code: str, actor: StaffMember) -> ServiceDayView:
        """Issue tickets of the service again today, within its opening hours (supervisors)."""
        return self._change_day(service_code, actor, closed=False)

    def set_quota_today(
        self, service_code: str, quota: int | None, actor: StaffMember
    ) -> ServiceDayView:
        """Change today's quota of the service; None goes back to the configured one."""
        if quota is not None and not 1 <= quota <= 999:
            raise QueueError(BAD_QUOTA, quota=quota)
        return self._change_day(service_code, actor, quota=quota)

    def day_report(self, day: date, actor: StaffMember, language: str = "id") -> DayFigures:
        """A local day's figures per service, per counter and for the hall (supervisors)."""
        with self._db.reads() as session:
            _require_supervisor(session, actor)
            return day_figures(session, self._settings, day, language)

    def _change_day(
        self, service_code: str, actor: StaffMember, **changes: object
    ) -> ServiceDayView:
        service = self._service(service_code)
        now = self._now()
        day = self._today(now)
        with self._db.sessions.begin() as session:
            _require_supervisor(session, actor)
            row = lock_service_day(session, service_code, day)
            for name, value in changes.items():
                setattr(row, name, value)
            row.revision += 1
            # A supervisor's change is the moment to refresh what the centre estimates with.
            hall_entry.record_hall(session, hall_state(session, self._settings, now), now)
            return ServiceDayView(
                service_code=service_code,
                day=day,
                closed=row.closed,
                quota=row.quota or service.daily_quota,
                issued=row.last_number,
            )

    def staff_id(self, username: str) -> int:
        """The id of an active officer, for the events they cause.

        Raises:
            QueueError: no active officer has that username (``queue.unknown_staff``).
        """
        with self._db.reads() as session:
            found = session.scalar(
                select(Staff.id).where(Staff.username == username, Staff.active.is_(True))
            )
        if found is None:
            raise QueueError(UNKNOWN_STAFF, username=username)
        return found


def _require_supervisor(session: Session, actor: StaffMember) -> None:
    """Refuse unless ``actor`` is, in the database now, an active supervisor."""
    role = session.scalar(select(Staff.role).where(Staff.id == actor.id, Staff.active.is_(True)))
    if role != SUPERVISOR:
        raise QueueError(SUPERVISORS_ONLY, username=actor.username)
