"""ORM models of the hall database: services, counters, tickets, staff, jobs, complaints, sync."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from kiosk.infra.columns import UtcDateTime, named_metadata


class Base(DeclarativeBase):
    """Declarative base with stable constraint names for migrations."""

    metadata = named_metadata()


counter_services = Table(
    "counter_services",
    Base.metadata,
    Column("counter_number", ForeignKey("counters.number", ondelete="CASCADE"), primary_key=True),
    Column("service_code", ForeignKey("services.code", ondelete="CASCADE"), primary_key=True),
)


class Service(Base):
    """A service of the hall (layanan), mirrored from configuration."""

    __tablename__ = "services"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    letter: Mapped[str] = mapped_column(String(1))
    daily_quota: Mapped[int]
    priority_allowed: Mapped[bool]
    position: Mapped[int]


class ServiceDay(Base):
    """A service on one local day: the last number given and the supervisor's overrides.

    ``revision`` counts the supervisor's changes, so screens can see them cheaply.
    """

    __tablename__ = "service_days"

    service_code: Mapped[str] = mapped_column(
        ForeignKey("services.code", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    last_number: Mapped[int] = mapped_column(default=0)
    closed: Mapped[bool] = mapped_column(default=False)
    quota: Mapped[int | None]
    revision: Mapped[int] = mapped_column(default=0, server_default="0")


class Counter(Base):
    """A front-desk counter (loket)."""

    __tablename__ = "counters"

    number: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    location: Mapped[str] = mapped_column(String(120), default="")
    services: Mapped[list[Service]] = relationship(secondary=counter_services)


class Staff(Base):
    """A front-desk officer or supervisor who signs in with a personal PIN."""

    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(16))
    pin_hash: Mapped[str] = mapped_column(String(200))
    failed_attempts: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    active: Mapped[bool] = mapped_column(default=True)


class PinGateState(Base):
    """A PIN-only staff prompt (the kiosk's staff gesture): its wrong tries in a row and lock.

    Kept in the database so that a restart of the kiosk keeps the lock; one row per gate,
    ``kiosk`` made by the migration.
    """

    __tablename__ = "pin_gates"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    failed_attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)


class Ticket(Base):
    """A queue ticket (nomor antrian); ``state`` is the projection of its events."""

    __tablename__ = "tickets"
    __table_args__ = (
        # A number belongs to the service it was issued for, even after a transfer.
        UniqueConstraint("issued_service", "day", "sequence", name="uq_tickets_number_per_day"),
        Index("ix_tickets_queue", "state", "service_code", "priority", "queued_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    issued_service: Mapped[str] = mapped_column(ForeignKey("services.code"))
    service_code: Mapped[str] = mapped_column(ForeignKey("services.code"))
    day: Mapped[date] = mapped_column(Date)
    sequence: Mapped[int]
    number: Mapped[str] = mapped_column(String(8))
    priority: Mapped[bool]
    state: Mapped[str] = mapped_column(String(16))
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime)
    queued_at: Mapped[datetime] = mapped_column(UtcDateTime)
    counter_number: Mapped[int | None] = mapped_column(ForeignKey("counters.number"))
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    public_token: Mapped[str] = mapped_column(String(32), unique=True)
    # The vacancy the visitor came to register for ("Daftar sekarang"), if any.
    posting_id: Mapped[int | None] = mapped_column(ForeignKey("postings.id"))
    # The ticket's slip: None when none was asked for (a script's number), else
    # "printing" until the printer answered, then "printed" or "failed" (SlipState).
    slip: Mapped[str | None] = mapped_column(String(8))
    # Why a failed slip failed: the printer back-end's fault ("paper-out", "cover-open" ...).
    slip_fault: Mapped[str | None] = mapped_column(String(16))
    events: Mapped[list[TicketEvent]] = relationship(
        back_populates="ticket", order_by="TicketEvent.id"
    )
    posting: Mapped[Posting | None] = relationship()


class TicketEvent(Base):
    """One append-only transition of a ticket: what, when, who and at which counter."""

    __tablename__ = "ticket_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    counter_number: Mapped[int | None] = mapped_column(ForeignKey("counters.number"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    service_code: Mapped[str | None] = mapped_column(ForeignKey("services.code"))
    ticket: Mapped[Ticket] = relationship(back_populates="events")


class P3mi(Base):
    """A licensed placement company (P3MI) and its SIP3MI licence, from the jobs feed."""

    __tablename__ = "p3mi"

    id: Mapped[int] = mapped_column(primary_key=True)
    licence_number: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date] = mapped_column(Date)
    head_office: Mapped[str] = mapped_column(Text)
    branches: Mapped[list[str]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ExchangeRate(Base):
    """Rupiah per unit of a currency on a date, for the approximate rupiah of a salary."""

    __tablename__ = "exchange_rates"

    currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    idr_micros: Mapped[int] = mapped_column(BigInteger)
    as_of: Mapped[date] = mapped_column(Date)


class Posting(Base):
    """A vacancy abroad (lowongan), upserted from the jobs feed by ``feed_id``.

    Money is in integer minor units; ``search_text`` is the folded text the full-text index
    of migration 0003 covers (FTS5 on SQLite, a generated tsvector on PostgreSQL).
    """

    __tablename__ = "postings"
    __table_args__ = (Index("ix_postings_shown", "closes_on", "posted_on", "p3mi_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    feed_id: Mapped[str] = mapped_column(String(64), unique=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    public_token: Mapped[str] = mapped_column(String(32), unique=True)
    position: Mapped[str] = mapped_column(String(200))
    sector: Mapped[str] = mapped_column(String(16))
    job_type: Mapped[str | None] = mapped_column(String(24))
    country: Mapped[str] = mapped_column(String(2), index=True)
    city: Mapped[str] = mapped_column(String(200))
    scheme: Mapped[str] = mapped_column(String(16))
    employer: Mapped[str] = mapped_column(String(200))
    p3mi_id: Mapped[int | None] = mapped_column(ForeignKey("p3mi.id"), index=True)
    quota: Mapped[int]
    gender: Mapped[str] = mapped_column(String(8))
    age_min: Mapped[int]
    age_max: Mapped[int]
    education: Mapped[str] = mapped_column(String(8))
    requirements: Mapped[list[str]] = mapped_column(JSON)
    salary_minor: Mapped[int] = mapped_column(BigInteger)
    salary_currency: Mapped[str] = mapped_column(String(3))
    salary_period: Mapped[str] = mapped_column(String(8))
    salary_idr: Mapped[int | None] = mapped_column(BigInteger)
    rate_date: Mapped[date | None] = mapped_column(Date)
    working_hours: Mapped[str] = mapped_column(Text)
    contract_months: Mapped[int]
    benefits: Mapped[list[str]] = mapped_column(JSON)
    worker_cost_idr: Mapped[int] = mapped_column(BigInteger)
    worker_cost_note: Mapped[str] = mapped_column(Text)
    how_to_apply: Mapped[str] = mapped_column(Text)
    posted_on: Mapped[date] = mapped_column(Date)
    closes_on: Mapped[date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(200))
    verified_on: Mapped[date | None] = mapped_column(Date)
    search_text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    p3mi: Mapped[P3mi | None] = relationship()


class Complaint(Base):
    """A complaint about a migrant worker (pengaduan).

    Only codes, flags and dates are kept in clear; every value a person typed (names,
    NIK, passport, phone, region, places, chronology, request) is an AES-GCM ciphertext
    (``kiosk.infra.sealed``) under the hall's key, whose id ``key_id`` names. ``reference``
    finds a complaint without decrypting.
    """

    __tablename__ = "complaints"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    public_token: Mapped[str] = mapped_column(String(32), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    day: Mapped[date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(16))
    urgent: Mapped[bool]
    categories: Mapped[str] = mapped_column(String(400))
    relation: Mapped[str] = mapped_column(String(16))
    worker_gender: Mapped[str] = mapped_column(String(8))
    destination_country: Mapped[str] = mapped_column(String(8))
    departure_year: Mapped[int | None]
    official_channel: Mapped[str] = mapped_column(String(8))
    consent_proof: Mapped[str] = mapped_column(String(40))
    consent_language: Mapped[str] = mapped_column(String(8))
    consented_at: Mapped[datetime] = mapped_column(UtcDateTime)
    key_id: Mapped[str] = mapped_column(String(16))
    reporter_name: Mapped[bytes] = mapped_column(LargeBinary)
    reporter_nik: Mapped[bytes | None] = mapped_column(LargeBinary)
    reporter_phone: Mapped[bytes] = mapped_column(LargeBinary)
    reporter_region: Mapped[bytes] = mapped_column(LargeBinary)
    worker_name: Mapped[bytes] = mapped_column(LargeBinary)
    worker_nik: Mapped[bytes | None] = mapped_column(LargeBinary)
    worker_passport: Mapped[bytes | None] = mapped_column(LargeBinary)
    destination_city: Mapped[bytes | None] = mapped_column(LargeBinary)
    employer: Mapped[bytes | None] = mapped_column(LargeBinary)
    p3mi: Mapped[bytes | None] = mapped_column(LargeBinary)
    job: Mapped[bytes | None] = mapped_column(LargeBinary)
    chronology: Mapped[bytes] = mapped_column(LargeBinary)
    request: Mapped[bytes] = mapped_column(LargeBinary)
    notes: Mapped[list[ComplaintNote]] = relationship(order_by="ComplaintNote.id")


class ComplaintNote(Base):
    """A dated entry in a complaint's history: an officer's note, a status move, or both."""

    __tablename__ = "complaint_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    status_from: Mapped[str | None] = mapped_column(String(16))
    status_to: Mapped[str | None] = mapped_column(String(16))
    text: Mapped[bytes | None] = mapped_column(LargeBinary)
    key_id: Mapped[str | None] = mapped_column(String(16))
    """The id of the key that sealed ``text`` (none without a text)."""


class ComplaintAccess(Base):
    """One look at a complaint's personal data by an officer: who, when, and what for."""

    __tablename__ = "complaint_access"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    action: Mapped[str] = mapped_column(String(16))


class OutboxEntry(Base):
    """An entry for the central records service (kotak keluar), written with its record.

    ``id`` is the entry's UUIDv7 in its 36-character text form, so ordering by it is the
    order entries were made in and the order they are sent in. ``kind``, ``token`` and
    ``occurred_at`` are the contract entry's (``kiosk.sync.contract``), ``payload`` its
    payload as JSON. ``sent_at`` is set once the centre accepted the entry and
    ``refused_reason`` while it refuses it; ``attempts`` counts the pushes that carried it.
    No row is deleted before it is sent.
    """

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_unsent", "sent_at", "id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    token: Mapped[str] = mapped_column(String(32))
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime)
    payload: Mapped[str] = mapped_column(Text)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    refused_reason: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    key_id: Mapped[str | None] = mapped_column(String(16))
    """The id of the hall key that sealed ``payload`` (none for a clear payload)."""


