"""The body of both sides' Alembic ``env.py``: run on the connection handed over, or open one.

``migrate`` hands over a connection inside ``migration_transaction``: the whole upgrade in
one transaction and, on SQLite, with foreign keys off until a final
``PRAGMA foreign_key_check`` (batch migrations drop and rebuild referenced tables). Without
one (a developer's ``alembic revision --autogenerate``) ``open_configured`` names the
database in force.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Any

from alembic import context
from alembic.runtime.migration import MigrationContext, MigrationInfo
from sqlalchemy import Connection, MetaData

from kiosk.infra.db import APPLIED_REVISIONS, Database, migration_transaction


def _applied(
    ctx: MigrationContext, step: MigrationInfo, heads: Collection[str], run_args: Mapping[str, Any]
) -> None:
    # Lets the caller name the step that failed: the one after the last applied.
    context.config.attributes.setdefault(APPLIED_REVISIONS, []).extend(step.up_revision_ids)


def run_migrations(
    metadata: MetaData,
    open_configured: Callable[[], Database],
    include_name: Callable[..., bool] | None = None,
) -> None:
    """Run Alembic's migrations for ``metadata`` (called from an ``env.py``)."""

    def run(connection: Connection) -> None:
        context.configure(
            connection=connection,
            target_metadata=metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
            include_name=include_name,
            on_version_apply=_applied,
        )
        with context.begin_transaction():
            context.run_migrations()

    handed: Connection | None = context.config.attributes.get("connection")
    if handed is not None:
        run(handed)
        return
    db = open_configured()
    try:
        with db.engine.connect() as connection, migration_transaction(connection, db.schema):
            run(connection)
    finally:
        db.dispose()
