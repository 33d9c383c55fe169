"""The hall database: where it lives and its migrations; the engine is ``kiosk.infra.db``'s."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
from sqlalchemy import Connection

from kiosk.infra import db as infra
from kiosk.infra.db import (
    Database,
    DatabaseError,
    SchemaState,
    migrate,
    pragmas,
    schema_status,
)
from kiosk.migrations import SCHEMA_HEAD

if TYPE_CHECKING:
    from alembic.config import Config

__all__ = [
    "APP_NAME",
    "MIGRATIONS_DIR",
    "Database",
    "DatabaseError",
    "SchemaState",
    "alembic_config",
    "data_dir",
    "migrate",
    "open_database",
    "pragmas",
    "resolve_url",
    "schema_status",
]

APP_NAME = "mpp-kiosk"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def hall_schema() -> infra.Schema:
    """The hall's migrations (read from ``MIGRATIONS_DIR`` at each call, tests move it)."""
    return infra.Schema(migrations=MIGRATIONS_DIR, head=SCHEMA_HEAD, lock=72_406_531, program="app")


def data_dir() -> Path:
    """The platform data directory of the kiosk (database, spool, keys)."""
    return platformdirs.user_data_path(APP_NAME)


def resolve_url(configured: str) -> str:
    """The database URL: the configured one, or the embedded SQLite file."""
    return configured or f"sqlite:///{data_dir() / 'hall.sqlite3'}"


def open_database(url: str) -> Database:
    """Create the engine for a hall database URL; no connection is made yet.

    Raises:
        DatabaseError: the URL is malformed or names an unsupported database.
    """
    return infra.open_database(url, hall_schema())


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic configuration for the hall's migrations, run on ``connection`` when given."""
    return infra.alembic_config(hall_schema(), connection)
