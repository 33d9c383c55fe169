"""The ``mpp-central`` command line: serve, init, doctor, devices and the feed.

Bad input exits 2 and a database fault 1, each with one line on stderr; never a traceback.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from collections.abc import Callable, Sequence
from importlib.metadata import version

from sqlalchemy.exc import SQLAlchemyError

from central.cli.common import EXIT_FAULT, EXIT_USAGE, UsageError
from central.cli.officers import add_officer_commands
from central.cli.records import add_record_commands
from central.cli.retention import add_retention_commands
from central.cli.server import add_server_commands
from central.db import DatabaseError, one_line
from central.devices import DeviceError
from central.feed import FeedError
from central.officers import OfficerError
from central.settings import ConfigError
from kiosk.infra.sealed import KeyFileError

Handler = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command."""
    parser = argparse.ArgumentParser(
        prog="mpp-central",
        description="The central records service: the pages slips' QR codes open, the halls' sync.",
    )
    parser.add_argument(
        "--version", action="version", version=f"mpp-central {version('mpp-kiosk')}"
    )
    parser.add_argument("--config", metavar="PATH", help="configuration (TOML)")
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")
    common = argparse.ArgumentParser(add_help=False)
    # Also after the command; SUPPRESS keeps a --json given before it (no default overrides it).
    common.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="print machine-readable JSON"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    add_server_commands(commands, common)
    add_record_commands(commands, common)
    add_officer_commands(commands, common)
    add_retention_commands(commands, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return handler(args)
    except (ConfigError, UsageError, DeviceError, FeedError, OfficerError) as exc:
        return _fail(str(exc), EXIT_USAGE)
    except (DatabaseError, KeyFileError) as exc:
        return _fail(str(exc), EXIT_FAULT)
    except SQLAlchemyError as exc:
        return _fail(f"database fault: {one_line(exc)}", EXIT_FAULT)
    except (OSError, tomllib.TOMLDecodeError, KeyError) as exc:
        return _fail(f"{type(exc).__name__}: {one_line(exc)}", EXIT_FAULT)


def _fail(message: str, code: int) -> int:
    print(f"mpp-central: {message}", file=sys.stderr)
    return code
