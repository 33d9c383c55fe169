"""Fixtures of the central service's tests: a migrated central database on SQLite or PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from central.db import Database, migrate, open_database


@pytest.fixture(autouse=True)
def _no_central_config(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads the operator's configuration of the centre."""
    monkeypatch.delenv("MPP_CENTRAL_CONFIG", raising=False)


@pytest.fixture
def central_db(database_url: str) -> Iterator[Database]:
    """The central database on the test database (``database_url``), migrated to head."""
    db = open_database(database_url)
    try:
        migrate(db)
        yield db
    finally:
        db.dispose()
