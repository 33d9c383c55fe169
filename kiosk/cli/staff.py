"""``mpp-kiosk staff add|passwd|disable|list``: staff accounts, and PINs read at a prompt.

A PIN is never an argument (it would sit in the shell history and the process list) and
never logged: at a terminal it is typed without echo (``getpass``), twice when it is new;
from a pipe (scripted set-ups, tests) each PIN is one line of standard input.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable

from kiosk.cli.common import Commands, UsageError, emit, hall_of
from kiosk.errors import InvalidInput
from kiosk.hall import Hall
from kiosk.staff import ROLES, StaffMember
from kiosk.staff_accounts import SUPERVISOR_NEEDED, StaffAccount, StaffAccounts

FIRST_SUPERVISOR = (
    'no staff can sign in yet: add the first supervisor with `mpp-kiosk staff add USER --name "FULL'
    ' NAME" --role supervisor` (the PIN is asked twice)'
)


def add_staff_commands(
    commands: Commands, common: argparse.ArgumentParser
) -> argparse.ArgumentParser:
    """Register ``staff add|passwd|disable|list``; returns the ``staff`` parser (the console's)."""
    staff = commands.add_parser(
        "staff", help="the front-desk staff console, or staff accounts (add, passwd, disable, list)"
    )
    actions = staff.add_subparsers(dest="staff_command", metavar="ACTION")
    by = argparse.ArgumentParser(add_help=False)
    by.add_argument(
        "--by", metavar="SUPERVISOR", help="the supervisor making the change (PIN asked)"
    )

    add = actions.add_parser("add", parents=[common, by], help="add a member (PIN asked twice)")
    add.add_argument("username", metavar="USER")
    add.add_argument("--name", required=True, help="the full name staff see on the sign-in list")
    add.add_argument("--role", required=True, choices=ROLES)
    add.set_defaults(handler=_add)

    passwd = actions.add_parser(
        "passwd", parents=[common, by], help="change a PIN (the member's own, or --by a supervisor)"
    )
    passwd.add_argument("username", metavar="USER")
    passwd.set_defaults(handler=_passwd)

    disable = actions.add_parser("disable", parents=[common], help="disable an account")
    disable.add_argument("username", metavar="USER")
    disable.add_argument(
        "--by", metavar="SUPERVISOR", required=True, help="the supervisor (PIN asked)"
    )
    disable.set_defaults(handler=_disable)

    listing = actions.add_parser("list", parents=[common], help="every account, never a PIN")
    listing.set_defaults(handler=_list)
    return staff


def read_pin(prompt: str) -> str:
    """A PIN typed without echo at a terminal, or the next line of standard input from a pipe.

    Raises:
        UsageError: standard input ended before a PIN.
    """
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    line = sys.stdin.readline()
    if not line:
        raise UsageError(f"{prompt.rstrip(': ')}: no PIN on standard input")
    return line.rstrip("\r\n")


def accounts_of(hall: Hall) -> StaffAccounts:
    """The hall's staff accounts, under the site's PIN rules."""
    return StaffAccounts(hall.db, hall.settings.staff, hall.clock)


def authenticate(hall: Hall, username: str) -> StaffMember:
    """The member ``username`` signed in with the PIN they type (wrong tries count and lock).

    An unknown or disabled user is refused before a PIN is asked.

    Raises:
        InvalidInput: unknown user, wrong PIN or a locked account.
    """
    hall.staff.member(username)
    return hall.staff.sign_in(username, read_pin(f"PIN of {username}: "))


def _new_pin(username: str) -> str:
    first = read_pin(f"new PIN for {username}: ")
    if read_pin(f"new PIN for {username} again: ") != first:
        raise InvalidInput("staff.pins_differ")
    return first


def _run(args: argparse.Namespace, use: Callable[[Hall], int]) -> int:
    hall = hall_of(args)
    try:
        return use(hall)
    except InvalidInput as exc:
        raise UsageError(exc.message(hall.settings.kiosk.languages[0])) from None
    finally:
        hall.close()


def _add(args: argparse.Namespace) -> int:
    def use(hall: Hall) -> int:
        accounts = accounts_of(hall)
        if args.by is None and accounts.has_supervisor():
            raise InvalidInput(SUPERVISOR_NEEDED)
        actor = None if args.by is None else authenticate(hall, args.by)
        member = accounts.add(actor, args.username, args.name, args.role, _new_pin(args.username))
        emit(
            args,
            {"username": member.username, "name": member.name, "role": member.role},
            f"added {member.username} ({member.name}, {member.role})",
        )
        return 0

    return _run(args, use)


def _passwd(args: argparse.Namespace) -> int:
    def use(hall: Hall) -> int:
        actor = authenticate(hall, args.by or args.username)
        accounts_of(hall).set_pin(actor, args.username, _new_pin(args.username))
        emit(args, {"username": args.username, "changed": True}, f"PIN of {args.username} changed")
        return 0

    return _run(args, use)


def _disable(args: argparse.Namespace) -> int:
    def use(hall: Hall) -> int:
        accounts_of(hall).disable(authenticate(hall, args.by), args.username)
        emit(args, {"username": args.username, "active": False}, f"{args.username} disabled")
        return 0

    return _run(args, use)


def _list(args: argparse.Namespace) -> int:
    def use(hall: Hall) -> int:
        accounts = accounts_of(hall).listing()
        emit(
            args,
            {"staff": [_as_json(account) for account in accounts]},
            "\n".join(_as_line(account) for account in accounts) or FIRST_SUPERVISOR,
        )
        return 0

    return _run(args, use)


def _as_json(account: StaffAccount) -> dict[str, object]:
    return {
        "username": account.username,
        "name": account.name,
        "role": account.role,
        "active": account.active,
        "locked_until": None if account.locked_until is None else account.locked_until.isoformat(),
    }


def _as_line(account: StaffAccount) -> str:
    state = "active" if account.active else "disabled"
    if account.locked_until is not None:
        state += f", locked until {account.locked_until.isoformat(timespec='minutes')}"
    return f"{account.username:<16} {account.role:<10} {state:<10} {account.name}"
