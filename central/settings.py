"""The centre's configuration: one TOML file, validated at start with the key's path and reason."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Annotated, Self

from pydantic import AfterValidator, Field, model_validator

from central.db import data_dir, resolve_url
from kiosk.infra.config import ConfigError as ConfigError
from kiosk.infra.config import Section, database_url, read_config
from kiosk.sync.contract import MAX_BATCH

CONFIG_ENV = "MPP_CENTRAL_CONFIG"
PROJECT_CONFIG = Path(__file__).resolve().parent.parent / "config" / "central.toml"
SYSTEM_CONFIG = Path("/etc/mpp-central/central.toml")
KEY_FILE = "complaints.key"


def _base_url(value: str) -> str:
    if not value.startswith(("http://", "https://")) or len(value.split("://", 1)[1]) == 0:
        raise ValueError("must be an http:// or https:// address")
    if any(c.isspace() for c in value) or "?" in value or "#" in value:
        raise ValueError("must be a plain address without spaces, query or fragment")
    return value.rstrip("/")


_Section = Section


class ServerSection(_Section):
    """Where ``mpp-central serve`` listens."""

    host: str = Field(default="127.0.0.1", min_length=1)
    port: int = Field(default=8080, ge=1, le=65535)
    workers: int = Field(default=1, ge=1, le=64)


class DatabaseSection(_Section):
    """The central database; empty is the SQLite file in the platform data directory."""

    url: Annotated[str, AfterValidator(database_url)] = ""

    @property
    def resolved_url(self) -> str:
        """The URL to open: the configured one, or the embedded SQLite file."""
        return resolve_url(self.url)


class PublicSection(_Section):
    """The public pages the slips' QR codes open."""

    base_url: Annotated[str, AfterValidator(_base_url)] = "http://127.0.0.1:8080"
    stale_after_seconds: int = Field(default=120, ge=10, le=86_400)
    refresh_seconds: int = Field(default=15, ge=2, le=3600)
    refresh_seconds_near: int = Field(default=5, ge=2, le=3600)

    @model_validator(mode="after")
    def _near_is_faster(self) -> Self:
        if self.refresh_seconds_near > self.refresh_seconds:
            raise ValueError("refresh_seconds_near: must not exceed refresh_seconds")
        return self


class SyncSection(_Section):
    """Limits of the halls' sync API."""

    max_batch: int = Field(default=MAX_BATCH, ge=1, le=MAX_BATCH)
    rate_per_minute: int = Field(default=120, ge=1, le=100_000)


class KeysSection(_Section):
    """Secret files of the centre."""

    complaints_key: str = ""

    @property
    def complaints_key_path(self) -> Path:
        """The complaints key file: the configured path, or one in the platform data dir."""
        return (
            Path(self.complaints_key).expanduser() if self.complaints_key else data_dir() / KEY_FILE
        )


class DeskSection(_Section):
    """The complaint desk: officers' sessions, the sign-in lockout, the clocks, retention."""

    session_idle_minutes: int = Field(default=30, ge=1, le=24 * 60)
    session_max_hours: int = Field(default=10, ge=1, le=7 * 24)
    lockout_attempts: int = Field(default=5, ge=1, le=100)
    lockout_minutes: int = Field(default=15, ge=1, le=7 * 24 * 60)
    retention_days: int = Field(default=730, ge=1, le=36_500)
    holidays: list[date] = Field(default_factory=list, max_length=2000)


class Settings(_Section):
    """The whole configuration of the central records service."""

    server: ServerSection = ServerSection()
    database: DatabaseSection = DatabaseSection()
    public: PublicSection = PublicSection()
    sync: SyncSection = SyncSection()
    keys: KeysSection = KeysSection()
    desk: DeskSection = DeskSection()


def config_path(explicit: str | Path | None = None) -> Path:
    """The file to use: ``--config``, then ``$MPP_CENTRAL_CONFIG``, the system one, the default."""
    if explicit:
        return Path(explicit)
    if env := os.environ.get(CONFIG_ENV):
        return Path(env)
    return SYSTEM_CONFIG if SYSTEM_CONFIG.exists() else PROJECT_CONFIG


def load_settings(path: Path) -> Settings:
    """Read and validate a configuration file (the hall's reader: strict types, faults in words).

    Raises:
        ConfigError: one line naming the file, each faulty key's path and the reason.
    """
    return read_config(path, Settings)
