"""``mpp-central device add|list|revoke`` and ``mpp-central feed import``."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from central.cli.common import EXIT_FAULT, Commands, current_database, emit, moment, settings_of
from central.devices import DeviceInfo, add_device, list_devices, revoke_device
from central.feed import FeedReport, import_feed
from kiosk.jobs.feed import DEFAULT_MAX_MB


def add_record_commands(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Register ``device add|list|revoke`` and ``feed import``."""
    device = commands.add_parser("device", help="the hall devices allowed to sync")
    actions = device.add_subparsers(dest="device_command", metavar="ACTION", required=True)
    adding = actions.add_parser(
        "add", parents=[common], help="make a device of a site and print its token once"
    )
    adding.add_argument("site", metavar="SITE", help="the hall's site id (its site.id)")
    adding.add_argument("--name", default="hall", help="what the device is (default 'hall')")
    adding.set_defaults(handler=_add)
    listing = actions.add_parser("list", parents=[common], help="list the devices")
    listing.set_defaults(handler=_list)
    revoking = actions.add_parser("revoke", parents=[common], help="refuse a device's token")
    revoking.add_argument("id", metavar="ID", type=int, help="the device's id (see list)")
    revoking.set_defaults(handler=_revoke)

    feed = commands.add_parser("feed", help="what the centre publishes to every hall")
    feed_actions = feed.add_subparsers(dest="feed_command", metavar="ACTION", required=True)
    importing = feed_actions.add_parser(
        "import",
        parents=[common],
        help="import a jobs feed (JSON): postings, P3MI, rates; exit 1 if records were left out",
    )
    importing.add_argument("file", type=Path, help="the feed file (the hall's feed schema)")
    importing.add_argument(
        "--max-mb",
        type=int,
        default=DEFAULT_MAX_MB,
        help=f"the largest file to read, in MB (default {DEFAULT_MAX_MB})",
    )
    importing.set_defaults(handler=_import)


def _add(args: argparse.Namespace) -> int:
    db = current_database(settings_of(args))
    try:
        made = add_device(db, args.site, args.name, datetime.now(UTC))
    finally:
        db.dispose()
    device = made.device
    emit(
        args,
        {"device": asdict(device), "token": made.token, "site_created": made.site_created},
        (
            f"new site {device.site_id}: its name and zone come with the hall's first sync\n"
            if made.site_created
            else ""
        )
        + f"device {device.id} ({device.name}) of {device.site_id}; its token, shown this once:\n"
        + made.token,
    )
    return 0


def _list(args: argparse.Namespace) -> int:
    db = current_database(settings_of(args))
    try:
        devices = list_devices(db)
    finally:
        db.dispose()
    emit(
        args,
        {"devices": [asdict(device) for device in devices]},
        "\n".join(_line(device) for device in devices) or "no devices",
    )
    return 0


def _line(device: DeviceInfo) -> str:
    state = f"revoked {moment(device.revoked_at)}" if device.revoked_at else "live"
    return (
        f"{device.id:>4}  {device.site_id}  {device.name}  {state}  "
        f"created {moment(device.created_at)}  last seen {moment(device.last_seen_at)}"
    )


def _revoke(args: argparse.Namespace) -> int:
    db = current_database(settings_of(args))
    try:
        device, was_live = revoke_device(db, args.id, datetime.now(UTC))
    finally:
        db.dispose()
    emit(
        args,
        {"device": asdict(device), "revoked_now": was_live},
        f"device {device.id} ({device.name}) of {device.site_id} "
        + ("revoked" if was_live else f"was already revoked {moment(device.revoked_at)}"),
    )
    return 0


def _import(args: argparse.Namespace) -> int:
    db = current_database(settings_of(args))
    try:
        report = import_feed(db, args.file, max_mb=args.max_mb)
    finally:
        db.dispose()
    emit(args, report_payload(args.file, report), report_text(args.file, report))
    return EXIT_FAULT if report.rejected else 0


def report_payload(path: Path, report: FeedReport) -> dict[str, Any]:
    """A feed import's report as JSON."""
    return {
        "file": str(path),
        "p3mi": asdict(report.p3mi),
        "postings": asdict(report.postings),
        "rates": asdict(report.rates),
        "rejected_records": report.rejected_records,
        "rejected": [{"position": r.position, "reason": r.reason} for r in report.rejected],
    }


def report_text(path: Path, report: FeedReport) -> str:
    """A feed import's report for a person."""
    parts = (("P3MI", report.p3mi), ("postings", report.postings), ("rates", report.rates))
    lines = [
        f"{path}: "
        + "; ".join(
            f"{name} {c.added} added, {c.updated} updated, {c.unchanged} unchanged"
            for name, c in parts
        )
    ]
    if report.rejected:
        lines.append(f"left out {report.rejected_records} record(s):")
        lines.extend(f"  {r.position}: {r.reason}" for r in report.rejected)
    return "\n".join(lines)
