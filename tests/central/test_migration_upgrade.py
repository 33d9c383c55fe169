"""Schema upgrades of a centre in use: every row kept through each revision, on both databases.

A database is built at each earlier revision, filled through that revision's own schema
(reflected, never head's models), upgraded by ``migrate`` and compared row by row.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, MetaData, Table, select, text
from sqlalchemy.exc import DBAPIError

from central.db import alembic_config, migrate, open_database
from central.migrations import SCHEMA_HEAD

NOW = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)
Rows = dict[str, list[dict[str, Any]]]


def _revisions() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return [
        rev.revision
        for rev in reversed(list(script.walk_revisions()))
        if rev.revision != SCHEMA_HEAD
    ]


def _reflect(connection: Connection) -> Mapping[str, Table]:
    metadata = MetaData()
    metadata.reflect(connection)
    return metadata.tables


def _fill(connection: Connection, tables: Mapping[str, Table]) -> None:
    """A site with a device, a ticket with an event, a complaint with a note and statuses."""
    site = "mpp-kab-probolinggo"
    token = "C" * 26
    connection.execute(
        tables["sites"].insert(),
        {"site_id": site, "name": "MPP", "timezone": "Asia/Jakarta", "hotline": "021",
         "state": None, "last_sync_at": NOW, "created_at": NOW},
    )  # fmt: skip
    connection.execute(
        tables["devices"].insert(),
        {"id": 1, "site_id": site, "name": "hall", "token_hash": "a" * 64, "created_at": NOW,
         "revoked_at": None, "last_seen_at": NOW},
    )  # fmt: skip
    connection.execute(
        tables["tickets"].insert(),
        {"site_id": site, "token": "T" * 26, "reference": "Q-261123-7K3M", "number": "A-001",
         "service_code": "info", "day": date(2026, 11, 23), "priority": False,
         "state": "called", "counter_number": 1, "issued_at": NOW, "queued_at": NOW,
         "called_at": NOW, "finished_at": None, "posting_token": None, "updated_at": NOW},
    )  # fmt: skip
    connection.execute(
        tables["ticket_events"].insert(),
        {"site_id": site, "entry_id": "0" * 36, "token": "T" * 26, "event": "called",
         "at": NOW, "counter_number": 1, "service_code": None},
    )  # fmt: skip
    connection.execute(
        tables["complaints"].insert(),
        {"site_id": site, "token": token, "reference": "L-261123-7K3M",
         "day": date(2026, 11, 23), "created_at": NOW, "urgent": True,
         "categories": "unpaid_wages violence", "destination_country": "TW",
         "reporter_masked": "S*** (ibu)", "personal_sealed": b"\x01sealed", "key_id": "k" * 16,
         "status": "verified", "status_changed_at": NOW, "revision": 3},
    )  # fmt: skip
    connection.execute(
        tables["complaint_notes"].insert(),
        {"site_id": site, "note_id": "1" * 36, "token": token, "at": NOW, "text": "dihubungi",
         "public": True, "origin": "hall"},
    )  # fmt: skip
    connection.execute(
        tables["complaint_statuses"].insert(),
        [{"site_id": site, "entry_id": f"{n}" * 36, "token": token, "status": status,
          "at": NOW, "reason": ""} for n, status in ((2, "received"), (3, "verified"))],
    )  # fmt: skip
    connection.execute(text("UPDATE sequences SET value = 3"))


def _rows(connection: Connection, tables: Mapping[str, Table]) -> Rows:
    return {
        name: sorted((dict(row._mapping) for row in connection.execute(select(table))), key=repr)
        for name, table in tables.items()
        if name != "alembic_version"
    }


@pytest.mark.parametrize("revision", _revisions())
def test_an_upgrade_from_every_revision_keeps_every_row(database_url: str, revision: str) -> None:
    db = open_database(database_url)
    try:
        with db.engine.connect() as connection, connection.begin():
            command.upgrade(alembic_config(connection), revision)
        with db.engine.begin() as connection:
            _fill(connection, _reflect(connection))
        with db.engine.connect() as connection:
            before = _rows(connection, _reflect(connection))
        assert migrate(db).current == SCHEMA_HEAD
        with db.engine.connect() as connection:
            after = _rows(connection, _reflect(connection))
    finally:
        db.dispose()
    for table, rows in before.items():
        kept = [{name: row[name] for name in rows[0]} for row in after[table]] if rows else []
        assert kept == rows, table
    assert [row["erased_at"] for row in after["complaints"]] == [None]
    assert after["officers"] == after["audit_log"] == []


def test_the_audit_log_refuses_changes_and_deletions(database_url: str) -> None:
    db = open_database(database_url)
    try:
        migrate(db)
        with db.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO audit_log (at, officer, action, address, detail) "
                    "VALUES (:at, 'ani', 'sign_in', '127.0.0.1', '')"
                ),
                {"at": NOW.replace(tzinfo=None)},
            )
        for statement in ("UPDATE audit_log SET officer = 'x'", "DELETE FROM audit_log"):
            with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as connection:
                connection.execute(text(statement))
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT officer FROM audit_log")).scalars().all() == [
                "ani"
            ]
    finally:
        db.dispose()
