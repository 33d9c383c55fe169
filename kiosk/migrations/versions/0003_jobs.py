"""jobs info: P3MI registry, exchange rates, postings and their full-text index

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23

The full-text index differs by dialect and is not modelled: on SQLite an FTS5
external-content table over ``postings.search_text`` kept in sync by triggers; on
PostgreSQL a stored generated column ``search_vector = to_tsvector('simple', search_text)``
with a GIN index. A later SQLite batch migration that rebuilds ``postings`` must recreate
the triggers.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import kiosk.models

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None

_SQLITE_FTS = (
    "CREATE VIRTUAL TABLE postings_fts USING fts5(search_text, content='postings', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')",
    "CREATE TRIGGER postings_fts_insert AFTER INSERT ON postings BEGIN "
    "INSERT INTO postings_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER postings_fts_delete AFTER DELETE ON postings BEGIN "
    "INSERT INTO postings_fts(postings_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER postings_fts_update AFTER UPDATE OF search_text ON postings BEGIN "
    "INSERT INTO postings_fts(postings_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO postings_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
)
_POSTGRESQL_FTS = (
    "ALTER TABLE postings ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED",
    "CREATE INDEX ix_postings_search ON postings USING gin (search_vector)",
)


def upgrade() -> None:
    op.create_table(
        "exchange_rates",
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("idr_micros", sa.BigInteger(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("currency", name=op.f("pk_exchange_rates")),
    )
    op.create_table(
        "p3mi",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("licence_number", sa.String(length=60), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_key", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=False),
        sa.Column("head_office", sa.Text(), nullable=False),
        sa.Column("branches", sa.JSON(), nullable=False),
        sa.Column("updated_at", kiosk.models.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_p3mi")),
        sa.UniqueConstraint("licence_number", name=op.f("uq_p3mi_licence_number")),
    )
    op.create_table(
        "postings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feed_id", sa.String(length=64), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("public_token", sa.String(length=32), nullable=False),
        sa.Column("position", sa.String(length=200), nullable=False),
        sa.Column("sector", sa.String(length=16), nullable=False),
        sa.Column("job_type", sa.String(length=24), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("city", sa.String(length=200), nullable=False),
        sa.Column("scheme", sa.String(length=16), nullable=False),
        sa.Column("employer", sa.String(length=200), nullable=False),
        sa.Column("p3mi_id", sa.Integer(), nullable=True),
        sa.Column("quota", sa.Integer(), nullable=False),
        sa.Column("gender", sa.String(length=8), nullable=False),
        sa.Column("age_min", sa.Integer(), nullable=False),
        sa.Column("age_max", sa.Integer(), nullable=False),
        sa.Column("education", sa.String(length=8), nullable=False),
        sa.Column("requirements", sa.JSON(), nullable=False),
        sa.Column("salary_minor", sa.BigInteger(), nullable=False),
        sa.Column("salary_currency", sa.String(length=3), nullable=False),
        sa.Column("salary_period", sa.String(length=8), nullable=False),
        sa.Column("salary_idr", sa.BigInteger(), nullable=True),
        sa.Column("rate_date", sa.Date(), nullable=True),
        sa.Column("working_hours", sa.Text(), nullable=False),
        sa.Column("contract_months", sa.Integer(), nullable=False),
        sa.Column("benefits", sa.JSON(), nullable=False),
        sa.Column("worker_cost_idr", sa.BigInteger(), nullable=False),
        sa.Column("worker_cost_note", sa.Text(), nullable=False),
        sa.Column("how_to_apply", sa.Text(), nullable=False),
        sa.Column("posted_on", sa.Date(), nullable=False),
        sa.Column("closes_on", sa.Date(), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("verified_on", sa.Date(), nullable=True),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("updated_at", kiosk.models.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["p3mi_id"], ["p3mi.id"], name=op.f("fk_postings_p3mi_id_p3mi")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_postings")),
        sa.UniqueConstraint("feed_id", name=op.f("uq_postings_feed_id")),
        sa.UniqueConstraint("public_token", name=op.f("uq_postings_public_token")),
        sa.UniqueConstraint("reference", name=op.f("uq_postings_reference")),
    )
    with op.batch_alter_table("postings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_postings_country"), ["country"], unique=False)
        batch_op.create_index(batch_op.f("ix_postings_p3mi_id"), ["p3mi_id"], unique=False)
        batch_op.create_index(
            "ix_postings_shown", ["closes_on", "posted_on", "p3mi_id"], unique=False
        )
    fulltext = _SQLITE_FTS if op.get_bind().dialect.name == "sqlite" else _POSTGRESQL_FTS
    for statement in fulltext:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE postings_fts")  # its triggers go with the postings table
    op.drop_table("postings")
    op.drop_table("p3mi")
    op.drop_table("exchange_rates")
