"""``mpp-central serve``, ``init [--demo]`` and ``doctor``."""

from __future__ import annotations

import argparse
import os
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from central.cli.common import EXIT_FAULT, Commands, UsageError, current_database, emit
from central.cli.records import report_payload, report_text
from central.db import DatabaseError, SchemaState, migrate, open_database, schema_status
from central.demo import DEMO_FEED, DEMO_PASSWORD, seed_demo
from central.retention import sealed_rows
from central.sealing import complaints_sealer
from central.settings import CONFIG_ENV, ConfigError, Settings, config_path, load_settings
from kiosk.infra.sealed import KeyFileError, ensure_key


def add_server_commands(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Register ``serve``, ``init`` and ``doctor``."""
    serve = commands.add_parser("serve", help="serve the public pages and the sync API (uvicorn)")
    serve.add_argument("--host", help="address to listen on (default: server.host)")
    serve.add_argument("--port", type=_port, help="port to listen on (default: server.port)")
    serve.add_argument("--workers", type=_workers, help="processes (default: server.workers)")
    serve.set_defaults(handler=_serve)

    init = commands.add_parser(
        "init", parents=[common], help="create or upgrade the database; make the complaints key"
    )
    init.add_argument(
        "--demo", action="store_true", help="also add the demo site, a device and the demo feed"
    )
    init.set_defaults(handler=_init)

    doctor = commands.add_parser(
        "doctor", parents=[common], help="check config, database and key file; exit 1 on a fault"
    )
    doctor.set_defaults(handler=_doctor)


def _port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port (1-65535)")
    return int(text)


def _workers(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 64:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of workers (1-64)")
    return int(text)


def _serve(args: argparse.Namespace) -> int:
    path = config_path(args.config).resolve()
    settings = load_settings(path)
    current_database(settings).dispose()  # refuses an unmigrated database before listening
    complaints_sealer(settings.keys.complaints_key_path)
    import uvicorn  # only the command that serves needs it

    os.environ[CONFIG_ENV] = str(path)  # every worker loads the file checked here
    uvicorn.run(
        "central.app:serve_app",
        factory=True,
        host=args.host or settings.server.host,
        port=args.port or settings.server.port,
        workers=args.workers or settings.server.workers,
        proxy_headers=True,
        server_header=False,
        date_header=True,
    )
    return 0


def _init(args: argparse.Namespace) -> int:
    settings = load_settings(config_path(args.config))
    db = open_database(settings.database.resolved_url)
    try:
        status = migrate(db)
        key_path = settings.keys.complaints_key_path
        ensure_key(key_path)
        demo = seed_demo(db, datetime.now(UTC)) if args.demo else None
    finally:
        db.dispose()
    url = db.engine.url.render_as_string(hide_password=True)
    payload: dict[str, object] = {
        "database": url,
        "schema": status.current,
        "complaints_key": str(key_path),
    }
    lines = [f"database {url} at schema {status.current}", f"complaints key {key_path}"]
    if demo is not None:
        device = demo.device
        payload["demo"] = {
            "site": demo.site_id,
            "site_created": demo.site_created,
            "device": asdict(device.device) if device else None,
            "token": device.token if device else None,
            "feed": report_payload(DEMO_FEED, demo.feed),
            "officers": list(demo.officers),
        }
        lines.append(f"demo site {demo.site_id}" + (" added" if demo.site_created else ""))
        lines.append(report_text(DEMO_FEED, demo.feed))
        if demo.officers:
            lines.append(
                f"demo officers {', '.join(demo.officers)} (/desk); their password, "
                f"to change or disable in use: {DEMO_PASSWORD}"
            )
        if device is not None:
            lines.append(
                f"demo device {device.device.id} ({device.device.name}); its token, "
                f"shown this once:\n{device.token}"
            )
    emit(args, payload, "\n".join(lines))
    return 0


@dataclass(frozen=True)
class Check:
    """One thing ``doctor`` looked at."""

    name: str
    ok: bool
    detail: str


def _doctor(args: argparse.Namespace) -> int:
    checks = run_checks(config_path(args.config))
    faults = [check for check in checks if not check.ok]
    emit(
        args,
        {"ok": not faults, "checks": [asdict(check) for check in checks]},
        "\n".join(f"{'ok  ' if c.ok else 'FAIL'} {c.name}: {c.detail}" for c in checks),
    )
    return EXIT_FAULT if faults else 0


def run_checks(path: Path) -> list[Check]:
    """The configuration, then (if it loads) the database and the complaints key."""
    try:
        settings = load_settings(path)
    except ConfigError as exc:
        return [Check("config", False, str(exc))]
    checks = [Check("config", True, str(path)), _database_check(settings), _key_check(settings)]
    if all(check.ok for check in checks):
        checks.append(_sealed_check(settings))
    return checks


def _database_check(settings: Settings) -> Check:
    try:
        db = open_database(settings.database.resolved_url)
    except DatabaseError as exc:
        return Check("database", False, str(exc))
    try:
        status = schema_status(db)
    except DatabaseError as exc:
        return Check("database", False, str(exc))
    finally:
        db.dispose()
    url = db.engine.url.render_as_string(hide_password=True)
    if status.state is SchemaState.CURRENT:
        return Check("database", True, f"{url} at schema {status.current}")
    advice = {
        SchemaState.EMPTY: "no schema yet: run 'mpp-central init'",
        SchemaState.BEHIND: f"at schema {status.current}, needs {status.head}: "
        "run 'mpp-central init'",
        SchemaState.NEWER: f"at schema {status.current}, newer than this service "
        f"({status.head}): upgrade the service",
    }[status.state]
    return Check("database", False, f"{url} {advice}")


def _key_check(settings: Settings) -> Check:
    path = settings.keys.complaints_key_path
    try:
        complaints_sealer(path)
        owner = path.stat().st_uid
    except (KeyFileError, OSError) as exc:
        return Check("complaints key", False, str(exc))
    if owner != os.geteuid():
        return Check("complaints key", False, f"{path} belongs to another user (uid {owner})")
    return Check("complaints key", True, f"{path}, readable by its owner only")


def _sealed_check(settings: Settings) -> Check:
    """Whether the key opens every complaint's personal answers (a restore with the wrong
    key, or a key replaced, shows here before an officer meets it)."""
    db = open_database(settings.database.resolved_url)
    try:
        sealed = sealed_rows(db, complaints_sealer(settings.keys.complaints_key_path))
    finally:
        db.dispose()
    if sealed.unopenable:
        shown = ", ".join(sealed.unopenable[:10]) + (" …" if len(sealed.unopenable) > 10 else "")
        return Check(
            "complaints sealed",
            False,
            f"{len(sealed.unopenable)} complaint(s) the key cannot open: {shown}",
        )
    return Check("complaints sealed", True, f"{sealed.total} complaint(s) open with the key")


__all__ = ["Check", "UsageError", "add_server_commands", "run_checks"]
