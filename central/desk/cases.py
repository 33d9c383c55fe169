"""The desk's complaints: the inbox across halls, one case, and what an officer does to it.

No web here: a route hands in the signed-in officer and gets frozen views back, or an
:class:`RefusedError`. Every query is limited to the halls the officer may see, in SQL, so a
site-bound officer cannot reach another hall's complaint by any token or filter; what a
role may not do is refused here, not just hidden on the page. Every action writes its
audit row in the same transaction. A status move or a public note takes a new revision,
so the family's page shows it at once and the complaint's hall pulls it.
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from sqlalchemy import Select, case, select
from sqlalchemy.orm import Session

from central import audit
from central.audit import Action, AuditLine
from central.models import Complaint, ComplaintNote, ComplaintStatus, Site
from central.officers import OfficerView
from central.pages.views import CENTRAL_ZONE, deadlines
from central.revisions import next_revision
from central.sealing import personal_place
from kiosk.complaints.categories import MOVES, Category, Status
from kiosk.infra.sealed import KeyFileError, Sealer

FINAL: Final = (Status.RESOLVED.value, Status.CLOSED.value)
INBOX_LIMIT: Final = 200
MAX_NOTE: Final = 4000
LAPOR_NUMBER_LENGTH: Final = 40
MASK: Final = "••••••"
IN_THE_OPEN: Final = frozenset({"chronology", "request"})
"""Personal answers an officer reads when opening a case; the rest wait for "show"."""


class LaporStatus(enum.StrEnum):
    """Where a case forwarded to SP4N-LAPOR! stands there (typed in from LAPOR!'s site)."""

    FORWARDED = "forwarded"
    IN_PROCESS = "in_process"
    ANSWERED = "answered"
    DONE = "done"


class RefusedError(Exception):
    """What an officer asked cannot be done; ``key`` is the ``desk`` catalog's message."""

    def __init__(self, key: str, status: int = 400) -> None:
        super().__init__(key)
        self.key = key
        self.status = status


@dataclass(frozen=True)
class Filters:
    """The inbox's filters; None or empty is "any"."""

    site: str | None = None
    status: str | None = None
    category: str | None = None
    urgent: bool | None = None
    older_than_days: int | None = None


@dataclass(frozen=True)
class Clock:
    """The SP4N-LAPOR! clocks of an open complaint: by when, and whether that has passed."""

    verify_by: date | None
    answer_by: date | None
    verify_late: bool
    answer_late: bool

    @property
    def late(self) -> bool:
        """Whether any deadline has passed."""
        return self.verify_late or self.answer_late


@dataclass(frozen=True)
class InboxRow:
    """One complaint in the inbox."""

    token: str
    reference: str
    site_id: str
    hall: str
    created_at: datetime
    urgent: bool
    categories: tuple[str, ...]
    status: str
    clock: Clock
    lapor_number: str | None


@dataclass(frozen=True)
class Detail:
    """One personal answer: its field name and its value, or :data:`MASK` until revealed."""

    name: str
    value: str
    masked: bool


@dataclass(frozen=True)
class NoteLine:
    """A note on the case, written at the hall or at the desk."""

    at: datetime
    text: str
    public: bool
    origin: str


@dataclass(frozen=True)
class StatusLine:
    """A step of the case's status, with its reason."""

    at: datetime
    status: str
    reason: str


@dataclass(frozen=True)
class Case:
    """A complaint as the desk shows it."""

    row: InboxRow
    destination_country: str | None
    reporter_masked: str
    details: tuple[Detail, ...]
    """The personal answers; empty once erased."""
    revealed: bool
    erased_at: datetime | None
    notes: tuple[NoteLine, ...]
    statuses: tuple[StatusLine, ...]
    moves: tuple[str, ...]
    """The statuses it may move to now (none for an officer who may not change it)."""
    lapor_status: str | None
    audit: tuple[AuditLine, ...]


def _scoped(query: Select[Complaint], officer: OfficerView) -> Select[Complaint]:
    if officer.sites:
        return query.where(Complaint.site_id.in_(officer.sites))
    return query


def _clock(complaint: Complaint, zone: ZoneInfo, today: date, holidays: frozenset[date]) -> Clock:
    verify_by, answer_by = deadlines(complaint, zone, holidays)
    return Clock(
        verify_by=verify_by,
        answer_by=answer_by,
        verify_late=verify_by is not None and today > verify_by,
        answer_late=answer_by is not None and today > answer_by,
    )


def _row(
    complaint: Complaint, site: Site | None, now: datetime, holidays: frozenset[date]
) -> InboxRow:
    zone = ZoneInfo(site.timezone if site is not None else CENTRAL_ZONE)
    return InboxRow(
        token=complaint.token,
        reference=complaint.reference,
        site_id=complaint.site_id,
        hall=site.name if site is not None else complaint.site_id,
        created_at=complaint.created_at.astimezone(zone),
        urgent=complaint.urgent,
        categories=tuple(complaint.categories.split()),
        status=complaint.status,
        clock=_clock(complaint, zone, now.astimezone(zone).date(), holidays),
        lapor_number=complaint.lapor_number,
    )


def halls(session: Session, officer: OfficerView) -> list[tuple[str, str]]:
    """The halls the officer may filter by: (site id, name)."""
    query = select(Site.site_id, Site.name).order_by(Site.name)
    if officer.sites:
        query = query.where(Site.site_id.in_(officer.sites))
    return [(site_id, name) for site_id, name in session.execute(query)]


def inbox(
    session: Session,
    officer: OfficerView,
    filters: Filters,
    now: datetime,
    holidays: frozenset[date] = frozenset(),
) -> list[InboxRow]:
    """The complaints the officer may see that pass ``filters``: open before closed, urgent
    first, then the oldest first; at most :data:`INBOX_LIMIT`."""
    query = _scoped(select(Complaint), officer)
    if filters.site:
        query = query.where(Complaint.site_id == filters.site)
    if filters.status:
        query = query.where(Complaint.status == filters.status)
    if filters.category:
        # Codes are whole words of a space-separated list.
        padded = " " + Complaint.categories + " "
        query = query.where(padded.contains(f" {filters.category} "))
    if filters.urgent is not None:
        query = query.where(Complaint.urgent.is_(filters.urgent))
    if filters.older_than_days is not None:
        query = query.where(Complaint.created_at <= now - timedelta(days=filters.older_than_days))
    finished = case((Complaint.status.in_(FINAL), 1), else_=0)
    open_urgent = case((Complaint.urgent.is_(True) & Complaint.status.not_in(FINAL), 0), else_=1)
    query = query.order_by(finished, open_urgent, Complaint.created_at, Complaint.token)
    complaints = list(session.scalars(query.limit(INBOX_LIMIT)))
    sites = {site.site_id: site for site in session.scalars(select(Site))}
    return [_row(c, sites.get(c.site_id), now, holidays) for c in complaints]


def find_case(session: Session, officer: OfficerView, token: str) -> Complaint:
    """The complaint ``token`` among the officer's halls.

    Raises:
        RefusedError: none (404).
    """
    complaint = session.scalars(
        _scoped(select(Complaint).where(Complaint.token == token), officer).limit(1)
    ).first()
    if complaint is None:
        raise RefusedError("not_found", 404)
    return complaint


def _handler(officer: OfficerView) -> None:
    if not officer.handles:
        raise RefusedError("not_allowed", 403)


def open_case(
    session: Session,
    officer: OfficerView,
    token: str,
    *,
    sealer: Sealer,
    address: str,
    now: datetime,
    reveal: bool = False,
    holidays: frozenset[date] = frozenset(),
) -> Case:
    """A case as the officer may see it, recorded in the audit log (open, or reveal).

    Raises:
        RefusedError: not found among the officer's halls, or a reveal by a viewer.
        KeyFileError: the centre's key does not open the case's personal answers.
    """
    complaint = find_case(session, officer, token)
    if reveal:
        _handler(officer)
    audit.record(
        session,
        officer=officer.username,
        action=Action.REVEAL if reveal else Action.OPEN,
        address=address,
        at=now,
        complaint=complaint,
    )
    return case_view(session, officer, complaint, sealer, now, reveal=reveal, holidays=holidays)


def case_view(
    session: Session,
    officer: OfficerView,
    complaint: Complaint,
    sealer: Sealer,
    now: datetime,
    *,
    reveal: bool,
    holidays: frozenset[date] = frozenset(),
) -> Case:
    """The view of a case already found and recorded (the PDF export draws it too)."""
    site = session.get(Site, complaint.site_id)
    details: tuple[Detail, ...] = ()
    if complaint.erased_at is None:
        personal = sealer.open_personal(
            complaint.personal_sealed, personal_place(complaint.site_id, complaint.token)
        )
        details = tuple(
            Detail(name, value, masked=False)
            if reveal or name in IN_THE_OPEN
            else Detail(name, MASK, masked=True)
            for name, value in sorted(personal.items(), key=lambda item: _order(item[0]))
        )
    notes = session.scalars(
        select(ComplaintNote)
        .where(ComplaintNote.site_id == complaint.site_id, ComplaintNote.token == complaint.token)
        .order_by(ComplaintNote.at, ComplaintNote.note_id)
    )
    statuses = session.scalars(
        select(ComplaintStatus)
        .where(
            ComplaintStatus.site_id == complaint.site_id,
            ComplaintStatus.token == complaint.token,
        )
        .order_by(ComplaintStatus.at, ComplaintStatus.entry_id)
    )
    row = _row(complaint, site, now, holidays)
    zone = row.created_at.tzinfo
    moves = MOVES[Status(complaint.status)] if officer.handles else frozenset()
    return Case(
        row=row,
        destination_country=complaint.destination_country,
        reporter_masked=complaint.reporter_masked,
        details=details,
        revealed=reveal,
        erased_at=complaint.erased_at,
        notes=tuple(NoteLine(n.at.astimezone(zone), n.text, n.public, n.origin) for n in notes),
        statuses=tuple(StatusLine(s.at.astimezone(zone), s.status, s.reason) for s in statuses),
        moves=tuple(status.value for status in Status if status in moves),
        lapor_status=complaint.lapor_status,
        audit=tuple(audit.lines_of(session, complaint.site_id, complaint.token)),
    )


PERSONAL_ORDER: Final = (
    "reporter_name",
    "reporter_nik",
    "reporter_phone",
    "reporter_region",
    "relation",
    "worker_name",
    "worker_nik",
    "worker_passport",
    "worker_gender",
    "destination_city",
    "employer",
    "placement_company",
    "job",
    "departure_year",
    "official_channel",
    "chronology",
    "request",
)
"""The order the case shows the answers in (any other answer comes after, by name)."""


def _order(name: str) -> tuple[int, str]:
    return (PERSONAL_ORDER.index(name) if name in PERSONAL_ORDER else len(PERSONAL_ORDER), name)


def add_note(
    session: Session,
    officer: OfficerView,
    token: str,
    text: str,
    public: bool,
    *,
    address: str,
    now: datetime,
) -> None:
    """A note on the case; a public one reaches the family's page and the hall.

    Raises:
        RefusedError: not the officer's, not a handler, or an empty or too long note.
    """
    complaint = find_case(session, officer, token)
    _handler(officer)
    text = text.strip()
    if not text or len(text) > MAX_NOTE:
        raise RefusedError("note_length")
    session.add(
        ComplaintNote(
            site_id=complaint.site_id,
            note_id=str(uuid.uuid4()),
            token=complaint.token,
            at=now,
            text=text,
            public=public,
            origin="desk",
        )
    )
    if public:
        complaint.revision = next_revision(session)
    audit.record(
        session,
        officer=officer.username,
        action=Action.NOTE,
        address=address,
        at=now,
        complaint=complaint,
        detail="public" if public else "internal",
    )


def move_status(
    session: Session,
    officer: OfficerView,
    token: str,
    target: str,
    reason: str,
    *,
    address: str,
    now: datetime,
) -> None:
    """Move the case along its lifecycle (received → verified → in progress → resolved /
    closed), with a reason; closing needs one.

    Raises:
        RefusedError: not the officer's, not a handler, a move the lifecycle has not, a close
            without a reason, or a reason too long.
    """
    complaint = find_case(session, officer, token)
    _handler(officer)
    try:
        wanted = Status(target)
    except ValueError:
        raise RefusedError("status_not_allowed") from None
    if wanted not in MOVES[Status(complaint.status)]:
        raise RefusedError("status_not_allowed")
    reason = reason.strip()
    if len(reason) > MAX_NOTE or (wanted is Status.CLOSED and not reason):
        raise RefusedError("reason_needed")
    session.add(
        ComplaintStatus(
            site_id=complaint.site_id,
            entry_id=str(uuid.uuid4()),
            token=complaint.token,
            status=wanted.value,
            at=now,
            reason=reason,
        )
    )
    complaint.status, complaint.status_changed_at = wanted.value, now
    complaint.revision = next_revision(session)
    audit.record(
        session,
        officer=officer.username,
        action=Action.STATUS,
        address=address,
        at=now,
        complaint=complaint,
        detail=f"{wanted.value}",
    )


def set_lapor(
    session: Session,
    officer: OfficerView,
    token: str,
    number: str,
    status: str,
    *,
    address: str,
    now: datetime,
) -> None:
    """The case's SP4N-LAPOR! tracking number and its status there (empty number: none).

    Raises:
        RefusedError: not the officer's, not a handler, a malformed number or unknown status.
    """
    complaint = find_case(session, officer, token)
    _handler(officer)
    number = number.strip()
    if len(number) > LAPOR_NUMBER_LENGTH or not all(c.isalnum() or c in "-/." for c in number):
        raise RefusedError("lapor_number")
    if number and status not in {s.value for s in LaporStatus}:
        raise RefusedError("lapor_status")
    complaint.lapor_number = number or None
    complaint.lapor_status = status if number else None
    audit.record(
        session,
        officer=officer.username,
        action=Action.LAPOR,
        address=address,
        at=now,
        complaint=complaint,
        detail=f"{number} {status}".strip() if number else "removed",
    )


def find_reference(session: Session, officer: OfficerView, reference: str) -> str | None:
    """The token of the complaint with ``reference`` among the officer's halls, or None."""
    wanted = reference.strip().upper()
    found = session.scalars(
        _scoped(select(Complaint).where(Complaint.reference == wanted), officer).limit(1)
    ).first()
    return found.token if found is not None else None


def category_codes() -> list[str]:
    """Every category code, in the order the kiosk offers them."""
    return [category.value for category in Category]


def key_opens(sealer: Sealer, complaint: Complaint) -> bool:
    """Whether ``sealer`` opens the complaint's personal answers (erased ones need no key)."""
    if complaint.erased_at is not None:
        return True
    try:
        sealer.open(complaint.personal_sealed, personal_place(complaint.site_id, complaint.token))
    except KeyFileError:
        return False
    return True


__all__ = ["Case", "Filters", "InboxRow", "LaporStatus", "RefusedError"]
