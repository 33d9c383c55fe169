"""Health checks of a site: config, database, complaints key, centre, outbox, printer, display."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from kiosk.clock import system_clock
from kiosk.db import (
    Database,
    DatabaseError,
    SchemaState,
    open_database,
    resolve_url,
    schema_status,
)
from kiosk.hall import printer_for
from kiosk.hall_key import health, key_path
from kiosk.info import info_path, load_info
from kiosk.infra.sealed import KeyFileError, load_key
from kiosk.settings import ConfigError, Settings, load_settings
from kiosk.staff_accounts import StaffAccounts
from kiosk.sync.doctor import centre_check, outbox_check


@dataclass(frozen=True)
class Check:
    """The outcome of one check."""

    name: str
    ok: bool
    detail: str
    warning: bool = False
    """Not a fault (the exit code stays 0) but to be put right before the hall opens."""

    @property
    def mark(self) -> str:
        """How ``doctor`` marks the check's line: ``ok  ``, ``WARN`` or ``FAIL``."""
        if not self.ok:
            return "FAIL"
        return "WARN" if self.warning else "ok  "


def run_checks(path: Path) -> list[Check]:
    """Every check, in order; later checks are skipped when the configuration is bad."""
    try:
        settings = load_settings(path)
    except ConfigError as exc:
        return [Check("config", False, str(exc))]
    checks = [Check("config", True, f"{path} ({settings.site.name})"), _info(settings)]
    checks.append(_database(settings))
    checks.append(_complaints_key(settings, database_ok=checks[-1].ok))
    if checks[-2].ok:
        checks.extend(_sync_checks(settings))
        checks.append(_staff(settings))
    checks.append(_printer(settings))
    checks.append(display_check())
    return checks


def _info(settings: Settings) -> Check:
    """The information corner's file: the kiosk does not start with a bad one."""
    try:
        corner = load_info(settings)
    except ConfigError as exc:
        return Check("info", False, str(exc))
    return Check("info", True, f"{info_path(settings)} ({len(corner.sessions)} weekly sessions)")


def _database(settings: Settings) -> Check:
    url = resolve_url(settings.database.url)
    try:
        db = open_database(url)
    except DatabaseError as exc:
        return Check("database", False, str(exc))
    try:
        status = schema_status(db)
    except DatabaseError as exc:
        return Check("database", False, str(exc))
    finally:
        db.dispose()
    where = db.engine.url.render_as_string(hide_password=True)
    if status.state is SchemaState.CURRENT:
        return Check("database", True, f"{where} at schema {status.current}")
    advice = {
        SchemaState.EMPTY: "not initialised: run `mpp-kiosk init`",
        SchemaState.BEHIND: f"schema {status.current} behind {status.head}: run `mpp-kiosk init`",
        SchemaState.NEWER: f"schema {status.current} is from a newer app: upgrade the app",
    }[status.state]
    return Check("database", False, f"{where}: {advice}")


def _complaints_key(settings: Settings, *, database_ok: bool) -> Check:
    """This device's key: readable by this user only and, with a database, the hall's."""
    if not database_ok:
        path = key_path()
        try:
            load_key(path, hint="run 'mpp-kiosk init'")
        except KeyFileError as exc:
            return Check("complaints key", False, str(exc))
        return Check("complaints key", True, f"{path} (not compared: no hall database)")
    db = open_database(resolve_url(settings.database.url))
    try:
        return Check("complaints key", *health(db))
    except DatabaseError as exc:
        return Check("complaints key", False, str(exc))
    finally:
        db.dispose()


def _sync_checks(settings: Settings) -> list[Check]:
    """The centre (reachable, token valid) and the outbox (backlog, oldest unsent, refused)."""
    db: Database = open_database(resolve_url(settings.database.url))
    try:
        now = system_clock()
        return [
            Check("centre", *centre_check(settings, db)),
            Check("outbox", *outbox_check(db, now)),
        ]
    finally:
        db.dispose()


def _staff(settings: Settings) -> Check:
    """A warning while an active member still signs in with a demo PIN (1111, 2222, 9999)."""
    db = open_database(resolve_url(settings.database.url))
    try:
        demo = StaffAccounts(db, settings.staff, system_clock).demo_pins_in_use()
    finally:
        db.dispose()
    if not demo:
        return Check("staff", True, "no demo PIN active")
    return Check(
        "staff",
        True,
        f"demo PIN still active for {', '.join(demo)}: give each a PIN of their own with"
        " `mpp-kiosk staff passwd USER`",
        warning=True,
    )


def _printer(settings: Settings) -> Check:
    status = printer_for(settings).status()
    return Check("printer", status.ok, f"{settings.printer.backend}: {status.detail}")


def display_check() -> Check:
    """Whether a Qt window can be shown here (a display, or an explicit Qt platform)."""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform:
        return Check("display", True, f"Qt platform {platform!r}")
    for variable in ("WAYLAND_DISPLAY", "DISPLAY"):
        if os.environ.get(variable):
            return Check("display", True, f"{variable}={os.environ[variable]}")
    return Check(
        "display", False, "no display (DISPLAY/WAYLAND_DISPLAY unset): run under `xvfb-run -a`"
    )
