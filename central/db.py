"""The central database: where it lives and its migrations; the engine is ``kiosk.infra.db``'s,
the same choices as the hall's database (one transaction per upgrade, ``BEGIN IMMEDIATE``
for writers on SQLite).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
from sqlalchemy import Connection

from central.migrations import SCHEMA_HEAD
from kiosk.infra import db as infra
from kiosk.infra.db import (
    Database,
    DatabaseError,
    SchemaState,
    migrate,
    one_line,
    pragmas,
    schema_status,
)

if TYPE_CHECKING:
    from alembic.config import Config

__all__ = [
    "APP_NAME",
    "Database",
    "DatabaseError",
    "SchemaState",
    "alembic_config",
    "data_dir",
    "migrate",
    "one_line",
    "open_database",
    "pragmas",
    "resolve_url",
    "schema_status",
]

APP_NAME = "mpp-central"
CENTRAL_SCHEMA = infra.Schema(
    migrations=Path(__file__).with_name("migrations"),
    head=SCHEMA_HEAD,
    lock=72_406_532,
    program="service",
)


def data_dir() -> Path:
    """The platform data directory of the centre (SQLite file, complaints key)."""
    return platformdirs.user_data_path(APP_NAME)


def resolve_url(configured: str) -> str:
    """The database URL: the configured one, or the embedded SQLite file."""
    return configured or f"sqlite:///{data_dir() / 'central.sqlite3'}"


def open_database(url: str) -> Database:
    """Create the engine for a central database URL; no connection is made yet.

    Raises:
        DatabaseError: the URL is malformed or names an unsupported database.
    """
    return infra.open_database(url, CENTRAL_SCHEMA)


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic configuration for the central migrations, run on ``connection`` when given."""
    return infra.alembic_config(CENTRAL_SCHEMA, connection)
