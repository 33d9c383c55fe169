"""What anyone holding a complaint's reference may see (Cek Status): never its personal data.

:func:`find_public` reads only what a complaint keeps in clear (reference, dates, status),
its status moves made in the hall, and what the centre's desk said of it as the last pull
brought it (``central_complaints``: status and public notes). It selects those columns by
name, so no sealed value is even loaded, and it never needs the hall's key. It takes the
caller's read session and never commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.complaints.categories import Status
from kiosk.models import CentralComplaint, Complaint, ComplaintNote, PullState


@dataclass(frozen=True, slots=True)
class StatusMove:
    """The complaint moved to ``status``, known in the hall at ``at``."""

    at: datetime
    status: Status


@dataclass(frozen=True, slots=True)
class PublicNote:
    """A note the agency made public for the family, and when the hall first knew it."""

    known_at: datetime
    text: str


@dataclass(frozen=True, slots=True)
class PublicComplaint:
    """A complaint as its family may see it: reference, dates, status and public history.

    Args:
        status: the newer of the hall's status and the centre's last word.
        moves: each status the complaint reached, as the hall knows it, oldest first.
        notes: the agency's public notes, oldest first.
        as_of: up to when the hall's knowledge reaches: the newest of these facts, or the
            centre's last answer to a pull if later (it sends every change after a pull).
    """

    reference: str
    day: date
    submitted_at: datetime
    status: Status
    moves: tuple[StatusMove, ...]
    notes: tuple[PublicNote, ...]
    as_of: datetime


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
            Complaint.id,
            Complaint.reference,
            Complaint.public_token,
            Complaint.day,
            Complaint.created_at,
            Complaint.status,
        ).where(column == (reference or token))
    ).first()
    if row is None:
        return None
    complaint_id, found_reference, found_token, day, created_at, status = row
    moves = [
        StatusMove(at, Status(to))
        for at, to in session.execute(
            select(ComplaintNote.at, ComplaintNote.status_to)
            .where(ComplaintNote.complaint_id == complaint_id, ComplaintNote.status_to.is_not(None))
            .order_by(ComplaintNote.at, ComplaintNote.id)
        )
        if to is not None
    ]
    current = Status(status)
    known = [created_at, *(move.at for move in moves)]
    notes: tuple[PublicNote, ...] = ()
    central = session.get(CentralComplaint, found_token)
    if central is not None:
        said = Status(central.status)
        if not moves or central.changed_at >= moves[-1].at:
            current = said
        if said not in {move.status for move in moves}:  # a status is reached at most once
            moves = sorted([*moves, StatusMove(central.changed_at, said)], key=_at)
        notes = tuple(_note(note) for note in central.public_notes)
        known += [central.changed_at, central.pulled_at, *(note.known_at for note in notes)]
    pulled_at = session.scalar(select(PullState.pulled_at).where(PullState.id == 1))
    return PublicComplaint(
        reference=found_reference,
        day=day,
        submitted_at=created_at,
        status=current,
        moves=tuple(moves),
        notes=notes,
        as_of=max([*known, *([pulled_at] if pulled_at else [])]),
    )


def _at(move: StatusMove) -> datetime:
    return move.at


def _note(stored: dict[str, str]) -> PublicNote:
    known_at = datetime.fromisoformat(stored["known_at"])
    if known_at.tzinfo is None:  # written as UTC by the pull; never trust a bare time
        known_at = known_at.replace(tzinfo=UTC)
    return PublicNote(known_at=known_at, text=stored["text"])
