"""A database of the hall or the centre: engines for SQLite (WAL, full sync) and PostgreSQL,
sessions, and schema upgrades by Alembic in one transaction.

On SQLite the driver leaves ``BEGIN`` to SQLAlchemy and a writing transaction starts with
``BEGIN IMMEDIATE`` (SQLAlchemy's pysqlite recipe), so that two processes never interleave
a read-then-write. A writer waiting for another is retried fairly and briefly (see
:func:`begin_immediate`). Each side names its migrations in a :class:`Schema`.
"""

from __future__ import annotations

import contextlib
import enum
import os
import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, make_url, text
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

if TYPE_CHECKING:
    from alembic.config import Config

WRITER_WAIT_S = 3.0
"""The longest a writing transaction waits for the others before it fails ("database is
locked"): a visitor never waits 10 s for a number."""
SQLITE_BUSY_TIMEOUT_MS = round(WRITER_WAIT_S * 1000)
"""What any other statement waits on a lock (in WAL mode reads never wait for a writer)."""
RETRY_PAUSE_S = (0.0005, 0.003)
"""A random pause in this range between two tries for the write lock, however long a writer
has waited. SQLite's own busy handler backs off to 100 ms between tries, so a writer that
has waited long loses every time to the newcomers (8 writers: 15 vs 174 tickets in 20 s)."""
_READ_ONLY = "mpp_read_only"
APPLIED_REVISIONS = "applied_revisions"
"""Key of the Alembic config attribute where ``env.py`` lists the revisions it applied."""


class DatabaseError(Exception):
    """The database cannot be used; the message is one line for the operator."""


class SchemaState(enum.Enum):
    """How the database schema relates to this version of the program."""

    EMPTY = "empty"
    BEHIND = "behind"
    CURRENT = "current"
    NEWER = "newer"


@dataclass(frozen=True)
class SchemaStatus:
    """The database's migration level against the program's."""

    state: SchemaState
    current: str | None
    head: str


@dataclass(frozen=True)
class Schema:
    """One side's migrations: where they are, the newest revision, who runs them.

    ``head`` lets a start-up on a current database skip Alembic entirely (a test checks it
    against Alembic's own head); ``lock`` is the PostgreSQL advisory lock key held while
    migrating; ``program`` names the program in messages ("this app", "this service").
    """

    migrations: Path
    head: str
    lock: int
    program: str


@dataclass(frozen=True)
class Database:
    """One database: its engine, its schema and the session factories for use cases.

    ``sessions`` opens writing transactions (``BEGIN IMMEDIATE`` on SQLite, so that two
    processes never interleave a read-then-write); ``reads`` opens plain read transactions.
    """

    engine: Engine
    sessions: sessionmaker[Session]
    reads: sessionmaker[Session]
    schema: Schema

    @property
    def is_sqlite(self) -> bool:
        """Whether this is an embedded SQLite file."""
        return self.engine.dialect.name == "sqlite"

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


def open_database(url: str, schema: Schema) -> Database:
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
        schema=schema,
    )


def _private_file(path: Path) -> None:
    """Make ``path`` (and its folder, when made here) readable by this user only.

    The database holds PIN hashes and sealed personal data: a new folder is made 0700, a
    new file 0600 before SQLite first opens it (its -wal and -shm files take the file's
    mode), and an existing file (and its -wal, -shm) of an older install is narrowed to
    0600. An existing folder is left as it is: it may be shared (``/var/lib``, a home).
    """
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        for existing in (path, *(path.with_name(path.name + end) for end in ("-wal", "-shm"))):
            if existing.exists() and existing.stat().st_mode & 0o077:
                with contextlib.suppress(PermissionError):  # another user's file: theirs to fix
                    existing.chmod(0o600)


def _sqlite_engine(url: str, database: str | None) -> Engine:
    if database and database != ":memory:":
        try:
            _private_file(Path(database))
        except OSError as exc:
            raise DatabaseError(
                f"cannot create the database file {database}: {exc.strerror or exc}"
            ) from None
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
        if connection.get_execution_options().get(_READ_ONLY, False):
            connection.exec_driver_sql("BEGIN")
            return
        driver: sqlite3.Connection = connection.connection.driver_connection  # type: ignore[assignment]
        try:
            begin_immediate(driver, WRITER_WAIT_S)
        except sqlite3.OperationalError as exc:
            raise OperationalError("BEGIN IMMEDIATE", None, exc) from exc

    return engine


