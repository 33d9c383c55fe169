"""The hall database: engines for SQLite (WAL, full sync) and PostgreSQL, sessions, migrations."""

from __future__ import annotations

import enum
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs
from sqlalchemy import Connection, Engine, create_engine, event, inspect, make_url, text
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.migrations import SCHEMA_HEAD

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

APP_NAME = "mpp-kiosk"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
SQLITE_BUSY_TIMEOUT_MS = 10_000
_READ_ONLY = "mpp_read_only"
_MIGRATION_LOCK = 72_406_531  # PostgreSQL advisory lock key held while migrating


class DatabaseError(Exception):
    """The database cannot be used; the message is one line for the operator."""


class SchemaState(enum.Enum):
    """How the database schema relates to this version of the app."""

    EMPTY = "empty"
    BEHIND = "behind"
    CURRENT = "current"
    NEWER = "newer"


@dataclass(frozen=True)
class SchemaStatus:
    """The database's migration level against the app's."""

    state: SchemaState
    current: str | None
    head: str


def data_dir() -> Path:
    """The platform data directory of the kiosk (database, spool, keys)."""
    return platformdirs.user_data_path(APP_NAME)


def resolve_url(configured: str) -> str:
    """The database URL: the configured one, or the embedded SQLite file."""
    return configured or f"sqlite:///{data_dir() / 'hall.sqlite3'}"


@dataclass(frozen=True)
class Database:
    """One hall database: its engine and the session factories for use cases.

    ``sessions`` opens writing transactions (``BEGIN IMMEDIATE`` on SQLite, so that two
    processes never interleave a read-then-write); ``reads`` opens plain read transactions.
    """

    engine: Engine
    sessions: sessionmaker[Session]
    reads: sessionmaker[Session]

    @property
    def is_sqlite(self) -> bool:
        """Whether this is the embedded SQLite file."""
        return self.engine.dialect.name == "sqlite"

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


def open_database(url: str) -> Database:
    """Create the engine for a URL; no connection is made yet.

    Raises:
        DatabaseError: the URL is malformed or names an unsupported database.
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseError(f"malformed database URL {url!r}") from None
    if parsed.get_backend_name() == "sqlite":
        engine = _sqlite_engine(url, parsed.database)
    elif parsed.get_backend_name() == "postgresql":
        engine = create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 5})
    else:
        raise DatabaseError(f"unsupported database {parsed.get_backend_name()!r}")
    reader = engine.execution_options(**{_READ_ONLY: True})
    return Database(
        engine=engine,
        sessions=sessionmaker(engine, expire_on_commit=False),
        reads=sessionmaker(reader, expire_on_commit=False),
    )


def _sqlite_engine(url: str, database: str | None) -> Engine:
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Let SQLAlchemy, not the driver, emit BEGIN (SQLAlchemy's pysqlite recipe).
        dbapi_connection.isolation_level = None
        for pragma in (
            "journal_mode=WAL",
            "synchronous=FULL",
            "foreign_keys=ON",
            f"busy_timeout={SQLITE_BUSY_TIMEOUT_MS}",
        ):
            dbapi_connection.execute(f"PRAGMA {pragma}")

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        read_only = connection.get_execution_options().get(_READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


@contextmanager
def _connected(db: Database) -> Iterator[Connection]:
    try:
        with db.engine.connect() as connection:
            yield connection
    except OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise DatabaseError(f"database unreachable: {reason}") from None


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic configuration for our migrations, run on ``connection`` when given."""
    from alembic.config import Config  # Alembic loads only when the schema must change

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def _current_revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return str(revision) if revision is not None else None


def schema_status(db: Database) -> SchemaStatus:
    """Compare the database's migration level with this app's.

    Raises:
        DatabaseError: the database cannot be reached.
    """
    with _connected(db) as connection:
        current = _current_revision(connection)
    if current == SCHEMA_HEAD:
        return SchemaStatus(state=SchemaState.CURRENT, current=current, head=SCHEMA_HEAD)
    if current is None:
        return SchemaStatus(state=SchemaState.EMPTY, current=None, head=SCHEMA_HEAD)
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    state = SchemaState.BEHIND if _known(script, current) else SchemaState.NEWER
    return SchemaStatus(state=state, current=current, head=SCHEMA_HEAD)


def _known(script: ScriptDirectory, revision: str) -> bool:
    return any(rev.revision == revision for rev in script.walk_revisions())


def migrate(db: Database) -> SchemaStatus:
    """Bring the schema to this app's level (safe to call from several processes at once).

    Raises:
        DatabaseError: unreachable, or made by a newer version of the app (nothing touched).
    """
    status = schema_status(db)
    if status.state is SchemaState.NEWER:
        raise DatabaseError(
            f"database schema {status.current} is newer than this app (knows up to "
            f"{status.head}); upgrade the app, the data was not touched"
        )
    if status.state is not SchemaState.CURRENT:
        with _connected(db) as connection, connection.begin():
            if not db.is_sqlite:
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK}
                )
            from alembic import command

            command.upgrade(alembic_config(connection), "head")
    return schema_status(db)


def pragmas(db: Database) -> dict[str, Any]:
    """The SQLite settings in force on a connection (for ``doctor`` and tests)."""
    with _connected(db) as connection:
        return {
            name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
        }
