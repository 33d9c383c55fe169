"""Postings as the screens get them: a light summary for lists and the full detail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Final

from sqlalchemy import Row

from kiosk.jobs.registry import P3miInfo, p3mi_info
from kiosk.jobs.vocab import (
    CURRENCY_DIGITS,
    Education,
    SalaryPeriod,
    Scheme,
    Sector,
    ZeroCostJob,
)
from kiosk.models import Posting
from kiosk.vocab import Gender


@dataclass(frozen=True)
class Money:
    """An amount in integer minor units of an ISO 4217 currency."""

    minor: int
    currency: str

    @property
    def amount(self) -> Decimal:
        """The amount in major units (``Decimal("28590.00")``), never a float."""
        return Decimal(self.minor).scaleb(-CURRENCY_DIGITS[self.currency])


@dataclass(frozen=True)
class PostingSummary:
    """One row of the vacancy list."""

    id: int
    position: str
    country: str
    city: str
    sector: Sector
    scheme: Scheme
    employer: str
    salary: Money
    salary_period: SalaryPeriod
    salary_idr: int | None
    closes_on: date
    zero_cost: bool


@dataclass(frozen=True)
class PostingDetail:
    """Everything the detail screen and the job slip show about a posting.

    ``shown`` says whether the posting is open and official today; ``p3mi`` is ``None``
    for G to G and other postings without a placement company. ``zero_cost`` is true for
    the ten job types placed free of charge (Perban BP2MI 9/2020).
    """

    id: int
    reference: str
    public_token: str
    position: str
    sector: Sector
    job_type: ZeroCostJob | None
    country: str
    city: str
    scheme: Scheme
    employer: str
    p3mi: P3miInfo | None
    quota: int
    gender: Gender
    age_min: int
    age_max: int
    education: Education
    requirements: tuple[str, ...]
    salary: Money
    salary_period: SalaryPeriod
    salary_idr: int | None
    rate_date: date | None
    working_hours: str
    contract_months: int
    benefits: tuple[str, ...]
    worker_cost_idr: int
    worker_cost_note: str
    how_to_apply: str
    posted_on: date
    closes_on: date
    source: str
    verified_on: date | None
    shown: bool

    @property
    def zero_cost(self) -> bool:
        """Whether the zero-placement-cost rule applies."""
        return self.job_type is not None


SUMMARY_COLUMNS: Final = (
    Posting.id,
    Posting.position,
    Posting.country,
    Posting.city,
    Posting.sector,
    Posting.scheme,
    Posting.employer,
    Posting.salary_minor,
    Posting.salary_currency,
    Posting.salary_period,
    Posting.salary_idr,
    Posting.closes_on,
    Posting.job_type,
)


def summary_of(row: Row[*tuple[Any, ...]]) -> PostingSummary:
    """A list row from the columns of :data:`SUMMARY_COLUMNS`."""
    return PostingSummary(
        id=row.id,
        position=row.position,
        country=row.country,
        city=row.city,
        sector=Sector(row.sector),
        scheme=Scheme(row.scheme),
        employer=row.employer,
        salary=Money(row.salary_minor, row.salary_currency),
        salary_period=SalaryPeriod(row.salary_period),
        salary_idr=row.salary_idr,
        closes_on=row.closes_on,
        zero_cost=row.job_type is not None,
    )


def detail_of(posting: Posting, *, shown: bool, today: date) -> PostingDetail:
    """The detail of a loaded posting (its P3MI's standing as of ``today``)."""
    return PostingDetail(
        id=posting.id,
        reference=posting.reference,
        public_token=posting.public_token,
        position=posting.position,
        sector=Sector(posting.sector),
        job_type=ZeroCostJob(posting.job_type) if posting.job_type else None,
        country=posting.country,
        city=posting.city,
        scheme=Scheme(posting.scheme),
        employer=posting.employer,
        p3mi=p3mi_info(posting.p3mi, today) if posting.p3mi else None,
        quota=posting.quota,
        gender=Gender(posting.gender),
        age_min=posting.age_min,
        age_max=posting.age_max,
        education=Education(posting.education),
        requirements=tuple(posting.requirements),
        salary=Money(posting.salary_minor, posting.salary_currency),
        salary_period=SalaryPeriod(posting.salary_period),
        salary_idr=posting.salary_idr,
        rate_date=posting.rate_date,
        working_hours=posting.working_hours,
        contract_months=posting.contract_months,
        benefits=tuple(posting.benefits),
        worker_cost_idr=posting.worker_cost_idr,
        worker_cost_note=posting.worker_cost_note,
        how_to_apply=posting.how_to_apply,
        posted_on=posting.posted_on,
        closes_on=posting.closes_on,
        source=posting.source,
        verified_on=posting.verified_on,
        shown=shown,
    )
