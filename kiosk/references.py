"""Public QR tokens and human references (``P-250314-7KQ2``) for tickets, complaints and jobs."""

from __future__ import annotations

import base64
import enum
import re
import secrets
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final, Protocol

from kiosk.errors import InvalidInput

CROCKFORD_ALPHABET: Final = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH: Final = 4
TOKEN_LENGTH: Final = 26

REFERENCE_REQUIRED: Final = "identity.reference_required"
REFERENCE_FORMAT: Final = "identity.reference_format"
REFERENCE_KIND: Final = "identity.reference_kind"
REFERENCE_DATE: Final = "identity.reference_date"
REFERENCE_CODE: Final = "identity.reference_code"
MESSAGE_KEYS: Final = frozenset(
    {REFERENCE_REQUIRED, REFERENCE_FORMAT, REFERENCE_KIND, REFERENCE_DATE, REFERENCE_CODE}
)

_TOKEN_PATTERN: Final = re.compile(rf"[A-Z2-7]{{{TOKEN_LENGTH}}}")
# What a person may type between the parts: spaces, hyphens and the dashes phones insert.
_SEPARATORS: Final = re.compile(r"[\s\-\u2010-\u2015\u2212_.]+")
# Crockford's read-alikes, applied to the date and code but never to the kind letter (L).
_READ_ALIKES: Final = str.maketrans({"O": "0", "I": "1", "L": "1"})


class RefKind(enum.StrEnum):
    """What a human reference points at; the value is its first letter."""

    TICKET = "Q"
    COMPLAINT = "P"  # pengaduan
    JOB = "L"  # lowongan


class InvalidReference(InvalidInput):
    """Text that is not a human reference."""


class Chooser(Protocol):
    """A source of random choices: the ``secrets`` module, or a seeded ``random.Random``."""

    def choice(self, seq: Sequence[str], /) -> str: ...


@dataclass(frozen=True, slots=True)
class Reference:
    """A parsed human reference; ``str()`` gives the canonical ``Q-250314-7KQ2`` form."""

    kind: RefKind
    issued: date
    code: str

    def __str__(self) -> str:
        return f"{self.kind.value}-{self.issued:%y%m%d}-{self.code}"


def new_public_token() -> str:
    """A fresh token for a QR link: 128 random bits, RFC 4648 base32 without padding.

    The token is never derived from a database id, so it reveals nothing and cannot be
    guessed from a neighbour's.
    """
    return base64.b32encode(secrets.token_bytes(16)).decode("ascii").rstrip("=")


def public_url(base_url: str, token: str) -> str:
    """The link a QR code encodes: ``{base_url}/r/{token}``, with or without a trailing slash."""
    if not _TOKEN_PATTERN.fullmatch(token):
        raise ValueError("not a public token")
    return f"{base_url.rstrip('/')}/r/{token}"


def new_reference(kind: RefKind, local_date: date, rng: Chooser = secrets) -> str:
    """A human reference such as ``P-250314-7KQ2`` for ``kind`` issued on ``local_date``.

    The four random Crockford characters give 32**4 (about a million) references per kind
    per day, so two can collide: the database keeps references in a unique column and the
    caller retries with a fresh one on conflict. This function stays pure apart from ``rng``.

    Args:
        kind: what the reference is for.
        local_date: the site's local date of issue (years 2000-2099).
        rng: where random choices come from; tests pass a seeded ``random.Random``.
    """
    if not 2000 <= local_date.year <= 2099:
        raise ValueError("references carry a two-digit year of the 2000s")
    code = "".join(rng.choice(CROCKFORD_ALPHABET) for _ in range(CODE_LENGTH))
    return str(Reference(kind, local_date, code))


def parse_reference(text: str) -> Reference:
    """The reference a person typed or read out, or an :class:`InvalidReference`.

    Case, spaces and dashes do not matter (``p 250314 7kq2``, ``P2503147KQ2``), and in the
    date and code the read-alikes O, I and L count as 0, 1 and 1.
    """
    compact = _SEPARATORS.sub("", unicodedata.normalize("NFKC", text)).upper()
    if not compact:
        raise InvalidReference(REFERENCE_REQUIRED)
    if len(compact) != 1 + 6 + CODE_LENGTH:
        raise InvalidReference(REFERENCE_FORMAT)
    letter, rest = compact[0], compact[1:].translate(_READ_ALIKES)
    digits, code = rest[:6], rest[6:]
    try:
        kind = RefKind(letter)
    except ValueError:
        raise InvalidReference(REFERENCE_KIND) from None
    if not (digits.isascii() and digits.isdigit()):
        raise InvalidReference(REFERENCE_DATE)
    try:
        issued = date(2000 + int(digits[:2]), int(digits[2:4]), int(digits[4:]))
    except ValueError:
        raise InvalidReference(REFERENCE_DATE) from None
    if any(char not in CROCKFORD_ALPHABET for char in code):
        raise InvalidReference(REFERENCE_CODE)
    return Reference(kind, issued, code)
