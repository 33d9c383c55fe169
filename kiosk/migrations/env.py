"""Alembic environment of the hall database (the shared body: ``kiosk.infra.alembic_env``)."""

from __future__ import annotations

from kiosk.db import Database, open_database, resolve_url
from kiosk.infra.alembic_env import run_migrations
from kiosk.migrations.search_index import include_name
from kiosk.models import Base


def _configured() -> Database:
    # Developer use (`alembic -c kiosk/migrations/alembic.ini revision --autogenerate`):
    # the database of the configuration in force.
    from kiosk.settings import config_path, load_settings

    return open_database(resolve_url(load_settings(config_path()).database.url))


run_migrations(Base.metadata, _configured, include_name)
