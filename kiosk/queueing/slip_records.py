"""Whether a ticket's slip printed, and the slip again for a reprint at the counter."""

from __future__ import annotations

from sqlalchemy.orm import Session

from kiosk.models import Ticket
from kiosk.queueing.states import UNKNOWN_TICKET, QueueError, SlipState, TicketState
from kiosk.queueing.status import QueueReads
from kiosk.queueing.views import IssuedTicket, posting_line
from kiosk.references import public_url


class SlipRecords(QueueReads):
    """The slip side of the queue: recorded after each print, read for a reprint."""

    def slip_printed(self, ticket_id: int, printed: bool, fault: str | None = None) -> None:
        """Record how the ticket's slip came out (the kiosk's print, a console reprint).

        Args:
            ticket_id: the ticket.
            printed: whether the slip came out.
            fault: why it did not, as the printer back-end says (``PrintFault``'s value,
                e.g. "paper-out"), when it said.

        Raises:
            QueueError: no such ticket (key ``queue.unknown_ticket``).
        """
        with self._db.sessions.begin() as session:
            ticket = _ticket(session, ticket_id)
            ticket.slip = SlipState.PRINTED if printed else SlipState.FAILED
            ticket.slip_fault = None if printed else fault

    def slip_again(self, ticket_id: int) -> IssuedTicket:
        """The ticket's slip as it would print now, for a reprint at the counter.

        Its number, reference, QR and time are as issued; the people ahead of it and the
        estimated wait are as they are now.

        Raises:
            QueueError: no such ticket (key ``queue.unknown_ticket``).
        """
        now = self._now()
        with self._db.reads() as session:
            ticket = _ticket(session, ticket_id)
            ahead = 0
            if ticket.state == TicketState.WAITING:
                ahead = self._people_ahead(
                    session, ticket.service_code, ticket.day, ticket.priority, ticket
                )
            return IssuedTicket(
                ticket_id=ticket.id,
                number=ticket.number,
                service=ticket.service_code,
                reference=ticket.reference,
                public_token=ticket.public_token,
                url=public_url(self._settings.central.base_url, ticket.public_token),
                issued_at=ticket.issued_at,
                people_ahead=ahead,
                estimated_wait_minutes=self._estimate(session, ticket.service_code, ahead, now),
                priority=ticket.priority,
                posting=posting_line(ticket.posting) if ticket.posting else None,
            )


def _ticket(session: Session, ticket_id: int) -> Ticket:
    found = session.get(Ticket, ticket_id)
    if found is None:
        raise QueueError(UNKNOWN_TICKET)
    return found
