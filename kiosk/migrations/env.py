"""Alembic environment: runs on the connection the app hands over, or on the configured one."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from kiosk.migrations.search_index import include_name
from kiosk.models import Base


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_name=include_name,
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
    from kiosk.db import open_database, resolve_url
    from kiosk.settings import config_path, load_settings

    settings = load_settings(config_path())
    db = open_database(resolve_url(settings.database.url))
    with db.engine.begin() as connection:
        _run(connection)


_main()
