"""central tables: sites, devices, applied entries, tickets, complaints, what halls pull

Revision ID: 0001
Revises: (none)
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import central.models

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def _moment(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, central.models.UtcDateTime(timezone=True), nullable=nullable)


def _site(table: str) -> tuple[sa.Column[object], sa.ForeignKeyConstraint]:
    return (
        sa.Column("site_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["site_id"],
            ["sites.site_id"],
            name=op.f(f"fk_{table}_site_id_sites"),
            ondelete="CASCADE",
        ),
    )


def _of(table: str, parent: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["site_id", "token"],
        [f"{parent}.site_id", f"{parent}.token"],
        name=op.f(f"fk_{table}_site_id_{parent}"),
        ondelete="CASCADE",
    )


def _published(
    table: str, key: sa.Column[object], *extra: sa.Column[object] | sa.Constraint
) -> None:
    op.create_table(
        table,
        key,
        *extra,
        sa.Column("record", sa.Text(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(key.name, name=op.f(f"pk_{table}")),
    )
    op.create_index(op.f(f"ix_{table}_revision"), table, ["revision"])


def upgrade() -> None:
    op.create_table(
        "sites",
        sa.Column("site_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("timezone", sa.String(length=40), nullable=False),
        sa.Column("hotline", sa.String(length=200), nullable=False),
        sa.Column("state", sa.Text(), nullable=True),
        _moment("last_sync_at", nullable=True),
        _moment("created_at"),
        sa.PrimaryKeyConstraint("site_id", name=op.f("pk_sites")),
    )
    op.create_table(
        "devices",
        sa.Column("id", sa.Integer(), nullable=False),
        *_site("devices"),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        _moment("created_at"),
        _moment("revoked_at", nullable=True),
        _moment("last_seen_at", nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_devices")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_devices_token_hash")),
    )
    op.create_index(op.f("ix_devices_site_id"), "devices", ["site_id"])
    op.create_table(
        "applied_entries",
        *_site("applied_entries"),
        sa.Column("entry_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("token", sa.String(length=32), nullable=False),
        _moment("occurred_at"),
        _moment("received_at"),
        sa.PrimaryKeyConstraint("site_id", "entry_id", name=op.f("pk_applied_entries")),
    )
    op.create_table(
        "tickets",
        *_site("tickets"),
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("number", sa.String(length=8), nullable=False),
        sa.Column("service_code", sa.String(length=32), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("priority", sa.Boolean(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("counter_number", sa.Integer(), nullable=True),
        _moment("issued_at"),
        _moment("queued_at"),
        _moment("called_at", nullable=True),
        _moment("finished_at", nullable=True),
        sa.Column("posting_token", sa.String(length=32), nullable=True),
        _moment("updated_at"),
        sa.PrimaryKeyConstraint("site_id", "token", name=op.f("pk_tickets")),
    )
    op.create_index(
        "ix_tickets_queue", "tickets", ["site_id", "day", "service_code", "state", "queued_at"]
    )
    op.create_table(
        "ticket_events",
        *_site("ticket_events"),
        sa.Column("entry_id", sa.String(length=36), nullable=False),
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.Column("event", sa.String(length=16), nullable=False),
        _moment("at"),
        sa.Column("counter_number", sa.Integer(), nullable=True),
        sa.Column("service_code", sa.String(length=32), nullable=True),
        _of("ticket_events", "tickets"),
        sa.PrimaryKeyConstraint("site_id", "entry_id", name=op.f("pk_ticket_events")),
    )
    op.create_index("ix_ticket_events_ticket", "ticket_events", ["site_id", "token", "at"])
    op.create_table(
        "complaints",
        *_site("complaints"),
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        _moment("created_at"),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column("categories", sa.String(length=400), nullable=False),
        sa.Column("destination_country", sa.String(length=8), nullable=True),
        sa.Column("reporter_masked", sa.String(length=200), nullable=False),
        sa.Column("personal_sealed", sa.LargeBinary(), nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        _moment("status_changed_at"),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("site_id", "token", name=op.f("pk_complaints")),
    )
    op.create_index("ix_complaints_pull", "complaints", ["site_id", "revision"])
    op.create_table(
        "complaint_notes",
        *_site("complaint_notes"),
        sa.Column("note_id", sa.String(length=36), nullable=False),
        sa.Column("token", sa.String(length=32), nullable=False),
        _moment("at"),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("public", sa.Boolean(), nullable=False),
        sa.Column("origin", sa.String(length=8), nullable=False),
        _of("complaint_notes", "complaints"),
        sa.PrimaryKeyConstraint("site_id", "note_id", name=op.f("pk_complaint_notes")),
    )
    op.create_index("ix_complaint_notes_complaint", "complaint_notes", ["site_id", "token", "at"])
    op.create_table(
        "complaint_statuses",
        *_site("complaint_statuses"),
        sa.Column("entry_id", sa.String(length=36), nullable=False),
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        _moment("at"),
        sa.Column("reason", sa.Text(), nullable=False),
        _of("complaint_statuses", "complaints"),
        sa.PrimaryKeyConstraint("site_id", "entry_id", name=op.f("pk_complaint_statuses")),
    )
    op.create_index(
        "ix_complaint_statuses_complaint", "complaint_statuses", ["site_id", "token", "at"]
    )
    _published(
        "postings",
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.Column("feed_id", sa.String(length=64), nullable=False),
        sa.UniqueConstraint("feed_id", name=op.f("uq_postings_feed_id")),
    )
    _published("p3mi", sa.Column("licence_number", sa.String(length=60), nullable=False))
    _published("rates", sa.Column("currency", sa.String(length=3), nullable=False))
    sequences = op.create_table(
        "sequences",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_sequences")),
    )
    op.bulk_insert(sequences, [{"name": central.models.REVISION_SEQUENCE, "value": 0}])


def downgrade() -> None:
    for table in (
        "sequences",
        "rates",
        "p3mi",
        "postings",
        "complaint_statuses",
        "complaint_notes",
        "complaints",
        "ticket_events",
        "tickets",
        "applied_entries",
        "devices",
        "sites",
    ):
        op.drop_table(table)
