"""Alembic environment: runs on the connection the app hands over, or on the configured one.

``kiosk.db.migrate`` hands over a connection inside ``kiosk.db.migration_transaction``: the
whole upgrade in one transaction and, on SQLite, with foreign keys off until a final
``PRAGMA foreign_key_check`` (batch migrations drop and rebuild referenced tables).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from alembic import context
from alembic.runtime.migration import MigrationContext, MigrationInfo
from sqlalchemy import Connection

from kiosk.db import APPLIED_REVISIONS, migration_transaction, open_database, resolve_url
from kiosk.migrations.search_index import include_name
from kiosk.models import Base


def _applied(
    ctx: MigrationContext, step: MigrationInfo, heads: Collection[str], run_args: Mapping[str, Any]
) -> None:
    # Lets the caller name the step that failed: the one after the last applied.
    context.config.attributes.setdefault(APPLIED_REVISIONS, []).extend(step.up_revision_ids)


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_name=include_name,
        on_version_apply=_applied,
    )
    with context.begin_transaction():
        context.run_migrations()


def _main() -> None:
    handed: Connection | None = context.config.attributes.get("connection")
    if handed is not None:
        _run(handed)
        return
    # Developer use (`alembic -c kiosk/migrations/alembic.ini revision --autogenerate`):
    # the database of the configuration in force.
    from kiosk.settings import config_path, load_settings

    settings = load_settings(config_path())
    db = open_database(resolve_url(settings.database.url))
    try:
        with db.engine.connect() as connection, migration_transaction(connection):
            _run(connection)
    finally:
        db.dispose()


_main()
