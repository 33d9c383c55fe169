"""The hall's key carried to another device: a small JSON file sealed with a passphrase.

The key is wrapped with AES-256-GCM under a key derived from the passphrase by scrypt
(``cryptography``'s ``Scrypt``, N=2^17, r=8, p=1: about 128 MiB and a fraction of a second
per try, so guessing is slow); the header (format, key id, scrypt's settings and salt) is
the associated data, so none of it can be changed without the file failing to open. The
file names the key's id in clear, so an operator can see which key it holds.
"""

from __future__ import annotations

import base64
import binascii
import json
import secrets
from typing import Annotated, Final, Literal

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kiosk.infra.sealed import KEY_BYTES, NONCE_BYTES

FORMAT: Final = "mpp-kiosk hall key"
MIN_PASSPHRASE: Final = 10
"""Fewest characters of a passphrase that protects a key file."""
MAX_FILE_BYTES: Final = 4096
"""A key file is a few hundred bytes; anything much larger is not one."""
SALT_BYTES: Final = 16
SCRYPT_N: Final = 2**17
SCRYPT_R: Final = 8
SCRYPT_P: Final = 1


class TransferError(Exception):
    """Not a key file, a wrong passphrase, or a passphrase too weak: one line."""


class _Scrypt(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    name: Literal["scrypt"]
    n: Annotated[int, Field(ge=2**14, le=2**20)]
    r: Annotated[int, Field(ge=1, le=16)]
    p: Annotated[int, Field(ge=1, le=4)]
    salt: Annotated[str, Field(max_length=64)]


class _Header(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    format: Literal["mpp-kiosk hall key"]
    version: Literal[1]
    key_id: Annotated[str, Field(pattern=r"^[0-9a-f]{16}$")]
    kdf: _Scrypt


class _File(_Header):
    nonce: Annotated[str, Field(max_length=64)]
    sealed: Annotated[str, Field(max_length=256)]


def check_passphrase(passphrase: str) -> None:
    """Refuse a passphrase too short to protect the key.

    Raises:
        TransferError: fewer than :data:`MIN_PASSPHRASE` characters.
    """
    if len(passphrase.strip()) < MIN_PASSPHRASE:
        raise TransferError(f"the passphrase needs {MIN_PASSPHRASE} characters or more")


def export_key(key: bytes, key_id: str, passphrase: str) -> bytes:
    """The contents of a key file holding ``key`` (whose fingerprint is ``key_id``).

    Raises:
        TransferError: the passphrase is too short.
    """
    check_passphrase(passphrase)
    kdf = _Scrypt(
        name="scrypt",
        n=SCRYPT_N,
        r=SCRYPT_R,
        p=SCRYPT_P,
        salt=_b64(secrets.token_bytes(SALT_BYTES)),
    )
    header = _Header(format=FORMAT, version=1, key_id=key_id, kdf=kdf)
    nonce = secrets.token_bytes(NONCE_BYTES)
    sealed = AESGCM(_wrapping_key(passphrase, kdf)).encrypt(nonce, key, _aad(header))
    whole = _File(**header.model_dump(), nonce=_b64(nonce), sealed=_b64(sealed))
    return (json.dumps(whole.model_dump(), indent=2) + "\n").encode("utf-8")


def key_id_of(blob: bytes) -> str:
    """The fingerprint a key file names (authenticated only once it is opened).

    Raises:
        TransferError: not a key file.
    """
    return _parse(blob).key_id


def import_key(blob: bytes, passphrase: str) -> bytes:
    """The key a key file holds.

    Raises:
        TransferError: not a key file (or a damaged one), or the wrong passphrase.
    """
    parsed = _parse(blob)
    header = _Header(**parsed.model_dump(exclude={"nonce", "sealed"}))
    try:
        nonce, sealed = _unb64(parsed.nonce), _unb64(parsed.sealed)
        wrapping = _wrapping_key(passphrase, parsed.kdf)
    except (binascii.Error, ValueError):
        raise TransferError("not a hall key file (damaged)") from None
    if len(nonce) != NONCE_BYTES:
        raise TransferError("not a hall key file (damaged)")
    try:
        key = AESGCM(wrapping).decrypt(nonce, sealed, _aad(header))
    except InvalidTag:
        raise TransferError("wrong passphrase, or the key file was altered") from None
    if len(key) != KEY_BYTES:
        raise TransferError("not a hall key file (damaged)")
    return key


def _parse(blob: bytes) -> _File:
    if len(blob) > MAX_FILE_BYTES:
        raise TransferError(f"not a hall key file (larger than {MAX_FILE_BYTES} bytes)")
    try:
        return _File.model_validate_json(blob)
    except ValidationError:
        raise TransferError("not a hall key file exported by 'mpp-kiosk key export'") from None


def _wrapping_key(passphrase: str, kdf: _Scrypt) -> bytes:
    scrypt = Scrypt(salt=_unb64(kdf.salt), length=KEY_BYTES, n=kdf.n, r=kdf.r, p=kdf.p)
    return scrypt.derive(passphrase.encode("utf-8"))


def _aad(header: _Header) -> bytes:
    return json.dumps(header.model_dump(), sort_keys=True, separators=(",", ":")).encode("utf-8")


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text, validate=True)
