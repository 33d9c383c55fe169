"""The hall's key carried to another device: a file sealed with a passphrase.

A key file is a backup file (``kiosk.backup.archive``: scrypt, then AES-256-GCM with the
header bound as associated data) holding one part, the key file itself: one format and one
reader serve both.
"""

from __future__ import annotations

from typing import Final

from kiosk.backup import archive
from kiosk.backup.archive import MIN_PASSPHRASE, BackupFileError, open_sealed, seal
from kiosk.hall_key import KEY_FILE
from kiosk.infra.sealed import KeyFileError, encode_key, parse_key

MAX_FILE_BYTES: Final = 64 * 1024
"""A key file is under a kilobyte; read no more than this of what is given as one."""


class TransferError(Exception):
    """Not a key file, a wrong passphrase, or a passphrase too short: one line."""


def check_passphrase(passphrase: str) -> bytes:
    """The passphrase as bytes, if it is long enough (the backup's rule).

    Raises:
        TransferError: fewer than ``MIN_PASSPHRASE`` characters.
    """
    try:
        return archive.check_passphrase(passphrase)
    except ValueError:
        raise TransferError(f"the passphrase needs {MIN_PASSPHRASE} characters or more") from None


def export_key(key: bytes, passphrase: str) -> bytes:
    """The contents of a key file holding ``key``.

    Raises:
        TransferError: the passphrase is too short.
    """
    return seal({KEY_FILE: encode_key(key)}, check_passphrase(passphrase))


def import_key(blob: bytes, passphrase: str) -> bytes:
    """The key a key file holds.

    Raises:
        TransferError: not such a file, a damaged one, or the wrong passphrase.
    """
    if len(blob) > MAX_FILE_BYTES:
        raise TransferError("not a key file from 'mpp-kiosk key export'")
    try:
        part = open_sealed(blob, passphrase.encode()).get(KEY_FILE)
    except BackupFileError as exc:
        raise TransferError(str(exc)) from None
    if part is None:
        raise TransferError("the file holds no complaints key")
    try:
        return parse_key(part, KEY_FILE)
    except KeyFileError as exc:
        raise TransferError(str(exc)) from None
