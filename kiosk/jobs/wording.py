"""A posting in plain words for the kiosk screens and the job slip: money, dates, licence."""

from __future__ import annotations

from decimal import Decimal

from kiosk import vocab
from kiosk.i18n import translate
from kiosk.jobs.postings import Money, PostingDetail
from kiosk.jobs.registry import P3miInfo
from kiosk.jobs.vocab import SalaryPeriod
from kiosk.slips import date_text as date_text  # screens and slips write dates one way


def grouped(amount: Decimal | int, language: str) -> str:
    """A number with the language's digit grouping: ``20.000`` (id), ``20,000`` (en).

    Cents are shown only when there are some (``12,50``).
    """
    value = Decimal(amount)
    whole = f"{int(value):,}".replace(",", translate("jobsui.thousands", language))
    cents = abs(value) % 1
    if not cents:
        return whole
    fraction = f"{cents:f}".split(".")[1]
    return f"{whole}{translate('jobsui.decimal', language)}{fraction}"


def money_text(money: Money, language: str) -> str:
    """An amount in its currency: ``TWD 20.000``."""
    return f"{money.currency} {grouped(money.amount, language)}"


def rupiah_text(amount_idr: int, language: str) -> str:
    """Rupiah as people write it: ``Rp 10.248.000``."""
    return f"Rp {grouped(amount_idr, language)}"


def place_text(country: str, city: str, language: str) -> str:
    """Where the work is: ``Taiwan · Taipei``."""
    name = vocab.country_name(country, language)
    return f"{name} · {city}" if city else name


def salary_text(salary: Money, period: SalaryPeriod, language: str) -> str:
    """The salary in its currency and period: ``TWD 20.000 per bulan``."""
    return f"{money_text(salary, language)} {translate(f'jobs.salary_period_{period}', language)}"


def salary_idr_text(salary_idr: int, period: SalaryPeriod, language: str) -> str:
    """The approximate salary in rupiah: ``sekitar Rp 10.248.000 per bulan``."""
    amount = translate("jobs.rupiah_approx", language, amount=rupiah_text(salary_idr, language))
    return f"{amount} {translate(f'jobs.salary_period_{period}', language)}"


def licence_text(p3mi: P3miInfo | None, language: str) -> str:
    """The P3MI's licence standing in plain words, or that a government scheme needs none."""
    if p3mi is None:
        return translate("jobs.government_scheme", language)
    return translate(p3mi.standing.message_key, language)


def worker_cost_text(detail: PostingDetail, language: str) -> str:
    """What the worker pays towards placement, with the feed's note."""
    if detail.worker_cost_idr == 0:
        amount = translate("jobsui.pays_nothing", language)
    else:
        amount = rupiah_text(detail.worker_cost_idr, language)
    paid = translate("jobs.worker_pays", language, amount=amount)
    return f"{paid}. {detail.worker_cost_note}" if detail.worker_cost_note else paid


def detail_rows(detail: PostingDetail, language: str) -> tuple[tuple[str, str], ...]:
    """Every fact of a posting but its salary, as label/value lines for the detail screen."""

    def label(key: str) -> str:
        return translate(f"jobsui.{key}", language)

    def bullets(lines: tuple[str, ...]) -> str:
        return "\n".join(f"• {line}" for line in lines)

    rows = [
        (label("country"), place_text(detail.country, detail.city, language)),
        (label("sector"), translate(f"jobs.sector_{detail.sector}", language)),
        (label("scheme"), translate(f"jobs.scheme_{detail.scheme}", language)),
        (label("employer"), detail.employer),
    ]
    if detail.p3mi is not None:
        rows += [
            (label("p3mi"), detail.p3mi.name),
            (label("licence"), detail.p3mi.licence_number),
        ]
    rows += [
        (label("licence_status"), licence_text(detail.p3mi, language)),
        (label("who"), vocab.label(detail.gender, language)),
        (
            label("age"),
            translate("jobs.age_range", language, low=detail.age_min, high=detail.age_max),
        ),
        (label("education"), translate(f"jobs.education_{detail.education}", language)),
    ]
    if detail.requirements:
        rows.append((label("requirements"), bullets(detail.requirements)))
    rows += [
        (label("hours"), detail.working_hours),
        (label("contract"), translate("jobsui.months", language, months=detail.contract_months)),
    ]
    if detail.benefits:
        rows.append((label("benefits"), bullets(detail.benefits)))
    rows += [
        (label("cost"), worker_cost_text(detail, language)),
        (label("how_to_apply"), detail.how_to_apply),
        (label("quota"), translate("jobs.quota", language, count=detail.quota)),
        (label("closes"), date_text(detail.closes_on, language)),
        (label("source"), _source_text(detail, language)),
    ]
    return tuple(rows)


def _source_text(detail: PostingDetail, language: str) -> str:
    if detail.verified_on is None:
        return detail.source
    day = date_text(detail.verified_on, language)
    return translate("jobsui.verified", language, source=detail.source, date=day)
