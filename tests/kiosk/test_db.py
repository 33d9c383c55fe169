"""The hall database: migrations on SQLite and PostgreSQL, pragmas, faults without damage."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select, text

from kiosk.db import DatabaseError, SchemaState, migrate, open_database, schema_status
from kiosk.migrations.search_index import include_name
from kiosk.models import Base, Service


def test_migrate_creates_the_schema_and_is_idempotent(database_url: str) -> None:
    db = open_database(database_url)
    try:
        assert schema_status(db).state is SchemaState.EMPTY
        first = migrate(db)
        assert first.state is SchemaState.CURRENT
        assert migrate(db) == first
    finally:
        db.dispose()


def test_migrations_match_the_models(database_url: str) -> None:
    db = open_database(database_url)
    try:
        migrate(db)
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"include_name": include_name})
            differences = compare_metadata(context, Base.metadata)
        assert differences == []
    finally:
        db.dispose()


def test_schema_from_a_newer_app_is_refused_and_left_alone(database_url: str) -> None:
    db = open_database(database_url)
    try:
        migrate(db)
        with db.sessions.begin() as session:
            session.add(
                Service(code="x", letter="X", daily_quota=1, priority_allowed=False, position=0)
            )
            session.execute(text("UPDATE alembic_version SET version_num = 'ffffffff'"))
        assert schema_status(db).state is SchemaState.NEWER
        with pytest.raises(DatabaseError, match="newer than this app"):
            migrate(db)
        with db.reads() as session:
            assert session.scalar(select(func.count()).select_from(Service)) == 1
    finally:
        db.dispose()


def test_schema_head_constant_is_alembics_head() -> None:
    from alembic.script import ScriptDirectory

    from kiosk.db import alembic_config
    from kiosk.migrations import SCHEMA_HEAD

    assert ScriptDirectory.from_config(alembic_config()).get_heads() == [SCHEMA_HEAD]
