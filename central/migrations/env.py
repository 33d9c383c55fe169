"""Alembic environment of the central database: runs on the connection handed over.

``central.db.migrate`` hands over a connection inside ``central.db.migration_transaction``:
the whole upgrade in one transaction and, on SQLite, with foreign keys off until a final
``PRAGMA foreign_key_check``.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from alembic import context
from alembic.runtime.migration import MigrationContext, MigrationInfo
from sqlalchemy import Connection

from central.db import APPLIED_REVISIONS, migration_transaction, open_database, resolve_url
from central.models import Base


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
        on_version_apply=_applied,
    )
    with context.begin_transaction():
        context.run_migrations()


def _main() -> None:
    handed: Connection | None = context.config.attributes.get("connection")
    if handed is not None:
        _run(handed)
        return
    # Developer use (`alembic -c central/migrations/alembic.ini revision --autogenerate`):
    # the database named by MPP_CENTRAL_DATABASE_URL, or the embedded SQLite file.
    import os

    db = open_database(resolve_url(os.environ.get("MPP_CENTRAL_DATABASE_URL", "")))
    try:
        with db.engine.connect() as connection, migration_transaction(connection):
            _run(connection)
    finally:
        db.dispose()


_main()
