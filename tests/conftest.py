"""Shared fixtures: a temporary site (config, database on SQLite or PostgreSQL, spool)."""

from __future__ import annotations

import secrets
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from kiosk.hall import Hall, open_hall
from kiosk.settings import PROJECT_CONFIG, Settings, load_settings
from tests.helpers.clock import FakeClock
from tests.helpers.toml import dump_toml
from tools.postgres import PostgresAbsentError, scratch_database


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test touches the real platform data directory or a real configuration."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("MPP_KIOSK_CONFIG", raising=False)


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """A database of its own for this test run on the local PostgreSQL, dropped at the end."""
    try:
        with scratch_database("mpp_test") as url:
            yield url
    except PostgresAbsentError as absent:
        pytest.skip(str(absent))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: a SQLite file, or a PostgreSQL schema of its own."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'hall.sqlite3'}"
        return
    base: str = request.getfixturevalue("postgres_database")
    schema = f"t_{secrets.token_hex(4)}"
    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield (
            make_url(base)
            .update_query_dict({"options": f"-csearch_path={schema}"})
            .render_as_string(hide_password=False)
        )
    finally:
        with engine.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


def site_config(tmp_path: Path, database_url: str, **overrides: dict[str, Any]) -> Path:
    """Write the default configuration with a test database, spool and overrides; its path."""
    with PROJECT_CONFIG.open("rb") as handle:
        raw = tomllib.load(handle)
    raw["database"] = {"url": database_url}
    raw["printer"] = {**raw["printer"], "spool_dir": str(tmp_path / "spool")}
    for section, values in overrides.items():
        raw[section] = {**raw.get(section, {}), **values}
    path = tmp_path / "kiosk.toml"
    path.write_text(dump_toml(raw), encoding="utf-8")
    return path


@pytest.fixture
def config_file(tmp_path: Path, database_url: str) -> Path:
    """A valid site configuration on the test database."""
    return site_config(tmp_path, database_url)


@pytest.fixture
def settings(config_file: Path) -> Settings:
    """The validated test configuration."""
    return load_settings(config_file)


@pytest.fixture
def clock() -> FakeClock:
    """The hall's clock, moved only by the test: Monday 23 November 2026, 09:00 WIB."""
    return FakeClock()


@pytest.fixture
def hall(settings: Settings, clock: FakeClock) -> Iterator[Hall]:
    """The hall opened on the test database (migrated, configuration mirrored)."""
    opened = open_hall(settings, clock)
    try:
        yield opened
    finally:
        opened.close()
