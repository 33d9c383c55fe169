"""What the queue use cases return: frozen dataclasses, never ORM objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from kiosk.models import Posting, Ticket, TicketEvent
from kiosk.queueing.states import EventKind, SlipState, TicketState
from kiosk.vocab import country_name
from printing import PrintFault


@dataclass(frozen=True, slots=True)
class TicketView:
    """A ticket as it stands; ``service_code`` is its current queue (after any transfer)."""

    id: int
    number: str
    service_code: str
    issued_service: str
    day: date
    priority: bool
    state: TicketState
    issued_at: datetime
    queued_at: datetime
    counter_number: int | None
    reference: str
    posting: str | None = None
    """The vacancy the visitor registers for (``posting_line``), or None."""
    slip_missing: bool = False
    """A slip was asked for and never printed (failed, or the kiosk stopped meanwhile)."""
    slip_fault: str | None = None
    """Why the slip failed, as the printer said (``printing.PrintFault``'s value), or None."""


@dataclass(frozen=True, slots=True)
class IssuedTicket:
    """A ticket just issued at the kiosk, with what its slip shows."""

    ticket_id: int
    number: str
    service: str
    reference: str
    public_token: str
    url: str
    issued_at: datetime
    people_ahead: int
    estimated_wait_minutes: int
    priority: bool
    posting: str | None = None
    """The vacancy the visitor registers for (``posting_line``), or None."""


@dataclass(frozen=True, slots=True)
class EventView:
    """One entry of a ticket's history."""

    id: int
    kind: EventKind
    at: datetime
    counter_number: int | None
    staff_id: int | None
    service_code: str | None


@dataclass(frozen=True, slots=True)
class TicketDetail:
    """A ticket with its whole history, oldest event first."""

    ticket: TicketView
    history: tuple[EventView, ...]


@dataclass(frozen=True, slots=True)
class ServiceStatus:
    """One service for the board and the supervisor: queue length and the wait to expect."""

    code: str
    letter: str
    waiting: int
    priority_waiting: int
    estimated_wait_minutes: int
    open_now: bool
    closed_today: bool
    quota: int
    issued: int

    @property
    def refusal(self) -> str | None:
        """Why a number cannot be taken now (a ``take.*`` message key), or None when it can."""
        if self.closed_today:
            return "take.closed_today"
        if not self.open_now:
            return "take.closed_now"
        if self.issued >= self.quota:
            return "take.full"
        return None


@dataclass(frozen=True, slots=True)
class CounterNow:
    """A counter (loket) and the ticket it holds, if any (called or being served)."""

    counter_number: int
    location: str
    ticket: TicketView | None


@dataclass(frozen=True, slots=True)
class CallView:
    """One call (or recall) for the board's list of last calls."""

    event_id: int
    number: str
    service_code: str
    counter_number: int
    at: datetime
    recall: bool
    missed: bool = False
    """The ticket was then marked a no-show (or cancelled): nobody is being called by it."""


@dataclass(frozen=True, slots=True)
class WaitingTicket:
    """A waiting visitor in a counter's list, in the order the counter would call them."""

    ticket_id: int
    number: str
    service_code: str
    priority: bool
    queued_at: datetime
    waiting_minutes: int


@dataclass(frozen=True, slots=True)
class ServiceDayView:
    """A service's day after a supervisor's change."""

    service_code: str
    day: date
    closed: bool
    quota: int
    issued: int


def ticket_view(ticket: Ticket) -> TicketView:
    """The frozen view of a ticket row."""
    return TicketView(
        id=ticket.id,
        number=ticket.number,
        service_code=ticket.service_code,
        issued_service=ticket.issued_service,
        day=ticket.day,
        priority=ticket.priority,
        state=TicketState(ticket.state),
        issued_at=ticket.issued_at,
        queued_at=ticket.queued_at,
        counter_number=ticket.counter_number,
        reference=ticket.reference,
        posting=posting_line(ticket.posting) if ticket.posting else None,
        slip_missing=ticket.slip in (SlipState.PRINTING, SlipState.FAILED),
        slip_fault=ticket.slip_fault if ticket.slip == SlipState.FAILED else None,
    )


def slip_fault_key(fault: str | None) -> str | None:
    """The message key (``console.slip_fault_…``) naming why a slip failed, if known."""
    if fault is None or fault not in _PRINT_FAULTS:
        return None
    return "console.slip_fault_" + fault.replace("-", "_")


_PRINT_FAULTS = frozenset(fault.value for fault in PrintFault)


def posting_line(posting: Posting) -> str:
    """A vacancy in one line for the officer: position, country, P3MI (or employer), reference.

    ``Caregiver · Taiwan · PT Sahabat Karya Mandiri · L-261026-7K3M``, in the hall's
    default language (staff read Indonesian).
    """
    company = posting.p3mi.name if posting.p3mi else posting.employer
    country = country_name(posting.country)
    return f"{posting.position} · {country} · {company} · {posting.reference}"


def event_view(event: TicketEvent) -> EventView:
    """The frozen view of an event row."""
    return EventView(
        id=event.id,
        kind=EventKind(event.kind),
        at=event.at,
        counter_number=event.counter_number,
        staff_id=event.staff_id,
        service_code=event.service_code,
    )


@dataclass(frozen=True, slots=True)
class BoardSnapshot:
    """What the hall display board shows, as of one moment.

    ``calls`` are today's latest calls, newest first; ``announce`` the ones the board has
    not shown yet, oldest first, to be spoken in that order. ``calling`` is what the board
    shows as "now calling": the newest call, unless its ticket was since marked a no-show
    (then nobody is called by it, and nothing is shown until the next call).
    """

    calls: list[CallView]
    counters: list[CounterNow]
    services: list[ServiceStatus]
    announce: tuple[CallView, ...]

    @property
    def calling(self) -> CallView | None:
        """The call to show as "now calling", if any."""
        latest = self.calls[0] if self.calls else None
        return None if latest is None or latest.missed else latest


@dataclass(frozen=True, slots=True)
class ConsoleSnapshot:
    """The counter's ticket in hand, its waiting list and (for a supervisor) the services."""

    held: TicketDetail | None
    waiting: list[WaitingTicket]
    services: list[ServiceStatus]
