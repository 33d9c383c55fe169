"""A PostgreSQL database of its own for a test run or a benchmark, dropped afterwards."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

ADMIN_URL = os.environ.get(
    "MPP_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


class PostgresAbsentError(Exception):
    """No PostgreSQL server answers at the admin URL; the message says why."""


@contextmanager
def scratch_database(prefix: str, admin_url: str = ADMIN_URL) -> Iterator[str]:
    """Create a database named ``{prefix}_{random}``, yield its URL, drop it at the end.

    Raises:
        PostgresAbsentError: the server cannot be reached.
    """
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"{prefix}_{secrets.token_hex(4)}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as exc:
        admin.dispose()
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise PostgresAbsentError(f"no PostgreSQL at {admin_url}: {reason}") from None
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
