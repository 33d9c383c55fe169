"""ORM models of the central database: sites, devices, what the halls pushed, what it publishes.

Every table of hall-made rows carries ``site_id`` first in its key, with the record's public
token or the device-made UUID after it: the distribution column if the central database
ever outgrows one server. What the centre publishes to every hall (postings, the P3MI
registry, exchange rates) carries a ``revision`` from one global sequence, so that a pull
cursor is simply the highest revision a hall has seen.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from kiosk.infra.columns import UtcDateTime, named_metadata

SITE_ID = 64
TOKEN = 32
ENTRY_ID = 36  # a UUID in its canonical text form
REFERENCE = 20
CODE = 32
STATE = 16
SHORT_TEXT = 200
LAPOR = 40
USERNAME = 64
ADDRESS = 64
REVISION_SEQUENCE = "revision"
"""The row of ``sequences`` whose value is the last revision given out."""


class Base(DeclarativeBase):
    """Declarative base of the central database, with stable constraint names."""

    metadata = named_metadata()


def _site() -> Mapped[str]:
    return mapped_column(
        String(SITE_ID), ForeignKey("sites.site_id", ondelete="CASCADE"), primary_key=True
    )


class Site(Base):
    """A hall (MPP site) that feeds the centre; ``state`` is its last ``HallState`` as JSON."""

    __tablename__ = "sites"

    site_id: Mapped[str] = mapped_column(String(SITE_ID), primary_key=True)
    name: Mapped[str] = mapped_column(String(SHORT_TEXT))
    timezone: Mapped[str] = mapped_column(String(40))
    hotline: Mapped[str] = mapped_column(String(SHORT_TEXT))
    state: Mapped[str | None] = mapped_column(Text)
    last_sync_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Device(Base):
    """A hall device allowed to push for its site; only the SHA-256 of its token is kept."""

    __tablename__ = "devices"

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[str] = mapped_column(
        String(SITE_ID), ForeignKey("sites.site_id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(120))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_seen_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class AppliedEntry(Base):
    """An outbox entry already applied: the same id again changes nothing (idempotency)."""

    __tablename__ = "applied_entries"

    site_id: Mapped[str] = _site()
    entry_id: Mapped[str] = mapped_column(String(ENTRY_ID), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    token: Mapped[str] = mapped_column(String(TOKEN))
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Ticket(Base):
    """A queue ticket (nomor antrian) as its hall reported it; ``state`` projects its events."""

    __tablename__ = "tickets"
    __table_args__ = (
        # The public page counts the people ahead in one service's queue of one day.
        Index("ix_tickets_queue", "site_id", "day", "service_code", "state", "queued_at"),
    )

    site_id: Mapped[str] = _site()
    token: Mapped[str] = mapped_column(String(TOKEN), primary_key=True)
    reference: Mapped[str] = mapped_column(String(REFERENCE))
    number: Mapped[str] = mapped_column(String(8))
    service_code: Mapped[str] = mapped_column(String(CODE))
    day: Mapped[date] = mapped_column(Date)
    priority: Mapped[bool]
    state: Mapped[str] = mapped_column(String(STATE))
    counter_number: Mapped[int | None]
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime)
    queued_at: Mapped[datetime] = mapped_column(UtcDateTime)
    called_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    posting_token: Mapped[str | None] = mapped_column(String(TOKEN))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class TicketEvent(Base):
    """One event of a ticket at its hall (called, started, transferred, …), append-only."""

    __tablename__ = "ticket_events"
    __table_args__ = (
        ForeignKeyConstraint(
            ["site_id", "token"], ["tickets.site_id", "tickets.token"], ondelete="CASCADE"
        ),
        Index("ix_ticket_events_ticket", "site_id", "token", "at"),
    )

    site_id: Mapped[str] = _site()
    entry_id: Mapped[str] = mapped_column(String(ENTRY_ID), primary_key=True)
    token: Mapped[str] = mapped_column(String(TOKEN))
    event: Mapped[str] = mapped_column(String(STATE))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    counter_number: Mapped[int | None]
    service_code: Mapped[str | None] = mapped_column(String(CODE))


class Complaint(Base):
    """A complaint (pengaduan); the personal answers are sealed with the centre's key.

    ``revision`` moves whenever the status or a public note changes, so that the complaint's
    hall pulls it; it comes from the one global sequence (:data:`REVISION_SEQUENCE`).
    """

    __tablename__ = "complaints"
    __table_args__ = (Index("ix_complaints_pull", "site_id", "revision"),)

    site_id: Mapped[str] = _site()
    token: Mapped[str] = mapped_column(String(TOKEN), primary_key=True)
    reference: Mapped[str] = mapped_column(String(REFERENCE))
    day: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    urgent: Mapped[bool]
    categories: Mapped[str] = mapped_column(String(400))
    """Category codes separated by one space."""
    destination_country: Mapped[str | None] = mapped_column(String(8))
    reporter_masked: Mapped[str] = mapped_column(String(SHORT_TEXT))
    personal_sealed: Mapped[bytes] = mapped_column(LargeBinary)
    """AES-256-GCM of the JSON of the submitted ``personal`` answers."""
    key_id: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(STATE))
    status_changed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    revision: Mapped[int]
    lapor_number: Mapped[str | None] = mapped_column(String(LAPOR))
    """The SP4N-LAPOR! tracking number when the desk forwarded the case there."""
    lapor_status: Mapped[str | None] = mapped_column(String(STATE))
    erased_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    """When the personal fields were erased (retention or a data subject's request)."""


def _complaint_key() -> ForeignKeyConstraint:
    return ForeignKeyConstraint(
        ["site_id", "token"], ["complaints.site_id", "complaints.token"], ondelete="CASCADE"
    )


class ComplaintNote(Base):
    """A note on a complaint, written at the hall or at the desk; public ones are shown."""

    __tablename__ = "complaint_notes"
    __table_args__ = (
        _complaint_key(),
        Index("ix_complaint_notes_complaint", "site_id", "token", "at"),
    )

    site_id: Mapped[str] = _site()
    note_id: Mapped[str] = mapped_column(String(ENTRY_ID), primary_key=True)
    token: Mapped[str] = mapped_column(String(TOKEN))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    text: Mapped[str] = mapped_column(Text)
    public: Mapped[bool]
    origin: Mapped[str] = mapped_column(String(8))
    """``hall`` or ``desk``."""


class ComplaintStatus(Base):
    """One step of a complaint's status timeline."""

    __tablename__ = "complaint_statuses"
    __table_args__ = (
        _complaint_key(),
        Index("ix_complaint_statuses_complaint", "site_id", "token", "at"),
    )

    site_id: Mapped[str] = _site()
    entry_id: Mapped[str] = mapped_column(String(ENTRY_ID), primary_key=True)
    token: Mapped[str] = mapped_column(String(TOKEN))
    status: Mapped[str] = mapped_column(String(STATE))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    reason: Mapped[str] = mapped_column(Text, default="")


class Posting(Base):
    """A vacancy published to every hall: a ``kiosk.jobs.feed.PostingRecord`` as JSON."""

    __tablename__ = "postings"

    token: Mapped[str] = mapped_column(String(TOKEN), primary_key=True)
    feed_id: Mapped[str] = mapped_column(String(64), unique=True)
    record: Mapped[str] = mapped_column(Text)
    revision: Mapped[int] = mapped_column(index=True)


class P3mi(Base):
    """A placement company (P3MI) of the registry: a ``P3miRecord`` as JSON."""

    __tablename__ = "p3mi"

    licence_number: Mapped[str] = mapped_column(String(60), primary_key=True)
    record: Mapped[str] = mapped_column(Text)
    revision: Mapped[int] = mapped_column(index=True)


class Rate(Base):
    """An exchange rate published to the halls: a ``RateRecord`` as JSON."""

    __tablename__ = "rates"

    currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    record: Mapped[str] = mapped_column(Text)
    revision: Mapped[int] = mapped_column(index=True)


class Officer(Base):
    """An officer of the agency who works the complaint desk (petugas).

    ``sites`` is empty for an officer of every hall, else the site ids they may see,
    separated by one space. ``failed_attempts`` counts sign-in attempts since the last
    success; it is raised in the database itself before a password is checked, so parallel
    guesses cannot pass the limit; ``locked_at`` is when it reached the limit.
    """

    __tablename__ = "officers"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(USERNAME), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(STATE))
    sites: Mapped[str] = mapped_column(String(400))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    disabled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    failed_attempts: Mapped[int]
    locked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class DeskSession(Base):
    """A signed-in officer's session; only the SHA-256 of the cookie's token is kept."""

    __tablename__ = "desk_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    officer_id: Mapped[int] = mapped_column(
        ForeignKey("officers.id", ondelete="CASCADE"), index=True
    )
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime)
    address: Mapped[str] = mapped_column(String(ADDRESS))


