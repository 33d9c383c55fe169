"""The central database: migrations to head on both databases, models and migrations agree."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from central.db import (
    Database,
    DatabaseError,
    SchemaState,
    alembic_config,
    migrate,
    open_database,
    resolve_url,
    schema_status,
)
from central.migrations import SCHEMA_HEAD
from central.models import Base, Site, Ticket, TicketEvent
from central.revisions import last_revision, next_revision

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


def test_migrate_creates_the_schema_and_is_idempotent(database_url: str) -> None:
    db = open_database(database_url)
    try:
        assert schema_status(db).state is SchemaState.EMPTY
        first = migrate(db)
        assert first.state is SchemaState.CURRENT
        assert first.current == SCHEMA_HEAD
        assert migrate(db) == first
    finally:
        db.dispose()


def test_migrations_match_the_models(central_db: Database) -> None:
    with central_db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_schema_head_constant_is_alembics_head() -> None:
    from alembic.script import ScriptDirectory

    assert ScriptDirectory.from_config(alembic_config()).get_heads() == [SCHEMA_HEAD]


def test_every_table_but_the_published_ones_carries_site_id() -> None:
    published = {"postings", "p3mi", "rates", "sequences"}
    desk = {"officers", "desk_sessions", "audit_log"}  # the centre's own, of no one hall
    published |= desk
    for table in Base.metadata.sorted_tables:
        if table.name not in published:
            assert "site_id" in table.c, table.name
            assert table.primary_key.columns.keys()[0] == "site_id" or table.name == "devices"


def test_schema_from_a_newer_service_is_refused_and_left_alone(central_db: Database) -> None:
    with central_db.sessions.begin() as session:
        session.add(_site())
        session.execute(text("UPDATE alembic_version SET version_num = 'ffffffff'"))
    assert schema_status(central_db).state is SchemaState.NEWER
    with pytest.raises(DatabaseError, match="newer than this service"):
        migrate(central_db)
    with central_db.reads() as session:
        assert session.scalar(select(func.count()).select_from(Site)) == 1


def test_revisions_come_from_one_sequence_in_order(central_db: Database) -> None:
    with central_db.reads() as session:
        assert last_revision(session) == 0
    with central_db.sessions.begin() as session:
        assert [next_revision(session) for _ in range(3)] == [1, 2, 3]
    with central_db.sessions() as session:
        session.begin()
        assert next_revision(session) == 4
        session.rollback()
    with central_db.reads() as session:
        assert last_revision(session) == 3


def test_hall_rows_are_keyed_by_site_and_events_need_their_ticket(central_db: Database) -> None:
    with central_db.sessions.begin() as session:
        session.add_all([_site("mpp-a"), _site("mpp-b")])
    with central_db.sessions.begin() as session:
        session.add_all([_ticket("mpp-a"), _ticket("mpp-b")])  # one token, two sites
    with central_db.reads() as session:
        loaded = session.get_one(Ticket, ("mpp-a", "A" * 26))
        assert loaded.issued_at == NOW
        assert loaded.issued_at.tzinfo is not None
    with pytest.raises(IntegrityError), central_db.sessions.begin() as session:
        session.add(
            TicketEvent(
                site_id="mpp-a",
                entry_id="0" * 36,
                token="B" * 26,
                event="called",
                at=NOW,
            )
        )


def test_the_default_database_is_a_file_in_the_platform_data_dir(tmp_path: Path) -> None:
    assert resolve_url("") == f"sqlite:///{tmp_path / 'data' / 'mpp-central' / 'central.sqlite3'}"
    assert resolve_url("postgresql+psycopg://x/y") == "postgresql+psycopg://x/y"


def _site(site_id: str = "mpp-kab-probolinggo", created_at: datetime = NOW) -> Site:
    return Site(
        site_id=site_id,
        name="MPP Kabupaten Probolinggo",
        timezone="Asia/Jakarta",
        hotline="0800-1000",
        created_at=created_at,
    )


def _ticket(site_id: str) -> Ticket:
    return Ticket(
        site_id=site_id,
        token="A" * 26,
        reference="Q-261123-7K3M",
        number="A-001",
        service_code="registration",
        day=NOW.date(),
        priority=False,
        state="waiting",
        issued_at=NOW,
        queued_at=NOW,
        updated_at=NOW,
    )


def test_a_failed_upgrade_is_one_line_and_leaves_the_database_as_it_was(
    database_url: str,
) -> None:
    db = open_database(database_url)
    try:
        with db.engine.begin() as connection:
            connection.execute(text("CREATE TABLE sites (site_id VARCHAR(64) PRIMARY KEY)"))
        with pytest.raises(DatabaseError) as caught:
            migrate(db)
        message = str(caught.value)
        assert message.startswith("upgrade to schema 0001 failed: ")
        assert message.endswith("; the database was left empty")
        assert "\n" not in message
        assert schema_status(db).state is SchemaState.EMPTY
        with db.engine.connect() as connection:
            assert not db.engine.dialect.has_table(connection, "devices")
    finally:
        db.dispose()
