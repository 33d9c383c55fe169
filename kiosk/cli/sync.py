"""Sync commands of ``mpp-kiosk``: ``central enrol URL TOKEN`` and ``sync [--once]``."""

from __future__ import annotations

import argparse
import sys

from kiosk.cli.common import EXIT_FAULT, Commands, UsageError, emit
from kiosk.sync.client import CentreClient, SyncError
from kiosk.sync.enrolment import Enrolment, enrolment_path, save_enrolment


def add_sync_commands(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Register ``central enrol``."""
    central = commands.add_parser("central", help="this device and the central records service")
    actions = central.add_subparsers(dest="central_command", metavar="ACTION", required=True)
    enrol = actions.add_parser(
        "enrol",
        parents=[common],
        help="check a device token with the centre and keep it (file mode 0600, not the TOML)",
    )
    enrol.add_argument("url", metavar="URL", help="the centre, e.g. https://rekam.kp2mi.go.id")
    enrol.add_argument("token", metavar="TOKEN", help="printed by 'mpp-central device add SITE'")
    enrol.set_defaults(handler=_enrol)


def _enrol(args: argparse.Namespace) -> int:
    try:
        enrolment = Enrolment(args.url.rstrip("/"), args.token.strip())
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    client = CentreClient(enrolment)
    try:
        client.pull("")
    except SyncError as fault:
        print(f"mpp-kiosk: not enrolled: {fault}", file=sys.stderr)
        return EXIT_FAULT
    finally:
        client.close()
    path = enrolment_path()
    save_enrolment(path, enrolment)
    emit(
        args,
        {"enrolled": True, "centre": enrolment.base_url, "file": str(path)},
        f"enrolled with {enrolment.base_url}; the token is kept in {path} (this user only)",
    )
    return 0
