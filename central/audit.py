"""The desk's append-only audit log: who did what, when, from which address (UU 27/2022).

Every action on a complaint or an account is one row, written in the same transaction as
the action itself, so an action without its row (or a row without its action) cannot be
left by a crash. The database refuses to change or delete a row (migration 0002's
triggers). A row names a complaint by site, token and reference, never by personal data.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.models import AuditEntry, Complaint

SYSTEM = "(system)"
"""The ``officer`` of what a command did (``mpp-central purge``, ``officer add``)."""
LOCAL = "(local)"
"""The ``address`` of what a command on the centre's own machine did."""


class Action(enum.StrEnum):
    """What was done."""

    SIGN_IN = "sign_in"
    SIGN_IN_FAILED = "sign_in_failed"
    SIGN_OUT = "sign_out"
    OFFICER = "officer"
    OPEN = "open"
    REVEAL = "reveal"
    NOTE = "note"
    STATUS = "status"
    LAPOR = "lapor"
    EXPORT = "export"
    SUBJECT_EXPORT = "subject_export"
    ERASE = "erase"


@dataclass(frozen=True)
class AuditLine:
    """One row of the log as the desk shows it."""

    at: datetime
    officer: str
    action: Action
    address: str
    reference: str | None
    detail: str


def record(
    session: Session,
    *,
    officer: str,
    action: Action,
    address: str,
    at: datetime,
    complaint: Complaint | None = None,
    detail: str = "",
) -> None:
    """Add one row in the caller's transaction (which must commit for it to count)."""
    session.add(
        AuditEntry(
            at=at,
            officer=officer,
            action=action.value,
            address=address[:64],
            site_id=complaint.site_id if complaint else None,
            token=complaint.token if complaint else None,
            reference=complaint.reference if complaint else None,
            detail=detail,
        )
    )


def lines_of(session: Session, site_id: str, token: str) -> list[AuditLine]:
    """A complaint's rows, oldest first."""
    rows = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.site_id == site_id, AuditEntry.token == token)
        .order_by(AuditEntry.id)
    )
    return [
        AuditLine(row.at, row.officer, Action(row.action), row.address, row.reference, row.detail)
        for row in rows
    ]
