"""hall_key: the fingerprint of the hall's complaints key; notes and outbox rows carry key ids

One key per hall: the fingerprint of the key that sealed the hall's complaints is recorded
so that a device holding another key refuses to seal with it. A hall with complaints
records the key id of its first complaint; a hall without waits for its first device to
record its key. Sealed notes and sealed outbox payloads now carry the id of their key,
filled from their complaint's.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import kiosk.models

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    hall_key = op.create_table(
        "hall_key",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("recorded_at", kiosk.models.UtcDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_hall_key_one_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hall_key")),
    )
    with op.batch_alter_table("complaint_notes") as batch:
        batch.add_column(sa.Column("key_id", sa.String(length=16), nullable=True))
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("key_id", sa.String(length=16), nullable=True))

    complaints = sa.table(
        "complaints",
        sa.column("id", sa.Integer()),
        sa.column("key_id", sa.String()),
        sa.column("public_token", sa.String()),
    )
    notes = sa.table(
        "complaint_notes",
        sa.column("complaint_id", sa.Integer()),
        sa.column("text", sa.LargeBinary()),
        sa.column("key_id", sa.String()),
    )
    outbox = sa.table(
        "outbox",
        sa.column("token", sa.String()),
        sa.column("payload", sa.Text()),
        sa.column("key_id", sa.String()),
    )
    first = (
        op.get_bind()
        .execute(sa.select(complaints.c.key_id).order_by(complaints.c.id).limit(1))
        .scalar()
    )
    if first is not None:
        op.execute(hall_key.insert().values(id=1, key_id=first, recorded_at=datetime.now(UTC)))
    op.execute(
        notes.update()
        .where(notes.c.text.is_not(None))
        .values(
            key_id=sa.select(complaints.c.key_id)
            .where(complaints.c.id == notes.c.complaint_id)
            .scalar_subquery()
        )
    )
    op.execute(
        outbox.update()
        .where(outbox.c.payload.like("sealed:%"))
        .values(
            key_id=sa.select(complaints.c.key_id)
            .where(complaints.c.public_token == outbox.c.token)
            .scalar_subquery()
        )
    )


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("key_id")
    with op.batch_alter_table("complaint_notes") as batch:
        batch.drop_column("key_id")
    op.drop_table("hall_key")
