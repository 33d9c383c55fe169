"""``mpp-kiosk backup DIR`` and ``mpp-kiosk restore FILE``.

The passphrase comes from ``--passphrase-file``, else ``backup.passphrase_file`` in the
configuration (the nightly timer's way: a file only the service user may read), else it is
typed on the terminal (twice for a backup).
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

from kiosk.backup.archive import check_passphrase
from kiosk.backup.hall import (
    BackupError,
    BackupRefusedError,
    make_backup,
    read_backup,
    restore_backup,
)
from kiosk.cli.common import EXIT_FAULT, Commands, UsageError, emit, settings_of
from kiosk.settings import Settings


def add_backup_commands(commands: Commands, common: argparse.ArgumentParser) -> None:
    """Register ``backup`` and ``restore``."""
    secret = argparse.ArgumentParser(add_help=False)
    secret.add_argument(
        "--passphrase-file",
        metavar="PATH",
        help="read the passphrase from this file (mode 0600); default: backup.passphrase_file, "
        "else ask on the terminal",
    )
    backup = commands.add_parser(
        "backup",
        parents=[common, secret],
        help="write a backup of the hall database and complaints key, sealed with a passphrase",
    )
    backup.add_argument("folder", metavar="DIR", type=Path, help="where the backups are kept")
    backup.add_argument(
        "--keep",
        type=int,
        metavar="N",
        help="keep the newest N backups of this site in DIR (default: backup.keep)",
    )
    backup.set_defaults(handler=_backup)
    restore = commands.add_parser(
        "restore",
        parents=[common, secret],
        help="check a backup, then put it in place of the hall database and complaints key",
    )
    restore.add_argument("file", metavar="FILE", type=Path, help="a backup file")
    restore.set_defaults(handler=_restore)


def _backup(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    keep = settings.backup.keep if args.keep is None else args.keep
    if not 1 <= keep <= 1000:
        raise UsageError(f"--keep takes 1 to 1000, not {keep}")
    passphrase = _passphrase(args, settings, twice=True)
    with _faults() as failed:
        made = make_backup(settings, args.folder, passphrase, keep)
    if failed:
        return EXIT_FAULT
    emit(
        args,
        {
            "path": str(made.path),
            "bytes": made.size,
            "schema": made.schema,
            "keys": list(made.keys),
            "removed": [str(path) for path in made.removed],
        },
        f"backup {made.path} ({made.size:,} bytes, schema {made.schema}, "
        f"key files: {', '.join(made.keys) or 'none'})"
        + (f"; removed {len(made.removed)} older" if made.removed else ""),
    )
    return 0


def _restore(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    passphrase = _passphrase(args, settings, twice=False)
    with _faults() as failed:
        backup = read_backup(args.file, passphrase)
        schema = restore_backup(settings, backup)
    if failed:
        return EXIT_FAULT
    emit(
        args,
        {"site": backup.site, "created": backup.created, "schema": schema, "keys": backup.keys},
        f"restored the backup of {backup.site} made {backup.created} (schema now {schema}, "
        f"key files: {', '.join(backup.keys) or 'none'})",
    )
    return 0


@contextlib.contextmanager
def _faults() -> Iterator[list[BackupError]]:
    """Bad input becomes a usage error (exit 2); any other fault is said in one line and
    listed, for exit 1."""
    failed: list[BackupError] = []
    try:
        yield failed
    except BackupRefusedError as exc:
        raise UsageError(str(exc)) from None
    except BackupError as exc:
        print(f"mpp-kiosk: {exc}", file=sys.stderr)
        failed.append(exc)


def _passphrase(args: argparse.Namespace, settings: Settings, *, twice: bool) -> bytes:
    """The passphrase from the file given or configured, else typed on the terminal."""
    configured = args.passphrase_file or settings.backup.passphrase_file
    try:
        if configured:
            return check_passphrase(_read_secret(Path(configured)))
        if not sys.stdin.isatty():
            raise UsageError(
                "no passphrase: give --passphrase-file or set backup.passphrase_file, "
                "or run on a terminal"
            )
        typed = getpass.getpass("Backup passphrase: ")
        if twice and getpass.getpass("Again: ") != typed:
            raise UsageError("the two passphrases differ; nothing was written")
        return check_passphrase(typed)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _read_secret(path: Path) -> str:
    """The first line of a passphrase file that only its owner may read."""
    try:
        mode = path.stat().st_mode
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot read passphrase file {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise UsageError(f"passphrase file {path} is not UTF-8 text") from None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise UsageError(f"passphrase file {path} is readable by others: chmod 600 it")
    lines = text.splitlines()
    return lines[0] if lines else ""
