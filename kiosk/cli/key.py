"""The ``mpp-kiosk key`` commands: the hall's complaints key carried between devices, rotated.

``key export FILE`` writes this device's key (if it is the hall's) sealed with a passphrase;
``key import FILE`` makes the key in such a file this device's (if it is the hall's, or the
hall has none); ``key rotate`` seals everything again under a new key. Passphrases are
typed, never given on the command line.
"""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path

from kiosk.backup.archive import MIN_PASSPHRASE
from kiosk.cli.common import Commands, UsageError, emit, hall_of
from kiosk.hall_key import install_key, open_device_key
from kiosk.infra.sealed import write_secret
from kiosk.key_rotation import rotate
from kiosk.key_transfer import (
    MAX_FILE_BYTES,
    TransferError,
    check_passphrase,
    export_key,
    import_key,
)


def add_key_commands(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Register ``key export|import|rotate``."""
    key = commands.add_parser("key", help="the hall's complaints key: export, import, rotate")
    actions = key.add_subparsers(dest="key_command", metavar="ACTION", required=True)

    export = actions.add_parser(
        "export", parents=[common], help="write the hall's key to FILE, sealed with a passphrase"
    )
    export.add_argument("file", type=Path, metavar="FILE", help="a new file (never replaced)")
    export.set_defaults(handler=_export)

    load = actions.add_parser(
        "import", parents=[common], help="make the hall's key in FILE this device's key"
    )
    load.add_argument("file", type=Path, metavar="FILE", help="a file from 'key export'")
    load.set_defaults(handler=_import)

    again = actions.add_parser(
        "rotate", parents=[common], help="seal every complaint again under a new key"
    )
    again.set_defaults(handler=_rotate)


def _export(args: argparse.Namespace) -> int:
    path: Path = args.file
    if path.exists():
        raise UsageError(f"{path} exists: choose a new file name (a key file is never replaced)")
    hall = hall_of(args)
    try:
        device = open_device_key(hall.db, create=False)
        sealer = device.check()
    finally:
        hall.close()
    passphrase = _new_passphrase()
    try:
        written = write_secret(path, export_key(device.key, passphrase))
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}") from None
    if not written:
        raise UsageError(f"{path} exists: choose a new file name (a key file is never replaced)")
    emit(
        args,
        {"file": str(path), "key_id": sealer.key_id},
        f"the hall's key {sealer.key_id} written to {path}: "
        "carry it to the other device and run 'mpp-kiosk key import FILE' there",
    )
    return 0


def _import(args: argparse.Namespace) -> int:
    path: Path = args.file
    blob = _read(path)
    key = _unsealed(blob, getpass.getpass(f"Passphrase of {path.name}: "))
    hall = hall_of(args)
    try:
        installed = install_key(hall.db, key)
    finally:
        hall.close()
    lines = [f"this device now holds the hall's key {installed.key_id}"]
    if installed.already:
        lines = [f"this device already holds the hall's key {installed.key_id}"]
    if installed.set_aside is not None:
        lines.append(f"the key it held before was moved to {installed.set_aside}")
    emit(
        args,
        {
            "key_id": installed.key_id,
            "already": installed.already,
            "set_aside": None if installed.set_aside is None else str(installed.set_aside),
        },
        "; ".join(lines),
    )
    return 0


def _rotate(args: argparse.Namespace) -> int:
    hall = hall_of(args)
    try:
        done = rotate(hall.db)
    finally:
        hall.close()
    emit(
        args,
        {
            "old_key_id": done.old,
            "key_id": done.new,
            "complaints": done.complaints,
            "notes": done.notes,
            "outbox": done.outbox,
        },
        f"the hall's key is now {done.new} (was {done.old}): {done.complaints} complaints, "
        f"{done.notes} notes and {done.outbox} outbox entries sealed again; export it to "
        "every other device of the hall ('mpp-kiosk key export FILE', then 'key import')",
    )
    return 0


def _new_passphrase() -> str:
    """A passphrase typed twice, long enough.

    Raises:
        UsageError: too short, or the two differ (nothing is written).
    """
    first = getpass.getpass(f"Passphrase for the key file ({MIN_PASSPHRASE} characters or more): ")
    try:
        check_passphrase(first)
    except TransferError as exc:
        raise UsageError(f"{exc}: nothing was written") from None
    if getpass.getpass("The same passphrase again: ") != first:
        raise UsageError("the two passphrases differ: nothing was written")
    return first


def _read(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None


def _unsealed(blob: bytes, passphrase: str) -> bytes:
    try:
        return import_key(blob, passphrase)
    except TransferError as exc:
        raise UsageError(f"{exc}: nothing was changed") from None
