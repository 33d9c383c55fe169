"""The complaints key file and field encryption (AES-256-GCM, a random nonce per value)."""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import hmac
import os
import secrets
import stat
from pathlib import Path
from typing import Final

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from kiosk.db import data_dir

KEY_FILE: Final = "complaints.key"
KEY_BYTES: Final = 32
NONCE_BYTES: Final = 12
FORMAT: Final = b"\x01"
"""First byte of every sealed value, so the format can change without guessing."""


class ComplaintKeyError(Exception):
    """The complaints key is missing, unreadable, too open or not the one the data needs."""


def key_path() -> Path:
    """Where the complaints key lives: beside the hall database in the data directory."""
    return data_dir() / KEY_FILE


def ensure_key(path: Path) -> bytes:
    """The key in ``path``, created first if there is none (``mpp-kiosk init`` calls this).

    A new key is written to a temporary file opened with ``O_EXCL`` and mode 0600, synced,
    then linked into place, which fails if another process got there first: the key file
    is never seen half-written and never replaced.
    """
    if path.exists():
        return load_key(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(base64.urlsafe_b64encode(secrets.token_bytes(KEY_BYTES)) + b"\n")
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)
    finally:
        temporary.unlink()
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
    return load_key(path)


def load_key(path: Path) -> bytes:
    """The key in ``path``.

    Raises:
        ComplaintKeyError: no file, a file others may read, or not a key.
    """
    try:
        mode = path.stat().st_mode
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ComplaintKeyError(
            f"complaints key {path} is missing: run 'mpp-kiosk init' on the first device, "
            "then copy the file to every device of the hall"
        ) from None
    except OSError as exc:
        raise ComplaintKeyError(f"cannot read complaints key {path}: {exc.strerror}") from None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise ComplaintKeyError(f"complaints key {path} is readable by others: chmod 600 it")
    try:
        key = base64.urlsafe_b64decode(raw.strip())
    except (binascii.Error, ValueError):
        key = b""
    if len(key) != KEY_BYTES:
        raise ComplaintKeyError(f"complaints key {path} is damaged (not a {KEY_BYTES}-byte key)")
    return key


def _derive(key: bytes, purpose: bytes) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=purpose)
    return hkdf.derive(key)


class FieldCipher:
    """Seals and opens the personal fields of complaints with one hall key.

    Each value is bound to its place (e.g. ``complaints.worker_name:P-261123-7K3M``) as
    associated data, so a ciphertext copied to another row or column does not open.

    Attributes:
        key_id: a fingerprint of the key, kept with each complaint to tell a wrong key apart.
    """

    def __init__(self, key: bytes) -> None:
        self._aead = AESGCM(_derive(key, b"mpp-kiosk complaints fields v1"))
        self.key_id = hmac.new(
            _derive(key, b"mpp-kiosk complaints key id v1"), b"key id", hashlib.sha256
        ).hexdigest()[:16]

    def seal(self, value: str, place: str) -> bytes:
        """``value`` encrypted for ``place``: format byte, random nonce, ciphertext and tag."""
        nonce = secrets.token_bytes(NONCE_BYTES)
        sealed = self._aead.encrypt(nonce, value.encode("utf-8"), place.encode("utf-8"))
        return FORMAT + nonce + sealed

    def open(self, blob: bytes, place: str) -> str:
        """The value sealed for ``place``.

        Raises:
            ComplaintKeyError: another key sealed it, or it was altered.
        """
        if blob[:1] != FORMAT:
            raise ComplaintKeyError(f"{place}: unknown encryption format")
        nonce, sealed = blob[1 : 1 + NONCE_BYTES], blob[1 + NONCE_BYTES :]
        try:
            plain = self._aead.decrypt(nonce, sealed, place.encode("utf-8"))
        except InvalidTag:
            raise ComplaintKeyError(
                f"{place}: cannot decrypt (another hall key, or altered data)"
            ) from None
        return plain.decode("utf-8")
