"""What the queue tells the central records service: ticket entries and the hall's state.

The entries are the wire contract's (``kiosk.sync.contract``); the use cases put them in
the outbox in their own transaction (``kiosk.sync.outbox.record``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Final

from sqlalchemy.orm import Session

from kiosk.clock import day_start, local_day
from kiosk.models import Ticket
from kiosk.queueing.states import EventKind
from kiosk.queueing.waits import active_counters, typical_service_minutes
from kiosk.settings import Settings
from kiosk.sync import contract
from kiosk.sync.ids import uuid7

MAX_SERVICE_MINUTES: Final = 600.0
"""The contract's ceiling on typical service minutes (a visit left open all day)."""
MAX_ACTIVE_COUNTERS: Final = 99
SHORT_TEXT: Final = 200
"""The contract's length of a name or hotline."""


def ticket_entry(
    ticket: Ticket, kind: EventKind, at: datetime, counter_number: int | None
) -> contract.TicketIssuedEntry | contract.TicketEventEntry:
    """The outbox entry of one event of ``ticket`` (its issue, or a move at a counter).

    The ticket is as the event left it: a transfer's entry names the service it went to.
    """
    if kind is EventKind.ISSUED:
        return contract.TicketIssuedEntry(
            id=uuid7(at),
            kind="ticket.issued",
            token=ticket.public_token,
            occurred_at=at,
            payload=contract.TicketIssued(
                reference=ticket.reference,
                number=ticket.number,
                service_code=ticket.service_code,
                day=ticket.day,
                priority=ticket.priority,
                posting_token=ticket.posting.public_token if ticket.posting else None,
            ),
        )
    return contract.TicketEventEntry(
        id=uuid7(at),
        kind="ticket.event",
        token=ticket.public_token,
        occurred_at=at,
        payload=contract.TicketEvent(
            event=kind, counter_number=counter_number, service_code=ticket.service_code
        ),
    )


def hall_state(session: Session, settings: Settings, now: datetime) -> contract.HallState:
    """The hall as the centre shows it, with each service's wait-estimate inputs at ``now``.

    Typical service minutes are today's (``kiosk.queueing.waits``: the median of the
    day's last visits, else ``queue.default_service_minutes``), rounded to a tenth.
    """
    site, config = settings.site, settings.queue
    since = day_start(local_day(now, site.zone), site.zone)
    services = []
    for service in settings.services:
        minutes = typical_service_minutes(session, service.code, since, config)
        counters = [c.number for c in settings.counters if service.code in c.services]
        services.append(
            contract.ServiceState(
                code=service.code,
                letter=service.letter,
                names=_names(service.name),
                typical_service_minutes=round(min(max(minutes, 0.0), MAX_SERVICE_MINUTES), 1),
                active_counters=min(
                    active_counters(session, counters, now, config), MAX_ACTIVE_COUNTERS
                ),
            )
        )
    return contract.HallState(
        name=site.name[:SHORT_TEXT],
        timezone=site.timezone,
        hotline=site.hotline[:SHORT_TEXT],
        services=services,
        counters=[
            contract.CounterState(number=c.number, names=_names(c.name)) for c in settings.counters
        ],
    )


def _names(names: dict[str, str]) -> dict[str, str]:
    return {language: text[:SHORT_TEXT] for language, text in names.items()}