class AuditEntry(Base):
    """One thing done at the desk (or by its commands): who, when, what, from where.

    Append-only: the database itself refuses to change or delete a row (triggers made by
    the migration). It names complaints by site, token and reference, never personal data.
    """

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_complaint", "site_id", "token"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    officer: Mapped[str] = mapped_column(String(USERNAME))
    action: Mapped[str] = mapped_column(String(32))
    address: Mapped[str] = mapped_column(String(ADDRESS))
    site_id: Mapped[str | None] = mapped_column(String(SITE_ID))
    token: Mapped[str | None] = mapped_column(String(TOKEN))
    reference: Mapped[str | None] = mapped_column(String(REFERENCE))
    detail: Mapped[str] = mapped_column(Text)


class SurveyAnswer(Base):
    """A served ticket's answers to the satisfaction survey (SKM), given on its public page.

    One per ticket, anonymous: the ticket's token (which the hall knows) and nothing of
    the visitor. ``u1``…``u9`` are the nine elements of PermenPANRB 14/2017, each 1 to 4.
    ``revision`` (from the global sequence) is what the ticket's hall pulls after.
    """

    __tablename__ = "survey_answers"
    __table_args__ = (
        ForeignKeyConstraint(
            ["site_id", "token"], ["tickets.site_id", "tickets.token"], ondelete="CASCADE"
        ),
        *(CheckConstraint(f"u{n} BETWEEN 1 AND 4", name=f"u{n}_scale") for n in range(1, 10)),
        Index("ix_survey_answers_pull", "site_id", "revision"),
    )

    site_id: Mapped[str] = _site()
    token: Mapped[str] = mapped_column(String(TOKEN), primary_key=True)
    answered_at: Mapped[datetime] = mapped_column(UtcDateTime)
    revision: Mapped[int]
    u1: Mapped[int]
    u2: Mapped[int]
    u3: Mapped[int]
    u4: Mapped[int]
    u5: Mapped[int]
    u6: Mapped[int]
    u7: Mapped[int]
    u8: Mapped[int]
    u9: Mapped[int]


class Sequence(Base):
    """A named counter; ``revision`` gives out the revisions of what halls pull.

    One row updated in the writing transaction, rather than a database sequence, so that
    revisions become visible in the order they were given: a hall that saw revision ``n``
    can never later find a commit with a smaller one.
    """

    __tablename__ = "sequences"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int]


__all__ = [
    "REVISION_SEQUENCE",
    "AppliedEntry",
    "AuditEntry",
    "Base",
    "Complaint",
    "ComplaintNote",
    "ComplaintStatus",
    "DeskSession",
    "Device",
    "Officer",
    "P3mi",
    "Posting",
    "Rate",
    "Sequence",
    "Site",
    "SurveyAnswer",
    "Ticket",
    "TicketEvent",
    "UtcDateTime",
]
