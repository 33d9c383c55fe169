"""Cek Status: the record a typed reference or a scanned QR link names, in one read transaction.

Only the hall database is read, so the answer comes with the network down. A reference
names its kind (Q ticket, P complaint, L vacancy) and only that table is asked; a token
from a QR link may name any of the three, asked in turn.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from kiosk.clock import Clock, aware_now
from kiosk.complaints.public import find_public
from kiosk.db import Database
from kiosk.errors import InvalidInput
from kiosk.jobs.lookup import find_posting
from kiosk.queueing.lookup import TicketStanding, find_ticket
from kiosk.references import REFERENCE_REQUIRED, RefKind
from kiosk.settings import Settings
from kiosk.status.answers import (
    EMPTY,
    NOT_A_SLIP,
    NOT_FOUND,
    NOT_FOUND_BY_KIND,
    UNREADABLE,
    ComplaintFound,
    NotFound,
    PostingFound,
    StatusAnswer,
    TicketFound,
)
from kiosk.status.codes import Token, UnreadableCode, read_code

Found = TicketFound | ComplaintFound | PostingFound


def look_up(text: str, db: Database, settings: Settings, clock: Clock) -> StatusAnswer:
    """What ``text`` names in this hall: a ticket, a complaint, a posting, or why nothing.

    Args:
        text: what the visitor or the scanner typed (a reference, a QR link, a bare token).
        db: the hall database.
        settings: the site configuration (service and counter names, the wait estimate).
        clock: the hall's clock.
    """
    try:
        code = read_code(text)
    except UnreadableCode:
        return NotFound(NOT_A_SLIP)
    except InvalidInput as wrong:
        if wrong.key == REFERENCE_REQUIRED:
            return NotFound(EMPTY)
        return NotFound(UNREADABLE, detail=wrong.key)
    now = aware_now(clock)
    with db.reads() as session:
        if isinstance(code, Token):
            return _by_token(session, settings, now, code.value) or NotFound(NOT_FOUND)
        found = _by_reference(session, settings, now, code.kind, str(code))
        return found or NotFound(NOT_FOUND_BY_KIND[code.kind])


def _by_reference(
    session: Session, settings: Settings, now: datetime, kind: RefKind, reference: str
) -> Found | None:
    if kind is RefKind.TICKET:
        ticket = find_ticket(session, settings, now, reference=reference)
        return _ticket(ticket, settings, now) if ticket else None
    if kind is RefKind.COMPLAINT:
        complaint = find_public(session, reference=reference)
        return ComplaintFound(complaint) if complaint else None
    posting_id = find_posting(session, reference=reference)
    return PostingFound(posting_id) if posting_id is not None else None


def _by_token(session: Session, settings: Settings, now: datetime, token: str) -> Found | None:
    ticket = find_ticket(session, settings, now, token=token)
    if ticket is not None:
        return _ticket(ticket, settings, now)
    complaint = find_public(session, token=token)
    if complaint is not None:
        return ComplaintFound(complaint)
    posting_id = find_posting(session, token=token)
    return PostingFound(posting_id) if posting_id is not None else None


def _ticket(ticket: TicketStanding, settings: Settings, now: datetime) -> TicketFound:
    service = next((s.name for s in settings.services if s.code == ticket.service_code), None)
    counter = next((c.name for c in settings.counters if c.number == ticket.counter_number), None)
    return TicketFound(
        ticket=ticket,
        service=service or {"id": ticket.service_code},
        counter=counter,
        as_of=now,
    )
