"""``mpp-central purge``: erase the personal data of complaints kept past the retention period.

Run daily (the installer's timer); each erasure is in the audit log, and each complaint's
hall erases its own copy with its next pull.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from central.cli.common import Commands, current_database, emit, moment, settings_of
from central.retention import purge


def add_retention_commands(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Register ``purge``."""
    purging = commands.add_parser(
        "purge",
        parents=[common],
        help="erase personal data of complaints resolved or closed longer ago than "
        "desk.retention_days",
    )
    purging.set_defaults(handler=_purge)


def _purge(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    db = current_database(settings)
    try:
        done = purge(db, datetime.now(UTC), settings.desk.retention_days)
    finally:
        db.dispose()
    emit(
        args,
        {"erased": done.erased, "cutoff": done.cutoff},
        f"erased the personal data of {done.erased} complaint(s) resolved or closed "
        f"before {moment(done.cutoff)}",
    )
    return 0
