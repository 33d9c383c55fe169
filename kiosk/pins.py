"""Staff PINs: stored only as slow, salted scrypt hashes."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

_N, _R, _P = 2**14, 8, 1
PIN_PATTERN = re.compile(r"^\d{4,8}$")


def hash_pin(pin: str) -> str:
    """A self-describing scrypt hash of a 4–8 digit PIN.

    Raises:
        ValueError: the PIN is not 4 to 8 digits.
    """
    if not PIN_PATTERN.match(pin):
        raise ValueError("a PIN is 4 to 8 digits")
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_N, r=_R, p=_P)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, stored: str) -> bool:
    """Whether a PIN matches a stored hash (constant-time comparison)."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    candidate = hashlib.scrypt(pin.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p))
    return hmac.compare_digest(candidate.hex(), digest)
