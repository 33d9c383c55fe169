"""Fixtures of the central service's tests: a migrated central database on SQLite or PostgreSQL.

For the sync API: the application on that database with a complaints key of its own, a
clock the test moves, a device of a site and its bearer token (``device``), and a
``TestClient``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from selenium import webdriver

from central.app import create_app
from central.db import Database, migrate, open_database
from central.deps import get_now
from central.sealing import centre_sealer
from central.settings import KeysSection, Settings, SyncSection
from kiosk.infra.sealed import Sealer, ensure_key
from tests.helpers.browser import chromium
from tests.helpers.central_sync import CentreClock, DeviceKey, make_device


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


@pytest.fixture
def central_settings(tmp_path: Path) -> Settings:
    """The default configuration with a complaints key in ``tmp_path`` and a generous rate."""
    return Settings(
        keys=KeysSection(complaints_key=str(tmp_path / "centre" / "complaints.key")),
        sync=SyncSection(rate_per_minute=100_000),
    )


@pytest.fixture
def sealer(central_settings: Settings) -> Sealer:
    """The centre's sealer of complaints' personal answers, its key made as ``init`` does."""
    return centre_sealer(ensure_key(central_settings.keys.complaints_key_path))


@pytest.fixture
def centre_clock() -> CentreClock:
    """The centre's clock, at 10:00 WIB on the test Monday."""
    return CentreClock()


@pytest.fixture
def central_app(
    central_db: Database, central_settings: Settings, sealer: Sealer, centre_clock: CentreClock
) -> FastAPI:
    """The central application on the test database, its clock the test's."""
    app = create_app(central_settings, central_db)
    app.dependency_overrides[get_now] = centre_clock
    return app


@pytest.fixture
def central_client(central_app: FastAPI) -> Iterator[TestClient]:
    """A test client of the central application."""
    with TestClient(central_app) as client:
        yield client


@pytest.fixture
def device(central_db: Database) -> DeviceKey:
    """A device of the test site."""
    return make_device(central_db)


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    """Debian's headless Chromium, one per test module (its tests skip without it)."""
    driver = chromium()
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    """Where screenshots go: ``$MPP_SCREENSHOTS_DIR`` when set, else a temporary folder."""
    return Path(os.environ.get("MPP_SCREENSHOTS_DIR") or tmp_path / "shots")
