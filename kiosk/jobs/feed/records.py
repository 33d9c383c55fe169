"""The jobs feed as pydantic models: one record per P3MI, posting and exchange rate.

Every number has a ceiling far above any real one, so that whatever a record holds fits the
database's 64-bit integers once in minor units or rupiah (a salary of 1e25 is refused with
its record, never an overflow that loses the whole feed).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from kiosk.jobs.vocab import (
    CURRENCY_DIGITS,
    Education,
    P3miStatus,
    SalaryPeriod,
    Scheme,
    Sector,
    ZeroCostJob,
)
from kiosk.vocab import COUNTRIES, Gender

FEED_VERSION = 1
MIN_WORKER_AGE = 18  # UU 18/2017: a migrant worker is at least 18
MAX_AMOUNT = 10**12
"""The largest salary (in its currency) or cost (in rupiah): a trillion."""
MAX_RATE_IDR = 10**6
"""The most rupiah one unit of a currency can buy (a salary in rupiah then stays below 2**63)."""
MAX_LIST = 100

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Licence = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=60)]
PostingId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]


def _known_currency(code: str) -> str:
    if code not in CURRENCY_DIGITS:
        raise ValueError(f"unknown currency {code!r}")
    return code


def _known_country(code: str) -> str:
    if code not in COUNTRIES:
        raise ValueError(f"unknown country code {code!r}")
    return code


Currency = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Z]{3}$"),
    AfterValidator(_known_currency),
    Field(json_schema_extra={"enum": sorted(CURRENCY_DIGITS)}),
]
Country = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Z]{2}$"),
    AfterValidator(_known_country),
    Field(json_schema_extra={"enum": sorted(COUNTRIES)}),
]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class P3miRecord(_Record):
    """A licensed placement company (P3MI) and its SIP3MI licence."""

    licence_number: Licence = Field(description="SIP3MI licence number, unique")
    name: Name = Field(description="company name, e.g. 'PT Sahabat Karya Mandiri'")
    status: P3miStatus
    valid_from: date
    valid_until: date
    head_office: Text
    branches: list[Name] = Field(
        default_factory=list, max_length=MAX_LIST, description="branch offices (cities)"
    )

    @model_validator(mode="after")
    def _validity_in_order(self) -> Self:
        if self.valid_until < self.valid_from:
            raise ValueError("valid_until is before valid_from")
        return self


class AgeRange(_Record):
    """Youngest and oldest age accepted, in years."""

    min: int = Field(ge=MIN_WORKER_AGE, le=70)
    max: int = Field(ge=MIN_WORKER_AGE, le=70)

    @model_validator(mode="after")
    def _in_order(self) -> Self:
        if self.max < self.min:
            raise ValueError("age range inverted: max is below min")
        return self


class Salary(_Record):
    """Pay in the destination's currency; ``amount`` is a decimal, never a float."""

    currency: Currency
    amount: Decimal = Field(gt=0, le=MAX_AMOUNT, description="e.g. 28590 or '1700.50'")
    period: SalaryPeriod = SalaryPeriod.MONTH

    @field_validator("amount")
    @classmethod
    def _digits(cls, amount: Decimal, info: ValidationInfo) -> Decimal:
        currency = info.data.get("currency")
        exponent = amount.normalize().as_tuple().exponent
        if currency and isinstance(exponent, int) and -exponent > CURRENCY_DIGITS[currency]:
            raise ValueError(
                f"{currency} amounts have at most {CURRENCY_DIGITS[currency]} decimals"
            )
        return amount

    @property
    def minor_units(self) -> int:
        """The amount in the currency's smallest unit (cents, sen, yen)."""
        return int(self.amount.scaleb(CURRENCY_DIGITS[self.currency]))


class WorkerCosts(_Record):
    """What the worker pays towards placement, in rupiah, and what for."""

    amount_idr: int = Field(ge=0, le=MAX_AMOUNT)
    note: str = ""


class PostingRecord(_Record):
    """One vacancy (lowongan), upserted by ``id``."""

    id: PostingId
    position: Name
    sector: Sector
    job_type: ZeroCostJob | None = Field(
        default=None, description="one of the ten zero-placement-cost job types, if it is one"
    )
    country: Country
    city: Name
    scheme: Scheme
    employer: Name
    p3mi_licence: Licence | None = Field(
        default=None, validate_default=True, description="required for p_to_p, absent otherwise"
    )
    quota: int = Field(ge=1, le=100_000)
    gender: Gender
    age: AgeRange
    education: Education
    requirements: list[Text] = Field(
        default_factory=list, max_length=MAX_LIST, description="languages, certificates"
    )
    salary: Salary
    working_hours: Text
    contract_months: int = Field(ge=1, le=120)
    benefits: list[Text] = Field(default_factory=list, max_length=MAX_LIST)
    worker_costs: WorkerCosts
    how_to_apply: Text
    posted_on: date
    closes_on: date
    source: Name | None = Field(default=None, description="defaults to the feed's source")
    verified_on: date | None = None

    @field_validator("p3mi_licence")
    @classmethod
    def _p3mi_for_p_to_p_only(cls, licence: str | None, info: ValidationInfo) -> str | None:
        scheme = info.data.get("scheme")
        if scheme is Scheme.P_TO_P and licence is None:
            raise ValueError("a p_to_p posting needs the P3MI's licence number")
        if scheme not in (None, Scheme.P_TO_P) and licence is not None:
            raise ValueError(f"a {scheme} posting has no P3MI")
        return licence

    @field_validator("worker_costs")
    @classmethod
    def _zero_cost_means_zero(cls, costs: WorkerCosts, info: ValidationInfo) -> WorkerCosts:
        if info.data.get("job_type") is not None and costs.amount_idr > 0:
            raise ValueError("a zero-placement-cost job type (Perban BP2MI 9/2020) charges nothing")
        return costs

    @field_validator("closes_on")
    @classmethod
    def _closes_after_posting(cls, closes_on: date, info: ValidationInfo) -> date:
        posted_on = info.data.get("posted_on")
        if posted_on is not None and closes_on < posted_on:
            raise ValueError("closes_on is before posted_on")
        return closes_on


class RateRecord(_Record):
    """How many rupiah one unit of a currency bought on a date (for the approximate figure)."""

    currency: Currency
    idr: Decimal = Field(gt=0, le=MAX_RATE_IDR, description="rupiah per one unit, e.g. '512.40'")
    as_of: date


class FeedHeader(BaseModel):
    """The top of a feed file: format version and who publishes it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Literal[1]
    source: Name = Field(description="publisher, e.g. 'SISKOP2MI' or 'Data contoh (demo)'")
    generated_at: datetime | None = None


class Feed(FeedHeader):
    """A whole jobs feed file (the JSON Schema in docs/ is generated from this)."""

    p3mi: list[P3miRecord] = Field(default_factory=list)
    postings: list[PostingRecord]
    rates: list[RateRecord] = Field(default_factory=list)


def feed_schema() -> dict[str, Any]:
    """The JSON Schema of a feed file."""
    schema = Feed.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
