"""queue tables: services, counters, tickets, events, staff

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import kiosk.models

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "counters",
        sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("location", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_counters")),
    )
    op.create_table(
        "services",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("letter", sa.String(length=1), nullable=False),
        sa.Column("daily_quota", sa.Integer(), nullable=False),
        sa.Column("priority_allowed", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_services")),
    )
    op.create_table(
        "staff",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("pin_hash", sa.String(length=200), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", kiosk.models.UtcDateTime(timezone=True), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff")),
        sa.UniqueConstraint("username", name=op.f("uq_staff_username")),
    )
    op.create_table(
        "counter_services",
        sa.Column("counter_number", sa.Integer(), nullable=False),
        sa.Column("service_code", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["counter_number"],
            ["counters.number"],
            name=op.f("fk_counter_services_counter_number_counters"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["service_code"],
            ["services.code"],
            name=op.f("fk_counter_services_service_code_services"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("counter_number", "service_code", name=op.f("pk_counter_services")),
    )
    op.create_table(
        "service_days",
        sa.Column("service_code", sa.String(length=32), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.Column("closed", sa.Boolean(), nullable=False),
        sa.Column("quota", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["service_code"],
            ["services.code"],
            name=op.f("fk_service_days_service_code_services"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("service_code", "day", name=op.f("pk_service_days")),
    )
    op.create_table(
        "tickets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("issued_service", sa.String(length=32), nullable=False),
        sa.Column("service_code", sa.String(length=32), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=8), nullable=False),
        sa.Column("priority", sa.Boolean(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("issued_at", kiosk.models.UtcDateTime(timezone=True), nullable=False),
        sa.Column("queued_at", kiosk.models.UtcDateTime(timezone=True), nullable=False),
        sa.Column("counter_number", sa.Integer(), nullable=True),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("public_token", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["counter_number"], ["counters.number"], name=op.f("fk_tickets_counter_number_counters")
        ),
        sa.ForeignKeyConstraint(
            ["issued_service"], ["services.code"], name=op.f("fk_tickets_issued_service_services")
        ),
        sa.ForeignKeyConstraint(
            ["service_code"], ["services.code"], name=op.f("fk_tickets_service_code_services")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tickets")),
        sa.UniqueConstraint("public_token", name=op.f("uq_tickets_public_token")),
        sa.UniqueConstraint("reference", name=op.f("uq_tickets_reference")),
        sa.UniqueConstraint("service_code", "day", "sequence", name="uq_tickets_number_per_day"),
    )
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.create_index(
            "ix_tickets_queue", ["state", "service_code", "priority", "queued_at"], unique=False
        )

    op.create_table(
        "ticket_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("at", kiosk.models.UtcDateTime(timezone=True), nullable=False),
        sa.Column("counter_number", sa.Integer(), nullable=True),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("service_code", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["counter_number"],
            ["counters.number"],
            name=op.f("fk_ticket_events_counter_number_counters"),
        ),
        sa.ForeignKeyConstraint(
            ["service_code"], ["services.code"], name=op.f("fk_ticket_events_service_code_services")
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_ticket_events_staff_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_ticket_events_ticket_id_tickets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket_events")),
    )
    with op.batch_alter_table("ticket_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ticket_events_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_ticket_events_ticket_id"), ["ticket_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("ticket_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ticket_events_ticket_id"))
        batch_op.drop_index(batch_op.f("ix_ticket_events_at"))

    op.drop_table("ticket_events")
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.drop_index("ix_tickets_queue")

    op.drop_table("tickets")
    op.drop_table("service_days")
    op.drop_table("counter_services")
    op.drop_table("staff")
    op.drop_table("services")
    op.drop_table("counters")
