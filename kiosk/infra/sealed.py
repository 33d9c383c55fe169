"""Secret key files and sealed values, shared by the hall and the centre.

A key file holds 32 random bytes (base64) and is created once: written to a temporary
file opened with ``O_EXCL`` and mode 0600, synced, then linked into place, which fails if
another process got there first, so it is never seen half-written and never replaced.

A :class:`Sealer` encrypts values with AES-256-GCM (a random nonce per value) under a key
derived by HKDF for one :class:`Purpose`; each value is bound to its place (table, column,
row) as associated data, so a ciphertext copied to another row does not open. A key's
``key_id`` (a fingerprint, also derived by HKDF) is kept with what it sealed.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_BYTES: Final = 32
NONCE_BYTES: Final = 12
TAG_BYTES: Final = 16
FORMAT: Final = b"\x01"
"""First byte of every sealed value, so the format can change without guessing."""


class KeyFileError(Exception):
    """The key is missing, unreadable, readable by others, damaged, or not the data's key."""


@dataclass(frozen=True)
class Purpose:
    """What a key is used for: the HKDF labels of its sealing key and of its fingerprint.

    The labels are part of what was stored: changing one makes the data unreadable.
    """

    seal: bytes
    key_id: bytes


def new_key() -> bytes:
    """A fresh random key."""
    return secrets.token_bytes(KEY_BYTES)


def ensure_key(path: Path) -> bytes:
    """The key in ``path``, created first if there is none (both programs' ``init``).

    Raises:
        KeyFileError: the file exists but is not a usable key.
    """
    if not path.exists():
        write_key(path, new_key())
    return load_key(path)


def write_key(path: Path, key: bytes) -> bool:
    """Write ``key`` to ``path`` unless a key file is there already.

    Returns:
        Whether this call wrote the file (``False``: another one was there first).
    """
    return write_secret(path, encode_key(key))


def write_secret(path: Path, content: bytes, *, replace: bool = False) -> bool:
    """Write ``content`` to ``path``, mode 0600, whole or not at all, surviving a power cut.

    Args:
        path: the file.
        content: what it holds.
        replace: put it in place of a file already there (else that file stays).

    Returns:
        Whether this call wrote the file (``False``: one was there and ``replace`` is off).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        if replace:
            os.replace(temporary, path)
        else:
            try:
                os.link(temporary, path)
            except FileExistsError:  # another process made it first: theirs stays
                return False
    finally:
        temporary.unlink(missing_ok=True)
    sync_folder(path.parent)
    return True


def sync_folder(folder: Path) -> None:
    """Make a file's creation, renaming or removal in ``folder`` survive a power cut."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def load_key(path: Path, *, hint: str = "") -> bytes:
    """The key in ``path``.

    Args:
        path: the key file.
        hint: what to do when there is no file (``"run 'mpp-central init'"``).

    Raises:
        KeyFileError: no file, a file others may read, or not a key.
    """
    try:
        mode = path.stat().st_mode
        raw = path.read_bytes()
    except FileNotFoundError:
        raise KeyFileError(
            f"complaints key {path} is missing" + (f": {hint}" if hint else "")
        ) from None
    except OSError as exc:
        raise KeyFileError(f"cannot read complaints key {path}: {exc.strerror}") from None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise KeyFileError(f"complaints key {path} is readable by others: chmod 600 it")
    return parse_key(raw, str(path))


def encode_key(key: bytes) -> bytes:
    """What a key file holds: the key in base64 on one line."""
    return base64.urlsafe_b64encode(key) + b"\n"


def parse_key(raw: bytes, where: str) -> bytes:
    """The key in a key file's content (``where`` names the file in the message).

    Raises:
        KeyFileError: not a key.
    """
    try:
        key = base64.urlsafe_b64decode(raw.strip())
    except (binascii.Error, ValueError):
        key = b""
    if len(key) != KEY_BYTES:
        raise KeyFileError(f"complaints key {where} is damaged (not a {KEY_BYTES}-byte key)")
    return key


def _derive(key: bytes, label: bytes) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=label)
    return hkdf.derive(key)


class Sealer:
    """Seals and opens values with one key, for one purpose.

    Attributes:
        key_id: the key's fingerprint, kept with what it sealed to tell a wrong key apart.
    """

    def __init__(self, key: bytes, purpose: Purpose) -> None:
        self._aead = AESGCM(_derive(key, purpose.seal))
        self.key_id = hmac.new(_derive(key, purpose.key_id), b"key id", hashlib.sha256).hexdigest()[
            :16
        ]

    def seal(self, plain: bytes, place: str) -> bytes:
        """``plain`` encrypted for ``place``: format byte, random nonce, ciphertext and tag."""
        nonce = secrets.token_bytes(NONCE_BYTES)
        return FORMAT + nonce + self._aead.encrypt(nonce, plain, place.encode("utf-8"))

    def open(self, blob: bytes, place: str) -> bytes:
        """What was sealed for ``place``.

        Raises:
            KeyFileError: another key sealed it, or it was altered.
        """
        if blob[:1] != FORMAT:
            raise KeyFileError(f"{place}: unknown encryption format")
        if len(blob) < 1 + NONCE_BYTES + TAG_BYTES:
            raise KeyFileError(f"{place}: cannot decrypt (cut short)")
        nonce, sealed = blob[1 : 1 + NONCE_BYTES], blob[1 + NONCE_BYTES :]
        try:
            return self._aead.decrypt(nonce, sealed, place.encode("utf-8"))
        except InvalidTag:
            raise KeyFileError(f"{place}: cannot decrypt (another key, or altered data)") from None

    def seal_text(self, value: str, place: str) -> bytes:
        """A text sealed for ``place``."""
        return self.seal(value.encode("utf-8"), place)

    def open_text(self, blob: bytes, place: str) -> str:
        """The text sealed for ``place``.

        Raises:
            KeyFileError: another key sealed it, or it was altered.
        """
        return self.open(blob, place).decode("utf-8")

    def seal_personal(self, personal: dict[str, str], place: str) -> bytes:
        """Personal answers, as JSON, sealed for ``place``."""
        plain = json.dumps(personal, ensure_ascii=False, sort_keys=True).encode("utf-8")
        return self.seal(plain, place)

    def open_personal(self, blob: bytes, place: str) -> dict[str, str]:
        """The personal answers sealed for ``place``.

        Raises:
            KeyFileError: another key sealed them, or they were altered.
        """
        loaded = json.loads(self.open(blob, place).decode("utf-8"))
        assert isinstance(loaded, dict)
        return {str(key): str(value) for key, value in loaded.items()}
