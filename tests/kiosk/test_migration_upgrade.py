"""Schema upgrades of a hall in use: a failed step leaves the old revision, in one line."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, text

from kiosk import db as kiosk_db
from kiosk.cli import main
from kiosk.db import DatabaseError, alembic_config, migrate, open_database, pragmas
from tests.conftest import site_config

_BROKEN_0005 = '''"""a broken step: ticket numbers unique across days, which the rows contradict"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tickets") as batch_op:
        batch_op.create_unique_constraint("uq_tickets_number", ["number"])


def downgrade() -> None:
    raise NotImplementedError
'''


def _at_revision(url: str, revision: str) -> None:
    """Build an empty database at ``revision`` as an older app left it."""
    db = open_database(url)
    try:
        with db.engine.connect() as connection, connection.begin():
            command.upgrade(alembic_config(connection), revision)
    finally:
        db.dispose()


def _revision(url: str) -> str | None:
    db = open_database(url)
    try:
        with db.engine.connect() as connection:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    finally:
        db.dispose()


def _add_two_days_of_tickets(url: str) -> None:
    """A-001 on two days, each with its events (plain SQL valid from schema 0001 on)."""
    db = open_database(url)
    try:
        with db.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO services (code, letter, daily_quota, priority_allowed, position)"
                    " VALUES ('jobs', 'A', 200, true, 0)"
                )
            )
            for ticket_id, day in ((1, "2026-11-21"), (2, "2026-11-23")):
                connection.execute(
                    text(
                        "INSERT INTO tickets (id, issued_service, service_code, day, sequence,"
                        " number, priority, state, issued_at, queued_at, reference, public_token)"
                        " VALUES (:id, 'jobs', 'jobs', :day, 1, 'A-001', false, 'waiting',"
                        " :at, :at, :reference, :token)"
                    ),
                    {
                        "id": ticket_id,
                        "day": day,
                        "at": f"{day} 01:05:00",
                        "reference": f"Q-{day[2:4]}{day[5:7]}{day[8:]}-7KQ2",
                        "token": f"token{ticket_id}",
                    },
                )
                connection.execute(
                    text(
                        "INSERT INTO ticket_events (ticket_id, kind, at)"
                        " VALUES (:id, 'issued', :at)"
                    ),
                    {"id": ticket_id, "at": f"{day} 01:05:00"},
                )
    finally:
        db.dispose()


def test_a_failing_step_rolls_the_whole_upgrade_back_and_says_so_in_one_line(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    migrations = tmp_path / "migrations"
    shutil.copytree(
        kiosk_db.MIGRATIONS_DIR, migrations, ignore=shutil.ignore_patterns("__pycache__")
    )
    (migrations / "versions" / "0005_ticket_posting.py").unlink()
    (migrations / "versions" / "0005_broken.py").write_text(_BROKEN_0005, encoding="utf-8")
    monkeypatch.setattr(kiosk_db, "MIGRATIONS_DIR", migrations)
    _at_revision(database_url, "0003")
    _add_two_days_of_tickets(database_url)

    db = open_database(database_url)
    try:
        with pytest.raises(DatabaseError) as caught:
            migrate(db)
        message = str(caught.value)
        assert message.startswith("upgrade to schema 0005 failed: ")
        assert message.endswith("; the database was left at 0003")
        assert "\n" not in message
        assert "uq_tickets_number" in message or "UNIQUE constraint failed" in message
        with db.engine.connect() as connection:
            assert not inspect(connection).has_table("complaints")  # 0004 undone with 0005
            assert connection.execute(text("SELECT count(*) FROM ticket_events")).scalar() == 2
        if db.is_sqlite:
            assert pragmas(db)["foreign_keys"] == 1
    finally:
        db.dispose()
    assert _revision(database_url) == "0003"


def test_broken_references_fail_the_upgrade_and_init_exits_1_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "hall.sqlite3"
    url = f"sqlite:///{path}"
    _at_revision(url, "0004")
    _add_two_days_of_tickets(url)
    with sqlite3.connect(path) as raw:  # foreign keys are off on a bare connection
        raw.execute("INSERT INTO ticket_events (ticket_id, kind, at) VALUES (99, 'issued', '')")
    raw.close()

    code = main(["--config", str(site_config(tmp_path, url)), "init"])

    _, err = capsys.readouterr()
    assert code == 1
    assert err == (
        "mpp-kiosk: upgrade to schema 0005 failed: foreign key check failed: 1 ticket_events"
        " row refers to missing tickets; the database was left at 0004\n"
    )
    assert _revision(url) == "0004"
    db = open_database(url)
    try:
        with db.engine.connect() as connection:
            columns = {column["name"] for column in inspect(connection).get_columns("tickets")}
        assert "posting_id" not in columns
    finally:
        db.dispose()