class HallKey(Base):
    """The fingerprint of the hall's complaints key: one row, ``id`` 1 (``kiosk.hall_key``).

    Every device of the hall must hold the key with this ``key_id`` to seal anything; it
    changes only when the key is rotated.
    """

    __tablename__ = "hall_key"
    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    key_id: Mapped[str] = mapped_column(String(16))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)


class SyncState(Base):
    """The hall's own standing with the centre: one row, ``id`` 1.

    ``hall_token`` is the hall's public token, drawn once and never changed: the ``token``
    of every ``hall`` outbox entry. ``hall_state`` is the ``HallState`` JSON last put in
    the outbox, so a start with the same configuration writes no new entry.
    """

    __tablename__ = "sync_state"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    hall_token: Mapped[str] = mapped_column(String(32))
    hall_state: Mapped[str | None] = mapped_column(Text)


class CentralComplaint(Base):
    """A complaint of this hall as the centre's desk last left it, pulled by ``mpp-kiosk sync``.

    Keyed by the complaint's public token (``complaints.public_token``). ``status`` and
    ``changed_at`` are the centre's; ``public_notes`` the notes the agency made public for
    the family, oldest first, each ``{"note_id", "text", "known_at"}`` (``known_at``: when
    this hall first pulled it). ``pulled_at`` is when the hall last heard of it: the "as
    of" of Cek Status. Nothing here is personal data.
    """

    __tablename__ = "central_complaints"

    token: Mapped[str] = mapped_column(String(32), primary_key=True)
    status: Mapped[str] = mapped_column(String(16))
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    public_notes: Mapped[list[dict[str, str]]] = mapped_column(JSON)
    pulled_at: Mapped[datetime] = mapped_column(UtcDateTime)


