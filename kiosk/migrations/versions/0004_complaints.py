"""complaints (pengaduan): reports with encrypted personal fields, their notes, the access log

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import kiosk.models

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None

_SEALED_REQUIRED = ("reporter_name", "reporter_phone", "reporter_region", "worker_name")
_SEALED_OPTIONAL = (
    "reporter_nik",
    "worker_nik",
    "worker_passport",
    "destination_city",
    "employer",
    "p3mi",
    "job",
)


def _moment(name: str) -> sa.Column[object]:
    return sa.Column(name, kiosk.models.UtcDateTime(timezone=True), nullable=False)


def upgrade() -> None:
    op.create_table(
        "complaints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("public_token", sa.String(length=32), nullable=False),
        _moment("created_at"),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column("categories", sa.String(length=400), nullable=False),
        sa.Column("relation", sa.String(length=16), nullable=False),
        sa.Column("worker_gender", sa.String(length=8), nullable=False),
        sa.Column("destination_country", sa.String(length=8), nullable=False),
        sa.Column("departure_year", sa.Integer(), nullable=True),
        sa.Column("official_channel", sa.String(length=8), nullable=False),
        sa.Column("consent_proof", sa.String(length=40), nullable=False),
        sa.Column("consent_language", sa.String(length=8), nullable=False),
        _moment("consented_at"),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        *(sa.Column(name, sa.LargeBinary(), nullable=False) for name in _SEALED_REQUIRED),
        *(sa.Column(name, sa.LargeBinary(), nullable=True) for name in _SEALED_OPTIONAL),
        sa.Column("chronology", sa.LargeBinary(), nullable=False),
        sa.Column("request", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaints")),
        sa.UniqueConstraint("public_token", name=op.f("uq_complaints_public_token")),
        sa.UniqueConstraint("reference", name=op.f("uq_complaints_reference")),
    )
    op.create_index(op.f("ix_complaints_day"), "complaints", ["day"])
    op.create_table(
        "complaint_access",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        _moment("at"),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name=op.f("fk_complaint_access_complaint_id_complaints"),
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_complaint_access_staff_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint_access")),
    )
    op.create_index(op.f("ix_complaint_access_complaint_id"), "complaint_access", ["complaint_id"])
    op.create_table(
        "complaint_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        _moment("at"),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("status_from", sa.String(length=16), nullable=True),
        sa.Column("status_to", sa.String(length=16), nullable=True),
        sa.Column("text", sa.LargeBinary(), nullable=True),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name=op.f("fk_complaint_notes_complaint_id_complaints"),
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_complaint_notes_staff_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint_notes")),
    )
    op.create_index(op.f("ix_complaint_notes_complaint_id"), "complaint_notes", ["complaint_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_complaint_notes_complaint_id"), table_name="complaint_notes")
    op.drop_table("complaint_notes")
    op.drop_index(op.f("ix_complaint_access_complaint_id"), table_name="complaint_access")
    op.drop_table("complaint_access")
    op.drop_index(op.f("ix_complaints_day"), table_name="complaints")
    op.drop_table("complaints")
