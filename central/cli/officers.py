"""``mpp-central officer add|passwd|disable|list``: the desk's accounts.

A password is typed twice at a hidden prompt (``getpass``): never an argument (it would
sit in the shell's history and in ``ps``), never printed, never logged.
"""

from __future__ import annotations

import argparse
import getpass
from datetime import UTC, datetime

from central.cli.common import Commands, UsageError, current_database, emit, settings_of
from central.officers import Role, add_officer, check_password, disable_officer, list_officers
from central.officers import set_password as store_password


def add_officer_commands(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Register ``officer add|passwd|disable|list``."""
    officer = commands.add_parser("officer", help="the officers who work the complaint desk")
    actions = officer.add_subparsers(dest="officer_command", metavar="ACTION", required=True)
    adding = actions.add_parser(
        "add", parents=[common], help="add an officer; the password is asked twice"
    )
    adding.add_argument("username", metavar="USER")
    adding.add_argument(
        "--role", required=True, choices=[role.value for role in Role], help="what they may do"
    )
    adding.add_argument(
        "--site",
        action="append",
        default=[],
        metavar="SITE",
        help="a hall they may see (repeat for more); none: every hall",
    )
    adding.set_defaults(handler=_add)
    passwd = actions.add_parser(
        "passwd", parents=[common], help="set a new password (also lifts a lockout)"
    )
    passwd.add_argument("username", metavar="USER")
    passwd.set_defaults(handler=_passwd)
    disable = actions.add_parser(
        "disable", parents=[common], help="refuse an officer's sign-ins and end their sessions"
    )
    disable.add_argument("username", metavar="USER")
    disable.set_defaults(handler=_disable)
    listing = actions.add_parser("list", parents=[common], help="list the officers")
    listing.set_defaults(handler=_list)


def ask_password() -> str:
    """A new password typed twice at a hidden prompt.

    Raises:
        UsageError: the two differ, or the password is too short.
    """
    first = getpass.getpass("New password: ")
    if getpass.getpass("Again: ") != first:
        raise UsageError("the two passwords differ; nothing was changed")
    check_password(first)
    return first


def _add(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    password = ask_password()
    db = current_database(settings)
    try:
        made = add_officer(
            db, args.username, password, Role(args.role), args.site, datetime.now(UTC)
        )
    finally:
        db.dispose()
    where = ", ".join(made.sites) or "every hall"
    emit(
        args,
        {"officer": made.username, "role": made.role.value, "sites": list(made.sites)},
        f"officer {made.username} added: {made.role.value}, {where}",
    )
    return 0


def _passwd(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    password = ask_password()
    db = current_database(settings)
    try:
        store_password(db, args.username, password, datetime.now(UTC))
    finally:
        db.dispose()
    emit(args, {"officer": args.username}, f"new password for {args.username}; sessions ended")
    return 0


def _disable(args: argparse.Namespace) -> int:
    db = current_database(settings_of(args))
    try:
        now_disabled = disable_officer(db, args.username, datetime.now(UTC))
    finally:
        db.dispose()
    emit(
        args,
        {"officer": args.username, "disabled_now": now_disabled},
        f"officer {args.username} " + ("disabled" if now_disabled else "was already disabled"),
    )
    return 0


def _list(args: argparse.Namespace) -> int:
    db = current_database(settings_of(args))
    try:
        officers = list_officers(db)
    finally:
        db.dispose()
    emit(
        args,
        {
            "officers": [
                {"username": o.username, "role": o.role.value, "sites": list(o.sites), "live": live}
                for o, live in officers
            ]
        },
        "\n".join(
            f"{o.username}  {o.role.value}  {', '.join(o.sites) or 'every hall'}"
            + ("" if live else "  disabled")
            for o, live in officers
        )
        or "no officers",
    )
    return 0
