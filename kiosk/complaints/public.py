"""What anyone holding a complaint's reference may see (Cek Status): never its personal data.

:func:`find_public` reads only the columns a complaint keeps in clear (reference, dates,
status) and its status moves; it selects those columns by name, so no sealed value is even
loaded, and it never needs the hall's key. It takes the caller's read session and never
commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.complaints.categories import Status
from kiosk.models import Complaint, ComplaintNote


@dataclass(frozen=True, slots=True)
class StatusMove:
    """A complaint moved to ``status`` at ``at`` (known in the hall from that moment)."""

    at: datetime
    status: Status


@dataclass(frozen=True, slots=True)
class PublicNote:
    """A note the agency made public for the family: when written, when the hall knew it."""

    at: datetime
    known_at: datetime
    text: str


@dataclass(frozen=True, slots=True)
class PublicComplaint:
    """A complaint as its family may see it: reference, dates, status and public history.

    ``as_of`` is when the newest of these facts reached the hall: what is shown is what
    the hall knew then.
    """

    reference: str
    day: date
    submitted_at: datetime
    status: Status
    moves: tuple[StatusMove, ...]
    notes: tuple[PublicNote, ...]

    @property
    def as_of(self) -> datetime:
        """When the newest fact shown reached the hall."""
        known = [self.submitted_at, *(m.at for m in self.moves), *(n.known_at for n in self.notes)]
        return max(known)


def find_public(
    session: Session, *, reference: str | None = None, token: str | None = None
) -> PublicComplaint | None:
    """The complaint with a canonical ``reference`` or a public ``token``, or None.

    Args:
        session: the caller's read session.
        reference: a canonical reference (``P-261123-7K3M``).
        token: the public token of the receipt's QR code.
    """
    if (reference is None) == (token is None):
        raise ValueError("give a reference or a token")
    column = Complaint.reference if reference is not None else Complaint.public_token
    row = session.execute(
        select(
            Complaint.id, Complaint.reference, Complaint.day, Complaint.created_at, Complaint.status
        ).where(column == (reference or token))
    ).first()
    if row is None:
        return None
    complaint_id, found_reference, day, created_at, status = row
    moves = session.execute(
        select(ComplaintNote.at, ComplaintNote.status_to)
        .where(ComplaintNote.complaint_id == complaint_id, ComplaintNote.status_to.is_not(None))
        .order_by(ComplaintNote.at, ComplaintNote.id)
    ).all()
    return PublicComplaint(
        reference=found_reference,
        day=day,
        submitted_at=created_at,
        status=Status(status),
        moves=tuple(StatusMove(at, Status(to)) for at, to in moves if to is not None),
        notes=public_notes(session, complaint_id),
    )


def public_notes(session: Session, complaint_id: int) -> tuple[PublicNote, ...]:
    """The notes of a complaint the agency made public, oldest first.

    The hall's own notes are officers' working notes, sealed with the hall's key and never
    public; public notes are written at the agency's desk and reach the hall when
    ``mpp-kiosk sync`` pulls them. Until the hall keeps pulled notes, it knows none.
    """
    del session, complaint_id
    return ()
