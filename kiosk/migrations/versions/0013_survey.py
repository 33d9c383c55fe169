"""survey_answers: the satisfaction survey (SKM), one anonymous answer per served ticket

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import kiosk.models

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "survey_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("service_code", sa.String(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("answered_at", kiosk.models.UtcDateTime(timezone=True), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        *(sa.Column(f"u{n}", sa.Integer(), nullable=False) for n in range(1, 10)),
        *(
            sa.CheckConstraint(f"u{n} BETWEEN 1 AND 4", name=op.f(f"ck_survey_answers_u{n}_scale"))
            for n in range(1, 10)
        ),
        sa.ForeignKeyConstraint(
            ["service_code"],
            ["services.code"],
            name=op.f("fk_survey_answers_service_code_services"),
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_survey_answers_ticket_id_tickets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_answers")),
        sa.UniqueConstraint("ticket_id", name=op.f("uq_survey_answers_ticket_id")),
    )
    op.create_index(
        "ix_survey_answers_period", "survey_answers", ["day", "service_code"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_survey_answers_period", table_name="survey_answers")
    op.drop_table("survey_answers")
