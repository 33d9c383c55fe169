"""Controlled vocabularies of the jobs feed: schemes, sectors, education, currencies.

Genders and countries are the shared vocabulary of ``kiosk.vocab``.
"""

from __future__ import annotations

import enum
from typing import Final


class Scheme(enum.StrEnum):
    """Placement scheme (skema penempatan); only P to P goes through a P3MI."""

    G_TO_G = "g_to_g"
    P_TO_P = "p_to_p"
    UKPS = "ukps"
    MANDIRI = "mandiri"


class Sector(enum.StrEnum):
    """Sector of work (sektor)."""

    DOMESTIC = "domestic"
    CAREGIVING = "caregiving"
    MANUFACTURING = "manufacturing"
    AGRICULTURE = "agriculture"
    FISHING = "fishing"
    HOSPITALITY = "hospitality"
    CONSTRUCTION = "construction"
    HEALTHCARE = "healthcare"
    SERVICES = "services"


class Education(enum.StrEnum):
    """Minimum schooling (pendidikan minimal), in increasing order."""

    NONE = "none"
    SD = "sd"
    SMP = "smp"
    SMA = "sma"
    D3 = "d3"
    S1 = "s1"

    @property
    def rank(self) -> int:
        """Position in the order of schooling, ``none`` first."""
        return list(Education).index(self)


class ZeroCostJob(enum.StrEnum):
    """The ten job types placed at no cost to the worker (Perban BP2MI 9/2020)."""

    HOUSEKEEPER = "housekeeper"
    BABY_SITTER = "baby_sitter"
    ELDERLY_CAREGIVER = "elderly_caregiver"
    COOK = "cook"
    FAMILY_DRIVER = "family_driver"
    GARDENER = "gardener"
    CHILD_CARER = "child_carer"
    CLEANER = "cleaner"
    FARM_WORKER = "farm_worker"
    FISHING_CREW = "fishing_crew"


class P3miStatus(enum.StrEnum):
    """Standing of a placement company's SIP3MI licence in the agency's registry."""

    ACTIVE = "active"
    SUSPENDED = "suspended"
    REVOKED = "revoked"


class SalaryPeriod(enum.StrEnum):
    """What one salary amount pays for."""

    MONTH = "month"
    HOUR = "hour"


# ISO 4217 currencies a feed may quote, with their minor-unit digits.
CURRENCY_DIGITS: Final[dict[str, int]] = {
    "AED": 2, "AUD": 2, "BHD": 3, "BND": 2, "CAD": 2, "CNY": 2, "CZK": 2, "EUR": 2,
    "GBP": 2, "HKD": 2, "HUF": 2, "IDR": 2, "JPY": 0, "KRW": 0, "KWD": 3, "MOP": 2,
    "MYR": 2, "NZD": 2, "OMR": 3, "PLN": 2, "QAR": 2, "RON": 2, "SAR": 2, "SGD": 2,
    "TRY": 2, "TWD": 2, "USD": 2,
}  # fmt: skip
