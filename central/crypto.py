"""The centre's complaints key file and the sealing of complaints' personal answers.

AES-256-GCM with a random nonce per value, keyed by HKDF from a 32-byte key file that
``mpp-central init`` creates once (``O_EXCL``, mode 0600, synced, linked into place: never
seen half-written, never replaced). Each sealed value is bound to its place (the site and
the complaint's token) as associated data, so a ciphertext copied to another row does not
open.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import hmac
import json
import os
import secrets
import stat
from pathlib import Path
from typing import Final

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_BYTES: Final = 32
NONCE_BYTES: Final = 12
FORMAT: Final = b"\x01"
"""First byte of every sealed value, so the format can change without guessing."""


class KeyFileError(Exception):
    """The key is missing, unreadable, readable by others, damaged, or not the data's key."""


def ensure_key(path: Path) -> bytes:
    """The key in ``path``, created first if there is none (``mpp-central init`` calls this).

    Raises:
        KeyFileError: the file exists but is not a usable key.
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
        with contextlib.suppress(FileExistsError):  # another process made it first: use theirs
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
        KeyFileError: no file, a file others may read, or not a key.
    """
    try:
        mode = path.stat().st_mode
        raw = path.read_bytes()
    except FileNotFoundError:
        raise KeyFileError(f"complaints key {path} is missing: run 'mpp-central init'") from None
    except OSError as exc:
        raise KeyFileError(f"cannot read complaints key {path}: {exc.strerror}") from None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise KeyFileError(f"complaints key {path} is readable by others: chmod 600 it")
    try:
        key = base64.urlsafe_b64decode(raw.strip())
    except (binascii.Error, ValueError):
        key = b""
    if len(key) != KEY_BYTES:
        raise KeyFileError(f"complaints key {path} is damaged (not a {KEY_BYTES}-byte key)")
    return key


def _derive(key: bytes, purpose: bytes) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=purpose)
    return hkdf.derive(key)


def personal_place(site_id: str, token: str) -> str:
    """Where a complaint's personal answers belong (the associated data they are sealed to)."""
    return f"complaints.personal_sealed:{site_id}:{token}"


class Sealer:
    """Seals and opens values with the centre's complaints key.

    Attributes:
        key_id: a fingerprint of the key, kept with each complaint to tell a wrong key apart.
    """

    def __init__(self, key: bytes) -> None:
        self._aead = AESGCM(_derive(key, b"mpp-central complaints v1"))
        self.key_id = hmac.new(
            _derive(key, b"mpp-central complaints key id v1"), b"key id", hashlib.sha256
        ).hexdigest()[:16]

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
        nonce, sealed = blob[1 : 1 + NONCE_BYTES], blob[1 + NONCE_BYTES :]
        try:
            return self._aead.decrypt(nonce, sealed, place.encode("utf-8"))
        except InvalidTag:
            raise KeyFileError(f"{place}: cannot decrypt (another key, or altered data)") from None

    def seal_personal(self, personal: dict[str, str], place: str) -> bytes:
        """A complaint's personal answers, as JSON, sealed for ``place``."""
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
