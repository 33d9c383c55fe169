"""Writing checked feed records: P3MI, rates and postings upserted inside one session."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from kiosk.i18n import available_languages, translate
from kiosk.jobs.feed import P3miRecord, PostingRecord, RateRecord
from kiosk.jobs.fold import fold
from kiosk.models import ExchangeRate, P3mi, Posting
from kiosk.records import Fresh, insert_fresh
from kiosk.references import RefKind
from kiosk.vocab import Country, label_key

MICROS = Decimal(1_000_000)
_IDS_PER_QUERY = 1000  # well under SQLite's 32,766 bound parameters


@dataclass(frozen=True)
class Upserted:
    """How many rows were added and how many updated."""

    added: int
    updated: int


def known_licences(session: Session) -> dict[str, int]:
    """P3MI row ids by licence number."""
    return {licence: id_ for licence, id_ in session.execute(select(P3mi.licence_number, P3mi.id))}


def upsert_rates(session: Session, rates: Iterable[RateRecord]) -> dict[str, tuple[Decimal, date]]:
    """Store the feed's rates; returns every known rate (rupiah per unit, date) by currency."""
    stored = {rate.currency: rate for rate in session.scalars(select(ExchangeRate))}
    for record in rates:
        row = stored.get(record.currency) or ExchangeRate(currency=record.currency)
        row.idr_micros = int((record.idr * MICROS).to_integral_value(ROUND_HALF_UP))
        row.as_of = record.as_of
        session.add(row)
        stored[record.currency] = row
    return {code: (Decimal(row.idr_micros) / MICROS, row.as_of) for code, row in stored.items()}


def upsert_p3mi(session: Session, records: Iterable[P3miRecord], now: datetime) -> Upserted:
    """Add or update P3MI by licence number."""
    stored = {p.licence_number: p for p in session.scalars(select(P3mi))}
    added = updated = 0
    for record in records:
        row = stored.get(record.licence_number)
        if row is None:
            row = P3mi(licence_number=record.licence_number)
            session.add(row)
            added += 1
        else:
            updated += 1
        row.name = record.name
        row.name_key = fold(record.name)
        row.status = record.status.value
        row.valid_from = record.valid_from
        row.valid_until = record.valid_until
        row.head_office = record.head_office
        row.branches = list(record.branches)
        row.updated_at = now
    session.flush()
    return Upserted(added, updated)


def upsert_postings(
    session: Session,
    records: Iterable[PostingRecord],
    *,
    feed_source: str,
    rates: Mapping[str, tuple[Decimal, date]],
    today: date,
    now: datetime,
    tokens: Mapping[str, str] | None = None,
) -> Upserted:
    """Add or update postings by feed id; new ones get a reference and a QR token.

    Args:
        tokens: public tokens by feed id that the postings must carry (the central records
            service's, so that every hall's QR code of a posting opens the same page); a
            posting not named here keeps its token, or draws one when it is new.
    """
    given = tokens or {}
    licences = known_licences(session)
    batch = list(records)
    ids = [record.id for record in batch]
    existing: dict[str, int] = {}
    for start in range(0, len(ids), _IDS_PER_QUERY):
        chunk = ids[start : start + _IDS_PER_QUERY]
        found = session.execute(
            select(Posting.feed_id, Posting.id).where(Posting.feed_id.in_(chunk))
        )
        existing.update({feed_id: id_ for feed_id, id_ in found})
    new_rows: list[dict[str, Any]] = []
    changed_rows: list[dict[str, Any]] = []
    for record in batch:
        row = _columns(record, feed_source, rates, licences, now)
        if record.id in given:
            row["public_token"] = given[record.id]
        if record.id in existing:
            changed_rows.append({"id": existing[record.id], **row})
        else:
            new_rows.append(row)
    if new_rows:
        _insert_new(session, new_rows, today)
    if changed_rows:
        session.execute(update(Posting), changed_rows)
    return Upserted(len(new_rows), len(changed_rows))


def _insert_new(session: Session, rows: Sequence[dict[str, Any]], today: date) -> None:
    """Insert new postings in one statement, each under a fresh reference and QR token."""

    def write(fresh: Sequence[Fresh]) -> None:
        stamped = [
            {"reference": f.reference, "public_token": f.public_token, **row}
            for row, f in zip(rows, fresh, strict=True)
        ]
        session.execute(insert(Posting), stamped)

    insert_fresh(session, RefKind.JOB, today, len(rows), write)


def _columns(
    record: PostingRecord,
    feed_source: str,
    rates: Mapping[str, tuple[Decimal, date]],
    licences: Mapping[str, int],
    now: datetime,
) -> dict[str, Any]:
    salary = record.salary
    rate = rates.get(salary.currency)
    rupiah = (salary.amount * rate[0]).to_integral_value(ROUND_HALF_UP) if rate else None
    return {
        "feed_id": record.id,
        "position": record.position,
        "sector": record.sector.value,
        "job_type": record.job_type.value if record.job_type else None,
        "country": record.country,
        "city": record.city,
        "scheme": record.scheme.value,
        "employer": record.employer,
        "p3mi_id": licences[record.p3mi_licence] if record.p3mi_licence else None,
        "quota": record.quota,
        "gender": record.gender.value,
        "age_min": record.age.min,
        "age_max": record.age.max,
        "education": record.education.value,
        "requirements": list(record.requirements),
        "salary_minor": salary.minor_units,
        "salary_currency": salary.currency,
        "salary_period": salary.period.value,
        "salary_idr": int(rupiah) if rupiah is not None else None,
        "rate_date": rate[1] if rate else None,
        "working_hours": record.working_hours,
        "contract_months": record.contract_months,
        "benefits": list(record.benefits),
        "worker_cost_idr": record.worker_costs.amount_idr,
        "worker_cost_note": record.worker_costs.note,
        "how_to_apply": record.how_to_apply,
        "posted_on": record.posted_on,
        "closes_on": record.closes_on,
        "source": record.source or feed_source,
        "verified_on": record.verified_on,
        "search_text": search_text(record),
        "updated_at": now,
    }


def search_text(record: PostingRecord) -> str:
    """The folded words a posting is found by (sector and country named in every language)."""
    labels = [f"jobs.sector_{record.sector.value}", label_key(Country(record.country))]
    if record.job_type is not None:
        labels.append(f"jobs.job_type_{record.job_type.value}")
    names = [translate(key, lang) for key in labels for lang in available_languages()]
    words = [record.position, *names, record.city, record.employer, *record.requirements]
    return fold(" ".join(words))