class PullState(Base):
    """Where this hall's pulls from the centre stand: one row, ``id`` 1.

    ``cursor`` is the centre's opaque cursor after the last page applied, stored in the
    same transaction as that page; ``pulled_at`` the last time the centre answered a pull.
    """

    __tablename__ = "pull_state"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    cursor: Mapped[str] = mapped_column(String(64), default="")
    pulled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class SurveyAnswer(Base):
    """One served ticket's answers to the satisfaction survey (SKM): anonymous, one per ticket.

    ``u1``…``u9`` are the nine elements of PermenPANRB 14/2017 in its order, each 1 to 4;
    ``service_code`` and ``day`` are the ticket's (the report's period and service);
    ``channel`` is where it was given (``kiosk``, or ``web``: the ticket's public page, pulled
    from the centre). Nothing here names the visitor.
    """

    __tablename__ = "survey_answers"
    __table_args__ = (
        *(CheckConstraint(f"u{n} BETWEEN 1 AND 4", name=f"u{n}_scale") for n in range(1, 10)),
        Index("ix_survey_answers_period", "day", "service_code"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), unique=True)
    service_code: Mapped[str] = mapped_column(ForeignKey("services.code"))
    day: Mapped[date] = mapped_column(Date)
    answered_at: Mapped[datetime] = mapped_column(UtcDateTime)
    channel: Mapped[str] = mapped_column(String(8))
    u1: Mapped[int]
    u2: Mapped[int]
    u3: Mapped[int]
    u4: Mapped[int]
    u5: Mapped[int]
    u6: Mapped[int]
    u7: Mapped[int]
    u8: Mapped[int]
    u9: Mapped[int]


__all__ = [
    "Base",
    "CentralComplaint",
    "Complaint",
    "ComplaintAccess",
    "ComplaintNote",
    "Counter",
    "ExchangeRate",
    "OutboxEntry",
    "P3mi",
    "Posting",
    "PullState",
    "Service",
    "ServiceDay",
    "Staff",
    "SurveyAnswer",
    "SyncState",
    "Ticket",
    "TicketEvent",
    "UtcDateTime",
    "counter_services",
]