def begin_immediate(
    connection: sqlite3.Connection,
    wait_s: float,
    pause: Callable[[], None] = lambda: time.sleep(random.uniform(*RETRY_PAUSE_S)),
) -> None:
    """Start a writing transaction, trying again for at most `wait_s` while another writes.

    Each try takes the lock or fails at once (``busy_timeout`` is 0 for it); between tries
    `pause` waits a short random time, the same for every writer however long it has
    waited, so writers get the lock in turn in fair measure and none is starved.

    Raises:
        sqlite3.OperationalError: still locked after `wait_s` ("database is locked"), or
            another fault.
    """
    deadline = time.monotonic() + wait_s
    connection.execute("PRAGMA busy_timeout=0")
    try:
        while True:
            try:
                connection.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if exc.sqlite_errorcode != sqlite3.SQLITE_BUSY or time.monotonic() >= deadline:
                    raise
            pause()
    finally:
        connection.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")


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


def alembic_config(schema: Schema, connection: Connection | None = None) -> Config:
    """Alembic configuration for ``schema``'s migrations, run on ``connection`` when given."""
    from alembic.config import Config  # Alembic loads only when the schema must change

    config = Config()
    config.set_main_option("script_location", str(schema.migrations))
    config.attributes["connection"] = connection
    return config


def _current_revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return str(revision) if revision is not None else None


def schema_status(db: Database) -> SchemaStatus:
    """Compare the database's migration level with this program's.

    Raises:
        DatabaseError: the database cannot be reached.
    """
    head = db.schema.head
    with connected(db) as connection:
        current = _current_revision(connection)
    if current == head:
        return SchemaStatus(state=SchemaState.CURRENT, current=current, head=head)
    if current is None:
        return SchemaStatus(state=SchemaState.EMPTY, current=None, head=head)
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(db.schema))
    known = any(rev.revision == current for rev in script.walk_revisions())
    state = SchemaState.BEHIND if known else SchemaState.NEWER
    return SchemaStatus(state=state, current=current, head=head)


def migrate(db: Database) -> SchemaStatus:
    """Bring the schema to this program's level (safe from several processes at once).

    The whole upgrade is one transaction: a failing step leaves the old revision.

    Raises:
        DatabaseError: unreachable, made by a newer version (nothing touched), or an
            upgrade step failed (rolled back; the message names the step and the cause).
    """
    status = schema_status(db)
    program = db.schema.program
    if status.state is SchemaState.NEWER:
        raise DatabaseError(
            f"database schema {status.current} is newer than this {program} (knows up to "
            f"{status.head}); upgrade the {program}, the data was not touched"
        )
    if status.state is not SchemaState.CURRENT:
        with connected(db) as connection:
            _upgrade(connection, db.schema)
    return schema_status(db)


def _upgrade(connection: Connection, schema: Schema) -> None:
    from alembic import command

    config = alembic_config(schema, connection)
    current: str | None = None
    try:
        with migration_transaction(connection, schema):
            current = _current_revision(connection)  # now that no one else migrates
            command.upgrade(config, "head")
    except Exception as exc:
        step = _failed_step(config, current, schema.head)
        left = f"at {current}" if current else "empty"
        raise DatabaseError(
            f"upgrade to schema {step} failed: {one_line(exc)}; the database was left {left}"
        ) from exc


@contextmanager
def migration_transaction(connection: Connection, schema: Schema) -> Iterator[None]:
    """One transaction for a whole schema upgrade on ``connection``, committed at the end.

    On SQLite, foreign keys are off while it runs, since batch migrations rebuild a table
    by copy, drop and rename, and dropping a table that rows of another table refer to
    fails with them on (Alembic's batch docs); ``PRAGMA foreign_key_check`` must then
    find nothing before the commit. On PostgreSQL an advisory lock makes a second
    process wait for the first.

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
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": schema.lock})
            yield
            if sqlite:
                _check_foreign_keys(connection)
    finally:
        if sqlite:
            _restore_foreign_keys(connection)


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


def _restore_foreign_keys(connection: Connection) -> None:
    try:
        _set_foreign_keys(connection, on=True)
    except (DatabaseError, sqlite3.Error):
        connection.invalidate()  # never back to the pool without foreign keys


def _check_foreign_keys(connection: Connection) -> None:
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    if broken:
        counts: dict[tuple[str, str], int] = {}
        for table, _rowid, parent, _fkid in broken:
            counts[(table, parent)] = counts.get((table, parent), 0) + 1
        raise DatabaseError(
            "foreign key check failed: "
            + ", ".join(
                f"{n} {table} row{'s' if n > 1 else ''} refer{'' if n > 1 else 's'} "
                f"to missing {parent}"
                for (table, parent), n in sorted(counts.items())
            )
        )


def _failed_step(config: Config, current: str | None, head: str) -> str:
    """The revision that was being applied: the one after the last that ``env.py`` applied."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(config)
    path = [rev.revision for rev in script.iterate_revisions("head", current or "base")][::-1]
    applied: list[str] = config.attributes.get(APPLIED_REVISIONS, [])
    if not path:
        return head
    return path[min(len(applied), len(path) - 1)]


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
