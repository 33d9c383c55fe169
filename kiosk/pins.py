"""Staff PINs: stored only as slow, salted scrypt hashes; a new PIN must not be guessable."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import re
import secrets
from typing import Final

from kiosk.errors import InvalidInput

_N, _R, _P = 2**14, 8, 1
MAX_DIGITS: Final = 12
PIN_PATTERN = re.compile(rf"^\d{{4,{MAX_DIGITS}}}$")
DEMO_PINS: Final = ("1111", "2222", "9999")
"""The PINs of the demo staff (``config/demo/staff.toml``): never on a hall in service."""
PIN_FORMAT: Final = "staff.pin_format"
PIN_TOO_SHORT: Final = "staff.pin_too_short"
PIN_TRIVIAL: Final = "staff.pin_trivial"


def hash_pin(pin: str) -> str:
    """A self-describing scrypt hash of a 4–12 digit PIN.

    Raises:
        ValueError: the PIN is not 4 to 12 digits.
    """
    if not PIN_PATTERN.match(pin):
        raise ValueError(f"a PIN is 4 to {MAX_DIGITS} digits")
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


def check_new_pin(pin: str, min_digits: int) -> str:
    """A PIN someone chose, if it is long enough and not one anybody would try first.

    Refused: fewer than ``min_digits`` digits; one step repeated (``111111``, ``123456``,
    ``654321``, ``135791``, ``890123``); a short block repeated (``121212``, ``123123``);
    a demo PIN.

    Raises:
        InvalidInput: ``staff.pin_format``, ``staff.pin_too_short`` or ``staff.pin_trivial``
            (the PIN itself is never in the error).
    """
    if not PIN_PATTERN.match(pin):
        raise InvalidInput(PIN_FORMAT, most=MAX_DIGITS)
    if len(pin) < min_digits:
        raise InvalidInput(PIN_TOO_SHORT, least=min_digits)
    if _guessable(pin):
        raise InvalidInput(PIN_TRIVIAL)
    return pin


def _guessable(pin: str) -> bool:
    steps = {(int(b) - int(a)) % 10 for a, b in itertools.pairwise(pin)}
    repeated = any(
        len(pin) % size == 0 and pin == pin[:size] * (len(pin) // size)
        for size in range(1, len(pin) // 2 + 1)
    )
    return len(steps) == 1 or repeated or pin in DEMO_PINS
