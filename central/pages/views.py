"""What a public page shows, read from the central tables into frozen views (no web, no Qt).

A token from a slip's QR code names a ticket, a complaint or a posting. :func:`find_record`
looks it up and returns a :class:`TicketPage`, :class:`ComplaintPage` or
:class:`PostingPage`, or None for anything that must look like "not found": an unknown
token, a ticket older than :attr:`PagePolicy.ticket_days_shown`, a posting closed for longer
than :attr:`PagePolicy.posting_days_after_close`. Names the hall sent per language (its
services and counters) are picked here; catalog words are the templates' business.

Every function takes an open ``Session`` and never commits.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Final, TypeVar
from zoneinfo import ZoneInfo

from pydantic import ValidationError
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from central.models import Complaint, ComplaintNote, ComplaintStatus, P3mi, Posting, Rate, Site
from central.models import Ticket as TicketRow
from central.models import TicketEvent as TicketEventRow
from central.pages.survey import may_answer
from kiosk.i18n import DEFAULT_LANGUAGE
from kiosk.jobs.feed import P3miRecord, PostingRecord, RateRecord
from kiosk.sync.contract import CounterState, HallState, ServiceState

ZONE_NAMES: Final = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}
"""The Indonesian name of each zone a hall can be in."""
CENTRAL_ZONE: Final = "Asia/Jakarta"
"""The zone whose date decides whether a posting is closed or a licence valid."""
VERIFY_WORKING_DAYS: Final = 3
ANSWER_WORKING_DAYS: Final = 5
"""SP4N-LAPOR!: a report is verified within 3 working days and answered within 5."""
MIN_SERVICE_MINUTES: Final = 1.0
"""No visit counts as shorter than a minute, so people ahead never read as no wait."""
T = TypeVar("T")


class TicketPhase(enum.StrEnum):
    """Where a ticket stands as its page tells it (the ticket's state, and a little more)."""

    WAITING = "waiting"
    CALLED = "called"
    SERVING = "serving"
    DONE = "done"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"
    TRANSFERRED = "transferred"
    """Waiting again, in the queue of another service."""
    EXPIRED = "expired"
    """Still open on a day that is over."""

    @property
    def final(self) -> bool:
        """Whether nothing more will happen to the ticket (its page stops refreshing)."""
        return self in _FINAL


_FINAL: Final = frozenset(
    {TicketPhase.DONE, TicketPhase.NO_SHOW, TicketPhase.CANCELLED, TicketPhase.EXPIRED}
)
_QUEUED: Final = frozenset({TicketPhase.WAITING, TicketPhase.TRANSFERRED})


class Standing(enum.StrEnum):
    """A placement company's licence on the day asked, or its absence from the registry."""

    LICENSED = "licensed"
    SUSPENDED = "suspended"
    REVOKED = "revoked"
    EXPIRED = "expired"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class PagePolicy:
    """How fresh, how often and how long: the ``[public]`` settings and a few fixed rules."""

    stale_after: timedelta = timedelta(seconds=120)
    refresh_seconds: int = 15
    refresh_seconds_near: int = 5
    near_ahead: int = 5
    """At most this many people ahead: the page refreshes every ``refresh_seconds_near``."""
    ticket_days_shown: int = 7
    """A ticket's page answers for this many days after its day, then it is not found."""
    posting_days_after_close: int = 90
    """A closed posting says so for this many days, then it is not found."""
    holidays: frozenset[date] = frozenset()
    """Public holidays: not working days for the SP4N-LAPOR! clocks."""


@dataclass(frozen=True)
class Freshness:
    """How old the hall's data is: its last sync in the hall's time, and whether that is stale."""

    as_of: datetime | None
    zone: str
    stale: bool
    today: bool
    """Whether ``as_of`` is on the hall's current day (else the page names its date too)."""


@dataclass(frozen=True)
class TicketPage:
    """A queue ticket (nomor antrian) as its owner's phone shows it."""

    token: str
    reference: str
    number: str
    priority: bool
    day: date
    hall: str
    service: str
    """The service the ticket is queued in now (a transfer's target)."""
    phase: TicketPhase
    counter: str | None
    """The counter that called or serves the ticket, by the name the hall gave it."""
    counter_number: int | None
    people_ahead: int | None
    wait_minutes: int | None
    freshness: Freshness
    refresh_seconds: int | None
    """How often the page refreshes itself; None once the ticket is final."""
    hotline: str
    survey: bool = False
    """Whether the ticket may answer the satisfaction survey now (served, recent, unanswered)."""
    kind: str = "ticket"


@dataclass(frozen=True)
class TimelineItem:
    """One line of a complaint's history: its submission, a status, or a public note."""

    at: datetime
    status: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class ComplaintPage:
    """A complaint (pengaduan) as the reporter's family sees it: no personal data."""

    token: str
    reference: str
    day: date
    hall: str
    urgent: bool
    categories: tuple[str, ...]
    reporter_masked: str
    status: str
    timeline: tuple[TimelineItem, ...]
    """Oldest first; the first item is the submission."""
    verify_by: date | None
    answer_by: date | None
    zone: str
    hotline: str
    kind: str = "complaint"


@dataclass(frozen=True)
class P3miPage:
    """The placement company (P3MI) of a posting and its licence standing today."""

    licence_number: str
    name: str | None
    standing: Standing
    valid_from: date | None
    valid_until: date | None


@dataclass(frozen=True)
class PostingPage:
    """A vacancy (lowongan) in plain words, with what makes it safe to apply to."""

    token: str
    position: str
    sector: str
    job_type: str | None
    country: str
    city: str
    scheme: str
    employer: str
    quota: int
    gender: str
    age_min: int
    age_max: int
    education: str
    requirements: tuple[str, ...]
    salary_currency: str
    salary_amount: Decimal
    salary_period: str
    salary_idr: int | None
    rate_date: date | None
    working_hours: str
    contract_months: int
    benefits: tuple[str, ...]
    worker_cost_idr: int
    worker_cost_note: str
    how_to_apply: str
    posted_on: date
    closes_on: date
    closed: bool
    p3mi: P3miPage | None
    """None for a scheme without a placement company (G to G, UKPS, mandiri)."""
    official: bool
    """Open, and through a licensed company or a government scheme."""
    source: str | None
    kind: str = "posting"


RecordPage = TicketPage | ComplaintPage | PostingPage


def find_record(
    session: Session, token: str, now: datetime, language: str, policy: PagePolicy
) -> RecordPage | None:
    """The page of the record a public token names, or None when it must look unknown.

    Args:
        session: an open session; nothing is written.
        token: the token from the URL, already checked to be one.
        now: the current moment (aware).
        language: picks the names the hall sent per language.
        policy: freshness, refresh and expiry rules.
    """
    ticket = session.scalars(select(TicketRow).where(TicketRow.token == token)).first()
    if ticket is not None:
        return ticket_page(session, ticket, now, language, policy)
    complaint = session.scalars(select(Complaint).where(Complaint.token == token)).first()
    if complaint is not None:
        return complaint_page(session, complaint, language, policy.holidays)
    posting = session.get(Posting, token)
    if posting is not None:
        return posting_page(session, posting, now, policy)
    return None


def ticket_page(
    session: Session, ticket: TicketRow, now: datetime, language: str, policy: PagePolicy
) -> TicketPage | None:
    """A ticket's page, or None once it is older than the policy shows."""
    site = session.get(Site, ticket.site_id)
    if site is None:
        return None
    hall = hall_state(site)
    zone = ZoneInfo(site.timezone)
    today = now.astimezone(zone).date()
    if (today - ticket.day).days > policy.ticket_days_shown:
        return None
    phase = _phase(session, ticket, today)
    service = _service(hall, ticket.service_code)
    ahead: int | None = None
    wait: int | None = None
    if phase in _QUEUED:
        ahead = people_ahead(session, ticket)
        if service is not None:
            wait = estimate_minutes(ahead, service)
    counter_number = (
        ticket.counter_number if phase in (TicketPhase.CALLED, TicketPhase.SERVING) else None
    )
    code = ticket.service_code
    service_name = _pick(service.names, language, code) if service is not None else code
    return TicketPage(
        token=ticket.token,
        reference=ticket.reference,
        number=ticket.number,
        priority=ticket.priority,
        day=ticket.day,
        hall=hall.name if hall is not None else site.name,
        service=service_name,
        phase=phase,
        counter=_counter_name(hall, counter_number, language),
        counter_number=counter_number,
        people_ahead=ahead,
        wait_minutes=wait,
        freshness=freshness(site, now, policy),
        refresh_seconds=refresh_seconds(phase, ahead, policy),
        hotline=hall.hotline if hall is not None else site.hotline,
        survey=phase is TicketPhase.DONE and may_answer(session, ticket.token, now),
    )


def refresh_seconds(phase: TicketPhase, ahead: int | None, policy: PagePolicy) -> int | None:
    """How often a ticket's page refreshes: often when the visitor is close, never once final."""
    if phase.final:
        return None
    near = phase is TicketPhase.CALLED or (ahead is not None and ahead <= policy.near_ahead)
    return policy.refresh_seconds_near if near else policy.refresh_seconds


def _phase(session: Session, ticket: TicketRow, today: date) -> TicketPhase:
    try:
        phase = TicketPhase(ticket.state)
    except ValueError:  # a state this version does not know: the visitor still waits
        phase = TicketPhase.WAITING
    if phase.final:
        return phase
    if ticket.day < today:
        return TicketPhase.EXPIRED
    if phase is TicketPhase.WAITING:
        last = session.scalars(
            select(TicketEventRow.event)
            .where(TicketEventRow.site_id == ticket.site_id, TicketEventRow.token == ticket.token)
            .order_by(TicketEventRow.at.desc(), TicketEventRow.entry_id.desc())
            .limit(1)
        ).first()
        if last == "transferred":
            return TicketPhase.TRANSFERRED
    return phase


def people_ahead(session: Session, ticket: TicketRow) -> int:
    """Waiting tickets of the same service and day queued before this one.

    A priority ticket counts only the priority tickets ahead of it: they are called first.
    """
    earlier = or_(
        TicketRow.queued_at < ticket.queued_at,
        and_(TicketRow.queued_at == ticket.queued_at, TicketRow.issued_at < ticket.issued_at),
    )
    query = select(func.count()).where(
        TicketRow.site_id == ticket.site_id,
        TicketRow.day == ticket.day,
        TicketRow.service_code == ticket.service_code,
        TicketRow.state == "waiting",
        TicketRow.token != ticket.token,
        earlier,
    )
    if ticket.priority:
        query = query.where(TicketRow.priority.is_(True))
    return session.scalar(query) or 0


def estimate_minutes(ahead: int, service: ServiceState) -> int:
    """``ceil(ahead × typical_service_minutes ÷ active_counters)``, as the hall estimates."""
    per_visit = max(service.typical_service_minutes, MIN_SERVICE_MINUTES)
    return math.ceil(ahead * per_visit / max(service.active_counters, 1))


def hall_state(site: Site) -> HallState | None:
    """The hall's last reported services and counters, or None before the first report."""
    if not site.state:
        return None
    try:
        return HallState.model_validate_json(site.state)
    except ValidationError:
        return None


def freshness(site: Site, now: datetime, policy: PagePolicy) -> Freshness:
    """When the hall last synced, in its own zone, and whether that is too long ago."""
    zone = ZoneInfo(site.timezone)
    synced = site.last_sync_at.astimezone(zone) if site.last_sync_at is not None else None
    return Freshness(
        as_of=synced,
        zone=ZONE_NAMES.get(site.timezone, site.timezone),
        stale=synced is None or now - synced > policy.stale_after,
        today=synced is not None and synced.date() == now.astimezone(zone).date(),
    )


def _service(hall: HallState | None, code: str) -> ServiceState | None:
    if hall is None:
        return None
    return next((s for s in hall.services if s.code == code), None)


def _counter_name(hall: HallState | None, number: int | None, language: str) -> str | None:
    if number is None or hall is None:
        return None
    counter: CounterState | None = next((c for c in hall.counters if c.number == number), None)
    return _pick(counter.names, language, None) if counter is not None else None


def _pick(names: Mapping[str, str], language: str, fallback: T) -> str | T:
    """The name in ``language``, else in Indonesian, else any, else ``fallback``."""
    return (
        names.get(language) or names.get(DEFAULT_LANGUAGE) or next(iter(names.values()), fallback)
    )


def complaint_page(
    session: Session, complaint: Complaint, language: str, holidays: frozenset[date] = frozenset()
) -> ComplaintPage:
    """A complaint's page: reference, categories, status timeline with public notes only."""
    site = session.get(Site, complaint.site_id)
    hall = hall_state(site) if site is not None else None
    timezone = site.timezone if site is not None else CENTRAL_ZONE
    zone = ZoneInfo(timezone)
    statuses = session.execute(
        select(ComplaintStatus.at, ComplaintStatus.status)
        .where(
            ComplaintStatus.site_id == complaint.site_id,
            ComplaintStatus.token == complaint.token,
        )
        .order_by(ComplaintStatus.at, ComplaintStatus.entry_id)
    ).all()
    notes = session.execute(
        select(ComplaintNote.at, ComplaintNote.text)
        .where(
            ComplaintNote.site_id == complaint.site_id,
            ComplaintNote.token == complaint.token,
            ComplaintNote.public.is_(True),
        )
        .order_by(ComplaintNote.at, ComplaintNote.note_id)
    ).all()
    items = [TimelineItem(at=at.astimezone(zone), status=status) for at, status in statuses]
    items += [TimelineItem(at=at.astimezone(zone), note=text) for at, text in notes]
    items.sort(key=lambda item: item.at)
    submitted = TimelineItem(at=complaint.created_at.astimezone(zone))
    verify_by, answer_by = deadlines(complaint, zone, holidays)
    return ComplaintPage(
        token=complaint.token,
        reference=complaint.reference,
        day=complaint.day,
        hall=hall.name if hall is not None else (site.name if site is not None else ""),
        urgent=complaint.urgent,
        categories=tuple(complaint.categories.split()),
        reporter_masked=complaint.reporter_masked,
        status=complaint.status,
        timeline=(submitted, *items),
        verify_by=verify_by,
        answer_by=answer_by,
        zone=ZONE_NAMES.get(timezone, timezone),
        hotline=hall.hotline if hall is not None else (site.hotline if site is not None else ""),
    )


def deadlines(
    complaint: Complaint, zone: ZoneInfo, holidays: frozenset[date]
) -> tuple[date | None, date | None]:
    """By when a complaint is to be verified and answered (None once past that step).

    Received: verified within 3 working days of its submission, answered within 5 working
    days after that. Verified: answered within 5 working days of its verification.
    """
    if complaint.status == "received":
        created = complaint.created_at.astimezone(zone).date()
        verify_by = add_working_days(created, VERIFY_WORKING_DAYS, holidays)
        return verify_by, add_working_days(verify_by, ANSWER_WORKING_DAYS, holidays)
    if complaint.status == "verified":
        verified_on = complaint.status_changed_at.astimezone(zone).date()
        return None, add_working_days(verified_on, ANSWER_WORKING_DAYS, holidays)
    return None, None


def add_working_days(start: date, days: int, holidays: frozenset[date] = frozenset()) -> date:
    """The date ``days`` working days (Monday to Friday, not a holiday) after ``start``."""
    day = start
    left = days
    while left > 0:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in holidays:
            left -= 1
    return day


def posting_page(
    session: Session, posting: Posting, now: datetime, policy: PagePolicy
) -> PostingPage | None:
    """A posting's page, or None when it closed too long ago (or its record is unreadable)."""
    try:
        record = PostingRecord.model_validate_json(posting.record)
    except ValidationError:
        return None
    today = now.astimezone(ZoneInfo(CENTRAL_ZONE)).date()
    if (today - record.closes_on).days > policy.posting_days_after_close:
        return None
    closed = today > record.closes_on
    p3mi = None
    if record.p3mi_licence is not None:
        p3mi = p3mi_standing(session, record.p3mi_licence, today)
    rate = _rate(session, record.salary.currency)
    salary_idr = None
    if rate is not None:
        salary_idr = int((record.salary.amount * rate.idr).to_integral_value(ROUND_HALF_UP))
    licensed = p3mi is None or p3mi.standing is Standing.LICENSED
    return PostingPage(
        token=posting.token,
        position=record.position,
        sector=record.sector.value,
        job_type=record.job_type.value if record.job_type is not None else None,
        country=record.country,
        city=record.city,
        scheme=record.scheme.value,
        employer=record.employer,
        quota=record.quota,
        gender=record.gender.value,
        age_min=record.age.min,
        age_max=record.age.max,
        education=record.education.value,
        requirements=tuple(record.requirements),
        salary_currency=record.salary.currency,
        salary_amount=record.salary.amount,
        salary_period=record.salary.period.value,
        salary_idr=salary_idr,
        rate_date=rate.as_of if rate is not None else None,
        working_hours=record.working_hours,
        contract_months=record.contract_months,
        benefits=tuple(record.benefits),
        worker_cost_idr=record.worker_costs.amount_idr,
        worker_cost_note=record.worker_costs.note,
        how_to_apply=record.how_to_apply,
        posted_on=record.posted_on,
        closes_on=record.closes_on,
        closed=closed,
        p3mi=p3mi,
        official=licensed and not closed,
        source=record.source,
    )


def p3mi_standing(session: Session, licence_number: str, today: date) -> P3miPage:
    """A licence's standing on ``today``: its registry status, or expired outside its dates."""
    row = session.get(P3mi, licence_number)
    record = None
    if row is not None:
        try:
            record = P3miRecord.model_validate_json(row.record)
        except ValidationError:
            record = None
    if record is None:
        return P3miPage(licence_number, None, Standing.UNKNOWN, None, None)
    if record.status.value == "suspended":
        standing = Standing.SUSPENDED
    elif record.status.value == "revoked":
        standing = Standing.REVOKED
    elif record.valid_from <= today <= record.valid_until:
        standing = Standing.LICENSED
    else:
        standing = Standing.EXPIRED
    dated = standing in (Standing.LICENSED, Standing.EXPIRED)  # revoked is valid until no day
    return P3miPage(
        licence_number=record.licence_number,
        name=record.name,
        standing=standing,
        valid_from=record.valid_from if dated else None,
        valid_until=record.valid_until if dated else None,
    )


def _rate(session: Session, currency: str) -> RateRecord | None:
    row = session.get(Rate, currency)
    if row is None:
        return None
    try:
        return RateRecord.model_validate_json(row.record)
    except ValidationError:
        return None
