"""The central database: engines for SQLite (WAL, full sync) and PostgreSQL, sessions, migrations.

The same choices as the hall's database, made again here since the centre imports no hall
code but its contracts: on SQLite the driver leaves ``BEGIN`` to SQLAlchemy and a writing
transaction starts with ``BEGIN IMMEDIATE`` (SQLAlchemy's pysqlite recipe), so that two
workers never interleave a read-then-write; a whole schema upgrade is one transaction.
"""

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
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from central.migrations import SCHEMA_HEAD

if TYPE_CHECKING:
    from alembic.config import Config

APP_NAME = "mpp-central"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
SQLITE_BUSY_TIMEOUT_MS = 10_000
_READ_ONLY = "mpp_read_only"
_MIGRATION_LOCK = 72_406_532  # PostgreSQL advisory lock key held while migrating
APPLIED_REVISIONS = "applied_revisions"
"""Key of the Alembic config attribute where ``env.py`` lists the revisions it applied."""


class DatabaseError(Exception):
    """The database cannot be used; the message is one line for the operator."""


class SchemaState(enum.Enum):
    """How the database schema relates to this version of the service."""

    EMPTY = "empty"
    BEHIND = "behind"
    CURRENT = "current"
    NEWER = "newer"


@dataclass(frozen=True)
class SchemaStatus:
    """The database's migration level against the service's."""

    state: SchemaState
    current: str | None
    head: str


def data_dir() -> Path:
    """The platform data directory of the centre (SQLite file, complaints key)."""
    return platformdirs.user_data_path(APP_NAME)


def resolve_url(configured: str) -> str:
    """The database URL: the configured one, or the embedded SQLite file."""
    return configured or f"sqlite:///{data_dir() / 'central.sqlite3'}"


@dataclass(frozen=True)
class Database:
    """The central database: its engine and session factories.

    ``sessions`` opens writing transactions (``BEGIN IMMEDIATE`` on SQLite); ``reads``
    opens plain read transactions (what the public pages use).
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
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        engine = _sqlite_engine(url, parsed.database)
    elif backend == "postgresql":
        engine = create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 5})
    else:
        raise DatabaseError(f"unsupported database {backend!r}")
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
def connected(db: Database) -> Iterator[Connection]:
    """A connection, or one line saying why the database cannot be reached.

    Raises:
        DatabaseError: the database cannot be reached.
    """
    try:
        with db.engine.connect() as connection:
            yield connection
    except OperationalError as exc:
        raise DatabaseError(f"database unreachable: {one_line(exc)}") from None


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic configuration for the central migrations, run on ``connection`` when given."""
    from alembic.config import Config

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
    """Compare the database's migration level with this service's.

    Raises:
        DatabaseError: the database cannot be reached.
    """
    with connected(db) as connection:
        current = _current_revision(connection)
    if current == SCHEMA_HEAD:
        return SchemaStatus(state=SchemaState.CURRENT, current=current, head=SCHEMA_HEAD)
    if current is None:
        return SchemaStatus(state=SchemaState.EMPTY, current=None, head=SCHEMA_HEAD)
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    known = any(rev.revision == current for rev in script.walk_revisions())
    state = SchemaState.BEHIND if known else SchemaState.NEWER
    return SchemaStatus(state=state, current=current, head=SCHEMA_HEAD)


def migrate(db: Database) -> SchemaStatus:
    """Bring the schema to this service's level (safe from several processes at once).

    The whole upgrade is one transaction: a failing step leaves the old revision.

    Raises:
        DatabaseError: unreachable, made by a newer version (nothing touched), or an
            upgrade step failed (rolled back; the message names the step and the cause).
    """
    status = schema_status(db)
    if status.state is SchemaState.NEWER:
        raise DatabaseError(
            f"database schema {status.current} is newer than this service (knows up to "
            f"{status.head}); upgrade the service, the data was not touched"
        )
    if status.state is not SchemaState.CURRENT:
        with connected(db) as connection:
            _upgrade(connection)
    return schema_status(db)


def _upgrade(connection: Connection) -> None:
    from alembic import command
    from alembic.script import ScriptDirectory

    config = alembic_config(connection)
    current: str | None = None
    try:
        with migration_transaction(connection):
            current = _current_revision(connection)  # again, now that no one else migrates
            command.upgrade(config, "head")
    except Exception as exc:
        script = ScriptDirectory.from_config(config)
        path = [rev.revision for rev in script.iterate_revisions("head", current or "base")]
        path.reverse()
        applied: list[str] = config.attributes.get(APPLIED_REVISIONS, [])
        step = path[min(len(applied), len(path) - 1)] if path else SCHEMA_HEAD
        left = f"at {current}" if current else "empty"
        raise DatabaseError(
            f"upgrade to schema {step} failed: {one_line(exc)}; the database was left {left}"
        ) from exc


@contextmanager
def migration_transaction(connection: Connection) -> Iterator[None]:
    """One transaction for a whole schema upgrade on ``connection``, committed at the end.

    On SQLite foreign keys are off while it runs (batch migrations rebuild tables by copy,
    drop and rename) and ``PRAGMA foreign_key_check`` must find nothing before the commit;
    on PostgreSQL an advisory lock makes a second process wait for the first.

    Raises:
        DatabaseError: the foreign key check found broken references (rolled back).
    """
    if connection.in_transaction():
        raise RuntimeError("a migration transaction must start outside any transaction")
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        _set_foreign_keys(connection, on=False)  # a no-op inside a transaction: before BEGIN
    try:
        with connection.begin():
            if not sqlite:
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK}
                )
            yield
            if sqlite:
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                if broken:
                    tables = sorted({f"{row[0]} -> {row[2]}" for row in broken})
                    raise DatabaseError(f"foreign key check failed: {', '.join(tables)}")
    finally:
        if sqlite:
            try:
                _set_foreign_keys(connection, on=True)
            except (DatabaseError, sqlite3.Error):
                connection.invalidate()  # never back to the pool without foreign keys


def _set_foreign_keys(connection: Connection, *, on: bool) -> None:
    # On the driver's connection: a statement through SQLAlchemy would begin a transaction.
    cursor = connection.connection.cursor()
    try:
        cursor.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")
        cursor.execute("PRAGMA foreign_keys")
        row = cursor.fetchone()
    finally:
        cursor.close()
    if row is None or bool(row[0]) is not on:
        raise DatabaseError(f"could not turn SQLite foreign keys {'on' if on else 'off'}")


def one_line(exc: BaseException) -> str:
    """The first line of what went wrong, the driver's own words when there are some."""
    cause: BaseException = exc.orig if isinstance(exc, DBAPIError) and exc.orig else exc
    lines = str(cause).strip().splitlines()
    return lines[0] if lines else type(cause).__name__


def pragmas(db: Database) -> dict[str, Any]:
    """The SQLite settings in force on a connection (for ``doctor`` and tests)."""
    with connected(db) as connection:
        return {
            name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
        }
