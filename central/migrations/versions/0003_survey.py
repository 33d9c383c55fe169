"""the satisfaction survey (SKM) answered on a ticket's public page: one answer per ticket

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import central.models

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "survey_answers",
        sa.Column("site_id", sa.String(length=64), nullable=False),
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.Column("answered_at", central.models.UtcDateTime(timezone=True), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        *(sa.Column(f"u{n}", sa.Integer(), nullable=False) for n in range(1, 10)),
        *(
            sa.CheckConstraint(f"u{n} BETWEEN 1 AND 4", name=op.f(f"ck_survey_answers_u{n}_scale"))
            for n in range(1, 10)
        ),
        sa.ForeignKeyConstraint(
            ["site_id"],
            ["sites.site_id"],
            name=op.f("fk_survey_answers_site_id_sites"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["site_id", "token"],
            ["tickets.site_id", "tickets.token"],
            name=op.f("fk_survey_answers_site_id_tickets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("site_id", "token", name=op.f("pk_survey_answers")),
    )
    op.create_index("ix_survey_answers_pull", "survey_answers", ["site_id", "revision"])


def downgrade() -> None:
    op.drop_index("ix_survey_answers_pull", table_name="survey_answers")
    op.drop_table("survey_answers")
