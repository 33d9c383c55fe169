"""The backup file: named parts (database, key files, manifest) sealed with a passphrase.

Layout: a magic line, one JSON header line (format, scrypt parameters, salt, nonce), then
the parts as a gzipped tar encrypted with AES-256-GCM under the key scrypt derives from the
passphrase; the magic and the header are the associated data, so nothing of the file can be
changed unnoticed. A wrong passphrase and a damaged file look the same: the tag fails.
"""

from __future__ import annotations

import base64
import io
import json
import secrets
import tarfile
from typing import Any, Final

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

MAGIC: Final = b"MPP-KIOSK-BACKUP\n"
FORMAT: Final = 1
SCRYPT_N: Final = 2**15
"""scrypt cost: about 0.1 s and 32 MiB to try one passphrase."""
SCRYPT_R: Final = 8
SCRYPT_P: Final = 1
MIN_PASSPHRASE: Final = 10
_HEADER_MAX: Final = 4096


class BackupFileError(Exception):
    """The file is not a backup, is damaged, or the passphrase is not its passphrase."""


def check_passphrase(passphrase: str) -> bytes:
    """The passphrase as bytes, if it is long enough to guard the hall's key.

    Raises:
        ValueError: shorter than ``MIN_PASSPHRASE`` characters.
    """
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValueError(f"the backup passphrase needs at least {MIN_PASSPHRASE} characters")
    return passphrase.encode()


def _key(passphrase: bytes, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase)


def seal(parts: dict[str, bytes], passphrase: bytes) -> bytes:
    """The backup file holding `parts` (name: content)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz", compresslevel=6) as archive:
        for name, content in parts.items():
            member = tarfile.TarInfo(name)
            member.size = len(content)
            member.mode = 0o600
            archive.addfile(member, io.BytesIO(content))
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    header: dict[str, Any] = {
        "format": FORMAT,
        "kdf": "scrypt",
        "n": SCRYPT_N,
        "r": SCRYPT_R,
        "p": SCRYPT_P,
        "salt": base64.b64encode(salt).decode(),
        "nonce": base64.b64encode(nonce).decode(),
    }
    head = MAGIC + json.dumps(header, sort_keys=True).encode() + b"\n"
    key = _key(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return head + AESGCM(key).encrypt(nonce, buffer.getvalue(), head)


def open_sealed(data: bytes, passphrase: bytes) -> dict[str, bytes]:
    """The parts of a backup file.

    Raises:
        BackupFileError: not a backup of this format, damaged, or the wrong passphrase.
    """
    if not data.startswith(MAGIC):
        raise BackupFileError("not an mpp-kiosk backup file")
    end = data.find(b"\n", len(MAGIC), len(MAGIC) + _HEADER_MAX)
    if end < 0:
        raise BackupFileError("the backup file's header is damaged")
    head = data[: end + 1]
    try:
        header = json.loads(head[len(MAGIC) :])
        if header["format"] != FORMAT or header["kdf"] != "scrypt":
            raise BackupFileError(f"backup format {header['format']} is not one this app reads")
        salt, nonce = base64.b64decode(header["salt"]), base64.b64decode(header["nonce"])
        n, r, p = int(header["n"]), int(header["r"]), int(header["p"])
        if not (2 <= n <= 2**20 and 1 <= r <= 32 and 1 <= p <= 16):
            raise ValueError("scrypt parameters out of range")
        key = _key(passphrase, salt, n, r, p)
        plain = AESGCM(key).decrypt(nonce, data[end + 1 :], head)
    except InvalidTag:
        raise BackupFileError("wrong passphrase, or the backup file is damaged") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise BackupFileError(f"the backup file's header is damaged ({exc})") from None
    parts: dict[str, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(plain), mode="r:gz") as archive:
        for member in archive.getmembers():
            content = archive.extractfile(member) if member.isfile() else None
            if content is not None:
                parts[member.name] = content.read()
    return parts
