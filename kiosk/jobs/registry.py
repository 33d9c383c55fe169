"""The P3MI registry as the kiosk shows it: licence standing and the "Cek P3MI" lookup."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import date
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.errors import InvalidInput
from kiosk.jobs.fold import fold, query_words
from kiosk.jobs.vocab import P3miStatus
from kiosk.models import P3mi

QUERY_TOO_SHORT: Final = "jobs.p3mi_query_too_short"
MIN_QUERY_CHARACTERS: Final = 3
MAX_MATCHES: Final = 10
_NOT_ALNUM: Final = re.compile(r"[^0-9a-z]")


class Standing(enum.StrEnum):
    """What a visitor is told about a P3MI's licence on a given day."""

    LICENSED = "licensed"
    SUSPENDED = "suspended"
    REVOKED = "revoked"
    EXPIRED = "expired"

    @property
    def has_validity(self) -> bool:
        """Whether the licence's dates still tell something: not once it is suspended or
        revoked (a revoked licence is not "valid until" any day)."""
        return self in (Standing.LICENSED, Standing.EXPIRED)

    @property
    def message_key(self) -> str:
        """The catalog key of the plain-language status (``"terdaftar dan berizin"``)."""
        return f"jobs.p3mi_{self.value}"


@dataclass(frozen=True)
class P3miInfo:
    """A placement company from the registry, with its standing on the day asked."""

    name: str
    licence_number: str
    status: P3miStatus
    valid_from: date
    valid_until: date
    head_office: str
    branches: tuple[str, ...]
    standing: Standing

    @property
    def licensed(self) -> bool:
        """Whether postings through this company are official today."""
        return self.standing is Standing.LICENSED


@dataclass(frozen=True)
class P3miLookup:
    """The answer to "Cek P3MI": matching companies, best first; none means not registered."""

    query: str
    matches: tuple[P3miInfo, ...]

    @property
    def found(self) -> bool:
        """Whether any registered company matched."""
        return bool(self.matches)


def standing_of(status: P3miStatus, valid_from: date, valid_until: date, today: date) -> Standing:
    """A licence's standing on ``today``: its status, or expired outside its validity."""
    if status is P3miStatus.SUSPENDED:
        return Standing.SUSPENDED
    if status is P3miStatus.REVOKED:
        return Standing.REVOKED
    return Standing.LICENSED if valid_from <= today <= valid_until else Standing.EXPIRED


def p3mi_info(row: P3mi, today: date) -> P3miInfo:
    """The registry row as the kiosk shows it."""
    status = P3miStatus(row.status)
    return P3miInfo(
        name=row.name,
        licence_number=row.licence_number,
        status=status,
        valid_from=row.valid_from,
        valid_until=row.valid_until,
        head_office=row.head_office,
        branches=tuple(row.branches),
        standing=standing_of(status, row.valid_from, row.valid_until, today),
    )


def look_up_p3mi(session: Session, text: str, today: date) -> P3miLookup:
    """Companies whose licence number is ``text`` or whose name holds all its words.

    Case, accents, punctuation and spaces do not matter (``"kep 123/ka"`` finds
    ``KEP.123/KA/2025``; ``"sahabat karya"`` finds ``PT Sahabat Karya Mandiri``).

    Raises:
        InvalidInput: ``jobs.p3mi_query_too_short`` below three letters or digits.
    """
    compact = _NOT_ALNUM.sub("", fold(text))
    if len(compact) < MIN_QUERY_CHARACTERS:
        raise InvalidInput(QUERY_TOO_SHORT)
    words = query_words(text)
    ranked: list[tuple[int, P3mi]] = []
    for row in session.scalars(select(P3mi)):
        name = row.name_key
        if _NOT_ALNUM.sub("", fold(row.licence_number)) == compact:
            ranked.append((0, row))
        elif all(word in name for word in words) or compact in name.replace(" ", ""):
            ranked.append((1 if name.startswith(words[0]) else 2, row))
    ranked.sort(key=lambda pair: (pair[0], pair[1].name_key))
    matches = tuple(p3mi_info(row, today) for _, row in ranked[:MAX_MATCHES])
    return P3miLookup(query=text, matches=matches)
