"""SQLite writers wait their turn briefly and fairly, never 10 s for a visitor's number."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from kiosk.infra import db as infra
from kiosk.infra.db import SQLITE_BUSY_TIMEOUT_MS, Schema, begin_immediate, open_database

NO_MIGRATIONS = Schema(migrations=Path("nowhere"), head="0001", lock=1, program="test")


@pytest.fixture
def path(tmp_path: Path) -> Path:
    path = tmp_path / "hall.sqlite3"
    with sqlite3.connect(path) as setup:
        setup.execute("PRAGMA journal_mode=WAL")
        setup.execute("CREATE TABLE t (n INTEGER)")
    return path


@pytest.fixture
def holder(path: Path) -> Iterator[sqlite3.Connection]:
    """Another process's writer, in the middle of its transaction."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("BEGIN IMMEDIATE")
    yield connection
    connection.close()


def _writer(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)


def test_a_writer_tries_again_and_gets_the_lock_once_it_is_free(
    path: Path, holder: sqlite3.Connection
) -> None:
    pauses = 0

    def pause() -> None:
        nonlocal pauses
        pauses += 1
        if pauses == 3:
            holder.execute("COMMIT")  # the other writer is done

    writer = _writer(path)
    begin_immediate(writer, wait_s=60, pause=pause)
    assert pauses == 3
    assert writer.in_transaction
    writer.execute("INSERT INTO t VALUES (1)")
    writer.execute("COMMIT")
    assert writer.execute("PRAGMA busy_timeout").fetchone() == (SQLITE_BUSY_TIMEOUT_MS,)


def test_a_writer_gives_up_after_its_wait_and_keeps_its_busy_timeout(
    path: Path, holder: sqlite3.Connection
) -> None:
    writer = _writer(path)
    with pytest.raises(sqlite3.OperationalError, match="database is locked"):
        begin_immediate(writer, wait_s=0.05, pause=lambda: None)
    assert not writer.in_transaction
    assert writer.execute("PRAGMA busy_timeout").fetchone() == (SQLITE_BUSY_TIMEOUT_MS,)


def test_the_hall_database_says_locked_after_its_wait_then_works_again(
    path: Path, holder: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(infra, "WRITER_WAIT_S", 0.05)
    db = open_database(f"sqlite:///{path}", NO_MIGRATIONS)
    try:
        with (
            pytest.raises(OperationalError, match="database is locked"),
            db.sessions.begin() as session,
        ):
            session.execute(text("INSERT INTO t VALUES (2)"))
        with db.reads() as session:  # reading never waits for a writer
            assert session.execute(text("SELECT count(*) FROM t")).scalar() == 0
        holder.execute("COMMIT")
        with db.sessions.begin() as session:
            session.execute(text("INSERT INTO t VALUES (3)"))
        with db.reads() as session:
            assert session.execute(text("SELECT n FROM t")).scalars().all() == [3]
    finally:
        db.dispose()


def test_no_statement_waits_10_s(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'hall.sqlite3'}", NO_MIGRATIONS)
    try:
        with db.engine.connect() as connection:
            timeout = connection.exec_driver_sql("PRAGMA busy_timeout").scalar()
        assert timeout == SQLITE_BUSY_TIMEOUT_MS == infra.WRITER_WAIT_S * 1000 < 10_000
    finally:
        db.dispose()
