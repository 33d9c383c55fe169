"""Personal data's end (UU 27/2022): erasure after the retention period or on request, and
what the centre holds of a complaint for its data subject.

Erasing a complaint empties its personal fields (the sealed answers, the reporter as the
slip masked them, the text of internal notes) and keeps what statistics need: the
reference, the categories, the destination, the dates, the statuses and public notes. It
takes a new revision, so the complaint's hall erases its own copy with its next pull.
Every erasure and every export is in the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from central import audit
from central.audit import Action
from central.db import Database
from central.desk.cases import FINAL, RefusedError, case_view, find_case, key_opens
from central.models import Complaint, ComplaintNote
from central.officers import OfficerView, Role
from central.revisions import next_revision
from kiosk.infra.sealed import Sealer

RETENTION = "retention"
"""The audit detail of an erasure because the retention period ran out."""


def erase(session: Session, complaint: Complaint, now: datetime) -> None:
    """Empty the complaint's personal fields, in the caller's transaction."""
    complaint.personal_sealed, complaint.key_id = b"", ""
    complaint.reporter_masked = ""
    complaint.erased_at = now
    complaint.revision = next_revision(session)
    session.execute(
        update(ComplaintNote)
        .where(
            ComplaintNote.site_id == complaint.site_id,
            ComplaintNote.token == complaint.token,
            ComplaintNote.public.is_(False),
        )
        .values(text="")
    )


def erase_now(
    session: Session, officer: OfficerView, token: str, *, address: str, now: datetime
) -> None:
    """Erase at the data subject's request (administrators only), recorded.

    Raises:
        RefusedError: not the officer's, or not an administrator.
    """
    complaint = find_case(session, officer, token)
    if officer.role is not Role.ADMIN:
        raise RefusedError("not_allowed", 403)
    if complaint.erased_at is None:
        erase(session, complaint, now)
    audit.record(
        session,
        officer=officer.username,
        action=Action.ERASE,
        address=address,
        at=now,
        complaint=complaint,
        detail="request",
    )


@dataclass(frozen=True)
class Purged:
    """What one ``mpp-central purge`` erased."""

    erased: int
    cutoff: datetime


def purge(db: Database, now: datetime, retention_days: int) -> Purged:
    """Erase every complaint resolved or closed more than ``retention_days`` ago (one
    transaction; each erasure recorded)."""
    cutoff = now - timedelta(days=retention_days)
    with db.sessions.begin() as session:
        due = list(
            session.scalars(
                select(Complaint)
                .where(
                    Complaint.status.in_(FINAL),
                    Complaint.status_changed_at <= cutoff,
                    Complaint.erased_at.is_(None),
                )
                .order_by(Complaint.site_id, Complaint.token)
            )
        )
        for complaint in due:
            erase(session, complaint, now)
            audit.record(
                session,
                officer=audit.SYSTEM,
                action=Action.ERASE,
                address=audit.LOCAL,
                at=now,
                complaint=complaint,
                detail=RETENTION,
            )
    return Purged(len(due), cutoff)


def held(
    session: Session,
    officer: OfficerView,
    token: str,
    sealer: Sealer,
    *,
    address: str,
    now: datetime,
) -> dict[str, Any]:
    """Everything the centre holds of a complaint, for its data subject (recorded).

    Raises:
        RefusedError: not the officer's, or a viewer.
        kiosk.infra.sealed.KeyFileError: the key does not open the personal answers.
    """
    complaint = find_case(session, officer, token)
    if not officer.handles:
        raise RefusedError("not_allowed", 403)
    case = case_view(session, officer, complaint, sealer, now, reveal=True)
    audit.record(
        session,
        officer=officer.username,
        action=Action.SUBJECT_EXPORT,
        address=address,
        at=now,
        complaint=complaint,
    )
    return {
        "reference": complaint.reference,
        "hall": complaint.site_id,
        "submitted_at": complaint.created_at.isoformat(),
        "urgent": complaint.urgent,
        "categories": complaint.categories.split(),
        "destination_country": complaint.destination_country,
        "reporter_masked": complaint.reporter_masked,
        "personal": {detail.name: detail.value for detail in case.details},
        "status": complaint.status,
        "statuses": [
            {"status": s.status, "at": s.at.isoformat(), "reason": s.reason} for s in case.statuses
        ],
        "notes": [
            {"at": n.at.isoformat(), "text": n.text, "public": n.public, "origin": n.origin}
            for n in case.notes
        ],
        "lapor_number": complaint.lapor_number,
        "erased_at": complaint.erased_at.isoformat() if complaint.erased_at else None,
    }


@dataclass(frozen=True)
class Sealed:
    """How many complaints hold sealed personal answers, and those the key cannot open."""

    total: int
    unopenable: list[str]
    """Their references."""


def sealed_rows(db: Database, sealer: Sealer) -> Sealed:
    """Try ``sealer`` on every complaint not erased (``mpp-central doctor``)."""
    with db.reads() as session:
        complaints = list(
            session.scalars(
                select(Complaint).where(Complaint.erased_at.is_(None)).order_by(Complaint.reference)
            )
        )
    return Sealed(len(complaints), [c.reference for c in complaints if not key_opens(sealer, c)])
