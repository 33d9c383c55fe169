"""The ``mpp-kiosk`` command line: every command; ``ui.launch`` hands in what draws the faces."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from datetime import UTC, datetime

from kiosk import __version__
from kiosk.cli.backup import add_backup_commands
from kiosk.cli.common import (
    EXIT_FAULT,
    EXIT_USAGE,
    UsageError,
    emit,
    hall_of,
    settings_of,
)
from kiosk.cli.complaints import add_complaints_commands
from kiosk.cli.doctor import run_checks
from kiosk.cli.faces import Faces, add_face_commands
from kiosk.cli.jobs import add_jobs_commands
from kiosk.cli.key import add_key_commands
from kiosk.cli.queue import add_queue_commands
from kiosk.cli.staff import FIRST_SUPERVISOR, accounts_of, add_staff_commands
from kiosk.cli.sync import add_sync_commands
from kiosk.db import DatabaseError, schema_status
from kiosk.demo import seed_demo
from kiosk.hall import printer_for
from kiosk.hall_key import open_device_key
from kiosk.infra.sealed import KeyFileError
from kiosk.settings import ConfigError, config_path
from kiosk.slips import printer_test_slip
from printing import Paper, PrintError, render_slip

Handler = Callable[[argparse.Namespace], int]


def build_parser(faces: Faces | None = None) -> argparse.ArgumentParser:
    """The argument parser; with ``faces``, also ``kiosk`` (the default), ``staff``, ``display``."""
    parser = argparse.ArgumentParser(
        prog="mpp-kiosk",
        description="Self-service kiosk, staff console and display board for KP2MI rooms at MPP.",
    )
    parser.add_argument("--version", action="version", version=f"mpp-kiosk {__version__}")
    parser.add_argument("--config", metavar="PATH", help="site configuration (TOML)")
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")
    common = argparse.ArgumentParser(add_help=False)
    # Also after the command; SUPPRESS keeps a --json given before it (no default overrides it).
    common.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="print machine-readable JSON"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    init = commands.add_parser(
        "init", parents=[common], help="create or upgrade the database (Alembic)"
    )
    init.add_argument("--demo", action="store_true", help="also add demo staff")
    init.set_defaults(handler=_init)

    doctor = commands.add_parser(
        "doctor", parents=[common], help="check config, database, printer and display"
    )
    doctor.set_defaults(handler=_doctor)

    print_test = commands.add_parser(
        "print-test", parents=[common], help="print a test slip on the configured printer"
    )
    print_test.set_defaults(handler=_print_test)

    add_queue_commands(commands, common)
    add_jobs_commands(commands, common)
    add_complaints_commands(commands, common)
    add_sync_commands(commands, common)
    add_backup_commands(commands, common)
    add_key_commands(commands, common)
    staff = add_staff_commands(commands, common)
    if faces is not None:
        add_face_commands(parser, commands, faces, staff)
    return parser


def main(argv: Sequence[str] | None = None, *, faces: Faces | None = None) -> int:
    """Run one command; returns the process exit code."""
    parser = build_parser(faces)
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return handler(args)
    except (ConfigError, UsageError) as exc:
        print(f"mpp-kiosk: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (DatabaseError, KeyFileError) as exc:
        print(f"mpp-kiosk: {exc}", file=sys.stderr)
        return EXIT_FAULT


def _init(args: argparse.Namespace) -> int:
    hall = hall_of(args)
    try:
        key_id = open_device_key(hall.db, create=True).check().key_id
        added = seed_demo(hall) if args.demo else 0
        status = schema_status(hall.db)
        nobody = not accounts_of(hall).has_supervisor()
    finally:
        hall.close()
    url = hall.db.engine.url.render_as_string(hide_password=True)
    emit(
        args,
        {"database": url, "schema": status.current, "key_id": key_id, "demo_staff_added": added}
        | ({"staff": FIRST_SUPERVISOR} if nobody else {}),
        f"database {url} at schema {status.current}, complaints key {key_id}"
        + (f"; {added} demo staff added" if args.demo else "")
        + (f"\n{FIRST_SUPERVISOR}" if nobody else ""),
    )
    return 0


def _doctor(args: argparse.Namespace) -> int:
    checks = run_checks(config_path(args.config))
    faults = [check for check in checks if not check.ok]
    emit(
        args,
        {"ok": not faults, "checks": [asdict(check) for check in checks]},
        "\n".join(f"{c.mark} {c.name}: {c.detail}" for c in checks),
    )
    return EXIT_FAULT if faults else 0


def _print_test(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    language = settings.kiosk.languages[0]
    slip = printer_test_slip(settings, language, datetime.now(UTC))
    try:
        job = printer_for(settings).print_pdf(
            render_slip(slip, Paper(settings.printer.paper_width)), "printer-test"
        )
    except PrintError as exc:
        print(f"mpp-kiosk: test slip not printed: {exc}", file=sys.stderr)
        return EXIT_FAULT
    where = str(job.path) if job.path else f"job {job.job_id}"
    emit(args, {"backend": job.backend, "job": job.job_id, "path": str(job.path or "")}, where)
    return 0
