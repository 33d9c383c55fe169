"""What Cek Status answers: a ticket, a complaint, a posting, or not found, each frozen."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from kiosk.complaints.public import PublicComplaint
from kiosk.queueing.lookup import TicketStanding
from kiosk.references import RefKind

EMPTY: Final = "status.empty"
UNREADABLE: Final = "status.unreadable"
NOT_A_SLIP: Final = "status.not_a_slip"
NOT_FOUND: Final = "status.not_found"
NOT_FOUND_TICKET: Final = "status.not_found_ticket"
NOT_FOUND_COMPLAINT: Final = "status.not_found_complaint"
NOT_FOUND_JOB: Final = "status.not_found_job"
NOT_FOUND_BY_KIND: Final = {
    RefKind.TICKET: NOT_FOUND_TICKET,
    RefKind.COMPLAINT: NOT_FOUND_COMPLAINT,
    RefKind.JOB: NOT_FOUND_JOB,
}
MESSAGE_KEYS: Final = frozenset(
    {EMPTY, UNREADABLE, NOT_A_SLIP, NOT_FOUND, *NOT_FOUND_BY_KIND.values()}
)


@dataclass(frozen=True)
class TicketFound:
    """A queue number of this hall, where it stands now, with its names per language.

    Args:
        ticket: the ticket's standing (phase, counter, people ahead, wait).
        service: the name of the service it is queued in, per language.
        counter: the name of the counter that called or serves it, per language.
        as_of: when the hall database was read.
    """

    ticket: TicketStanding
    service: Mapping[str, str]
    counter: Mapping[str, str] | None
    as_of: datetime


@dataclass(frozen=True)
class ComplaintFound:
    """A complaint of this hall: status and public history, never personal data."""

    complaint: PublicComplaint


@dataclass(frozen=True)
class PostingFound:
    """A vacancy of the jobs board: the kiosk opens its detail screen."""

    posting_id: int


@dataclass(frozen=True)
class NotFound:
    """Nothing to show, and why.

    Args:
        reason: a ``status.*`` message key: nothing typed, unreadable, not a slip's code,
            or no such record (by the kind the reference names, when it names one).
        detail: for a mistyped reference, the ``identity.reference_*`` key saying which part
            is wrong; else None.
    """

    reason: str
    detail: str | None = None


StatusAnswer = TicketFound | ComplaintFound | PostingFound | NotFound
"""Everything :func:`kiosk.status.look_up` may answer."""
