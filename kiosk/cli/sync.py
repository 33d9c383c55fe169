"""Sync commands of ``mpp-kiosk``: ``central enrol URL TOKEN`` and ``sync [--once]``."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from collections.abc import Callable
from types import FrameType

from kiosk.cli.common import EXIT_FAULT, Commands, UsageError, emit, hall_of
from kiosk.logs import configure_logging
from kiosk.sync.client import CentreClient, SyncError
from kiosk.sync.enrolment import (
    Enrolment,
    EnrolmentError,
    enrolment_path,
    load_enrolment,
    save_enrolment,
)
from kiosk.sync.run import Syncer


def add_sync_commands(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Register ``sync`` and ``central enrol``."""
    sync = commands.add_parser(
        "sync",
        parents=[common],
        help="push the outbox to the centre and pull its changes (runs until stopped)",
    )
    sync.add_argument(
        "--once", action="store_true", help="push and pull once; exit 1 naming the fault"
    )
    sync.set_defaults(handler=_sync)

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


def _sync(args: argparse.Namespace) -> int:
    hall = hall_of(args)
    stop = threading.Event()
    syncer = Syncer(
        hall.db, hall.settings, hall.clock, lambda: load_enrolment(enrolment_path()), stop
    )
    try:
        if args.once:
            return _once(args, syncer)
        _log_to_stderr()
        previous = {
            sig: signal.signal(sig, _stopper(stop)) for sig in (signal.SIGTERM, signal.SIGINT)
        }
        try:
            syncer.forever()
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        return 0
    finally:
        syncer.close()
        hall.close()


def _once(args: argparse.Namespace, syncer: Syncer) -> int:
    try:
        report = syncer.once()
    except (SyncError, EnrolmentError) as fault:
        print(f"mpp-kiosk: sync failed: {fault}", file=sys.stderr)
        return EXIT_FAULT
    pushed = report.pushed
    emit(
        args,
        {
            "sent": pushed.sent,
            "refused": pushed.refused,
            "batches": pushed.batches,
            "pulled_pages": report.pulled_pages,
            "pulled_records": report.pulled_records,
        },
        f"sent {pushed.sent} outbox entries in {pushed.batches} batch(es), {pushed.refused} "
        f"refused; pulled {report.pulled_records} record(s) in {report.pulled_pages} page(s)",
    )
    return 0


def _stopper(stop: threading.Event) -> Callable[[int, FrameType | None], None]:
    def handle(signum: int, frame: FrameType | None) -> None:
        del frame
        logging.getLogger(__name__).info("sync stopping (signal %d)", signum)
        stop.set()

    return handle


def _log_to_stderr() -> None:
    """A service's log goes to its journal (stderr) and to the kiosk's log file."""
    configure_logging(stderr=True)
