"""The engine both sides share (kiosk.infra.db): SQLite settings, faults in one line."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import Column, Integer, Table

from kiosk.infra.columns import UtcDateTime, named_metadata
from kiosk.infra.db import (
    SQLITE_BUSY_TIMEOUT_MS,
    DatabaseError,
    Schema,
    open_database,
    pragmas,
    schema_status,
)

NO_MIGRATIONS = Schema(migrations=Path("nowhere"), head="0001", lock=1, program="test")


def test_sqlite_runs_in_wal_with_full_sync_and_foreign_keys(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'nested' / 'test.sqlite3'}", NO_MIGRATIONS)
    try:
        assert pragmas(db) == {
            "journal_mode": "wal",
            "synchronous": 2,
            "foreign_keys": 1,
            "busy_timeout": SQLITE_BUSY_TIMEOUT_MS,
        }
    finally:
        db.dispose()


def test_unreachable_postgresql_is_one_clear_line() -> None:
    db = open_database("postgresql+psycopg://nobody@127.0.0.1:9/nowhere", NO_MIGRATIONS)
    try:
        with pytest.raises(DatabaseError, match=r"^database unreachable: ") as caught:
            schema_status(db)
        assert "\n" not in str(caught.value)
    finally:
        db.dispose()


def test_malformed_and_unsupported_urls_are_refused() -> None:
    with pytest.raises(DatabaseError, match="malformed database URL"):
        open_database("not a url", NO_MIGRATIONS)
    with pytest.raises(DatabaseError, match="unsupported database 'mysql'"):
        open_database("mysql://localhost/x", NO_MIGRATIONS)


def test_naive_datetimes_are_refused(tmp_path: Path) -> None:
    metadata = named_metadata()
    moments = Table(
        "moments", metadata, Column("id", Integer, primary_key=True), Column("at", UtcDateTime)
    )
    db = open_database(f"sqlite:///{tmp_path / 'test.sqlite3'}", NO_MIGRATIONS)
    try:
        metadata.create_all(db.engine)
        with pytest.raises(Exception, match="naive datetime"), db.engine.begin() as connection:
            connection.execute(moments.insert().values(id=1, at=datetime(2026, 11, 23, 9, 0)))
    finally:
        db.dispose()
