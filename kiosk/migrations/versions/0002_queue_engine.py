"""queue engine: numbers unique per issued service; service_days.revision for pollers

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("service_days", schema=None) as batch_op:
        batch_op.add_column(sa.Column("revision", sa.Integer(), server_default="0", nullable=False))
    # A transferred ticket keeps its number: uniqueness follows the issued service.
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.drop_constraint("uq_tickets_number_per_day", type_="unique")
        batch_op.create_unique_constraint(
            "uq_tickets_number_per_day", ["issued_service", "day", "sequence"]
        )


def downgrade() -> None:
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.drop_constraint("uq_tickets_number_per_day", type_="unique")
        batch_op.create_unique_constraint(
            "uq_tickets_number_per_day", ["service_code", "day", "sequence"]
        )
    with op.batch_alter_table("service_days", schema=None) as batch_op:
        batch_op.drop_column("revision")
