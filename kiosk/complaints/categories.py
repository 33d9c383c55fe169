"""The choices a complaint is made of (categories, relations, destinations) and its lifecycle.

The worker's gender and destination country come from the shared vocabulary (``kiosk.vocab``).
"""

from __future__ import annotations

import enum
from typing import Final

from kiosk import vocab
from kiosk.errors import InvalidInput
from kiosk.i18n import DEFAULT_LANGUAGE, translate
from kiosk.vocab import Country, Gender


class Category(enum.StrEnum):
    """What the complaint is about (DOMAIN.md); one complaint has one or more."""

    UNPAID_WAGES = "unpaid_wages"
    REPATRIATION = "repatriation"
    LOST_CONTACT = "lost_contact"
    ILL_OR_INJURED = "ill_or_injured"
    DIED_ABROAD = "died_abroad"
    VIOLENCE = "violence"
    SEXUAL_HARASSMENT = "sexual_harassment"
    DOCUMENTS_HELD = "documents_held"
    UNDOCUMENTED = "undocumented"
    EARLY_TERMINATION = "early_termination"
    CONTRACT_MISMATCH = "contract_mismatch"
    FAILED_DEPARTURE = "failed_departure"
    EXCESSIVE_FEES = "excessive_fees"
    FRAUD = "fraud"
    TRAFFICKING = "trafficking"
    INSURANCE_CLAIM = "insurance_claim"
    OTHER = "other"


class Relation(enum.StrEnum):
    """Who the reporter is to the worker (hubungan dengan PMI)."""

    SELF = "self"
    HUSBAND = "husband"
    WIFE = "wife"
    CHILD = "child"
    SIBLING = "sibling"
    MOTHER = "mother"
    FATHER = "father"
    GRANDPARENT = "grandparent"
    OTHER_FAMILY = "other_family"
    ATTORNEY = "attorney"  # a lawyer or NGO with power of attorney


class Job(enum.StrEnum):
    """The worker's kind of work abroad (pekerjaan), as families name it."""

    DOMESTIC = "domestic"
    CAREGIVER = "caregiver"
    FACTORY = "factory"
    PLANTATION = "plantation"
    FISHING_CREW = "fishing_crew"
    CONSTRUCTION = "construction"
    HOSPITALITY = "hospitality"
    NURSE = "nurse"
    DRIVER = "driver"
    OTHER = "other"


class Channel(enum.StrEnum):
    """Whether the worker left through official channels (prosedural)."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


class Elsewhere(enum.StrEnum):
    """A destination that is none of the listed countries."""

    OTHER = "other"


Destination = Country | Elsewhere
DESTINATIONS: Final[tuple[Destination, ...]] = (
    Country.HONG_KONG,
    Country.TAIWAN,
    Country.MALAYSIA,
    Country.SINGAPORE,
    Country.JAPAN,
    Country.KOREA,
    Country.SAUDI_ARABIA,
    Country.UNITED_ARAB_EMIRATES,
    Country.QATAR,
    Country.KUWAIT,
    Country.OMAN,
    Country.BRUNEI,
    Country.TURKIYE,
    Country.POLAND,
    Country.GERMANY,
    Elsewhere.OTHER,
)
"""The worker's destinations the wizard offers: the largest by number of workers, or another."""


class Status(enum.StrEnum):
    """Where a complaint stands; stored in ``complaints.status``."""

    RECEIVED = "received"
    VERIFIED = "verified"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    CLOSED = "closed"


# A complaint may be closed from any open state (a duplicate, a withdrawn report).
MOVES: Final[dict[Status, frozenset[Status]]] = {
    Status.RECEIVED: frozenset({Status.VERIFIED, Status.CLOSED}),
    Status.VERIFIED: frozenset({Status.IN_PROGRESS, Status.CLOSED}),
    Status.IN_PROGRESS: frozenset({Status.RESOLVED, Status.CLOSED}),
    Status.RESOLVED: frozenset({Status.CLOSED}),
    Status.CLOSED: frozenset(),
}

STATUS_NOT_ALLOWED: Final = "complaints.status_not_allowed"
STATUS_UNKNOWN: Final = "complaints.status_unknown"
MESSAGE_KEYS: Final = frozenset({STATUS_NOT_ALLOWED, STATUS_UNKNOWN})

Choice = Category | Relation | Gender | Channel | Country | Elsewhere | Status | Job
_PREFIXES: Final[dict[type[enum.StrEnum], str]] = {
    Category: "category",
    Relation: "relation",
    Job: "job",
    Channel: "channel",
    Elsewhere: "country",
    Status: "status",
}


def label_key(choice: Choice) -> str:
    """The catalog key of a choice's label, e.g. ``complaints.category_unpaid_wages``.

    Genders and countries are named by the shared vocabulary (``vocab.country_TW``).
    """
    if isinstance(choice, Gender | Country):
        return vocab.label_key(choice)
    return f"complaints.{_PREFIXES[type(choice)]}_{choice.value}"


def destination(code: str) -> Destination:
    """The destination a stored or picked code stands for (``TW``, or ``other``).

    Raises:
        ValueError: neither a country of the vocabulary nor ``other``.
    """
    return Elsewhere.OTHER if code == Elsewhere.OTHER else Country(code)


def label(choice: Choice, language: str = DEFAULT_LANGUAGE) -> str:
    """A choice's label in ``language``."""
    return translate(label_key(choice), language)


def move(current: Status, target: Status | str) -> Status:
    """The status after a move from ``current`` to ``target``.

    Raises:
        InvalidInput: ``target`` is not a status, or the lifecycle has no such move.
    """
    try:
        wanted = Status(target)
    except ValueError:
        raise InvalidInput(STATUS_UNKNOWN) from None
    if wanted not in MOVES[current]:
        raise InvalidInput(STATUS_NOT_ALLOWED, current=current.value, target=wanted.value)
    return wanted
