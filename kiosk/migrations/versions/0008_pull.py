"""central_complaints: the centre's word on this hall's complaints; pull_state: the pull cursor

``mpp-kiosk sync`` pulls what the agency's desk changed (a complaint's status and public
notes) and keeps it here for the staff console and Cek Status; the cursor of the last page
applied is stored in the same transaction as the page. Nothing existing changes.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import kiosk.models

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "central_complaints",
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("changed_at", kiosk.models.UtcDateTime(timezone=True), nullable=False),
        sa.Column("public_notes", sa.JSON(), nullable=False),
        sa.Column("pulled_at", kiosk.models.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("token", name=op.f("pk_central_complaints")),
    )
    op.create_table(
        "pull_state",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("cursor", sa.String(length=64), nullable=False),
        sa.Column("pulled_at", kiosk.models.UtcDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pull_state")),
    )


def downgrade() -> None:
    op.drop_table("pull_state")
    op.drop_table("central_complaints")
