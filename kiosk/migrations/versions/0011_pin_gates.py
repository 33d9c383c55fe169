"""pin_gates: the kiosk's staff PIN prompt keeps its wrong tries and lock across a restart

Five wrong PINs at the kiosk's staff gesture lock the prompt for a while; the count and
the lock lived in the kiosk process, so a restart opened the prompt again. One row per
prompt, ``kiosk`` made here. Nothing existing changes.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import kiosk.models

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    gates = op.create_table(
        "pin_gates",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("locked_until", kiosk.models.UtcDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_pin_gates")),
    )
    op.bulk_insert(gates, [{"name": "kiosk", "failed_attempts": 0}])


def downgrade() -> None:
    op.drop_table("pin_gates")
