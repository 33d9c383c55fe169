"""Alembic environment of the central database (the shared body: ``kiosk.infra.alembic_env``)."""

from __future__ import annotations

import os

from central.db import Database, open_database, resolve_url
from central.models import Base
from kiosk.infra.alembic_env import run_migrations


def _configured() -> Database:
    # Developer use (`alembic -c central/migrations/alembic.ini revision --autogenerate`):
    # the database named by MPP_CENTRAL_DATABASE_URL, or the embedded SQLite file.
    return open_database(resolve_url(os.environ.get("MPP_CENTRAL_DATABASE_URL", "")))


run_migrations(Base.metadata, _configured)
