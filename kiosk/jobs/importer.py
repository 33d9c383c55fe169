"""Importing a jobs feed: every record checked, the good ones upserted in one transaction."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ValidationError
from sqlalchemy import text

from kiosk.clock import Clock, aware_now, local_day
from kiosk.db import Database
from kiosk.jobs.feed import Envelope, P3miRecord, PostingRecord, RateRecord
from kiosk.jobs.upsert import (
    known_licences,
    upsert_p3mi,
    upsert_postings,
    upsert_rates,
)

_R = TypeVar("_R", bound=BaseModel)


class FeedError(Exception):
    """The file cannot be used at all (unreadable, not JSON, wrong shape); nothing imported."""


@dataclass(frozen=True)
class Rejection:
    """One fault of a record left out: the record (``postings[12]``), the field and why."""

    record: str
    field: str
    reason: str

    @property
    def position(self) -> str:
        """Record and field together, e.g. ``postings[12].salary.currency``."""
        return f"{self.record}.{self.field}" if self.field else self.record


@dataclass(frozen=True)
class ImportReport:
    """What an import did; ``rejected`` lists every fault of every record left out."""

    p3mi_added: int
    p3mi_updated: int
    postings_added: int
    postings_updated: int
    rates: int
    rejected: tuple[Rejection, ...]

    @property
    def rejected_records(self) -> int:
        """How many records were left out (one may have several faults)."""
        return len({rejection.record for rejection in self.rejected})


def import_feed(
    db: Database, source: Path | bytes, *, clock: Clock, zone: ZoneInfo
) -> ImportReport:
    """Check every record of a feed and upsert the good ones in one transaction.

    P3MI are upserted by licence number, postings by ``id`` (their reference and QR token
    stay), rates by currency. A P to P posting whose P3MI is neither among the file's good
    records nor already known is rejected. Nothing is deleted: whether a posting is shown
    is decided when searching.

    Args:
        db: the hall database.
        source: a feed file or its bytes.
        clock: the hall's clock; its local day (in ``zone``) is stamped in new references.
        zone: the site's time zone.

    Raises:
        FeedError: the file is unreadable, not JSON, or not a feed at the top level.
    """
    envelope = _envelope(source)
    now = aware_now(clock)
    today = local_day(now, zone)
    rejected: list[Rejection] = []
    rates = _checked(RateRecord, "rates", envelope.rates, "currency", rejected)
    p3mis = _checked(P3miRecord, "p3mi", envelope.p3mi, "licence_number", rejected)
    postings = _checked(PostingRecord, "postings", envelope.postings, "id", rejected)
    with db.sessions.begin() as session:
        known = set(known_licences(session)) | {record.licence_number for _, record in p3mis}
        placeable = []
        for where, record in postings:
            if record.p3mi_licence is None or record.p3mi_licence in known:
                placeable.append(record)
            else:
                reason = f"unknown P3MI licence {record.p3mi_licence!r}"
                rejected.append(Rejection(where, "p3mi_licence", reason))
        rate_table = upsert_rates(session, (record for _, record in rates))
        p3mi = upsert_p3mi(session, (record for _, record in p3mis), now)
        written = upsert_postings(
            session,
            placeable,
            feed_source=envelope.source,
            rates=rate_table,
            today=today,
            now=now,
        )
        session.execute(text("ANALYZE postings"))  # keep the planner's row estimates current
    return ImportReport(
        p3mi_added=p3mi.added,
        p3mi_updated=p3mi.updated,
        postings_added=written.added,
        postings_updated=written.updated,
        rates=len(rates),
        rejected=tuple(sorted(rejected, key=_order)),
    )


def _envelope(source: Path | bytes) -> Envelope:
    name = str(source) if isinstance(source, Path) else "feed"
    try:
        data = source.read_bytes() if isinstance(source, Path) else source
        raw = json.loads(data, parse_float=Decimal)
    except OSError as exc:
        raise FeedError(f"{name}: cannot read the file ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise FeedError(f"{name}: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise FeedError(
            f"{name}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    try:
        return Envelope.model_validate(raw)
    except ValidationError as exc:
        faults = "; ".join(
            f"{_field(error['loc']) or 'top level'}: {_reason(error)}" for error in exc.errors()
        )
        raise FeedError(f"{name}: not a jobs feed ({faults})") from None


def _checked(
    model: type[_R], array: str, items: Sequence[Any], key: str, rejected: list[Rejection]
) -> list[tuple[str, _R]]:
    """The valid records of one array with their positions; the first of duplicates wins."""
    good: list[tuple[str, _R]] = []
    first: dict[object, str] = {}
    for index, item in enumerate(items):
        where = f"{array}[{index}]"
        try:
            record = model.model_validate(item)
        except ValidationError as exc:
            rejected.extend(
                Rejection(where, _field(error["loc"]), _reason(error)) for error in exc.errors()
            )
            continue
        value = getattr(record, key)
        if value in first:
            rejected.append(
                Rejection(where, key, f"duplicate {key} {value!r}, first at {first[value]}")
            )
            continue
        first[value] = where
        good.append((where, record))
    return good


def _field(loc: tuple[int | str, ...]) -> str:
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc).lstrip(".")


def _reason(error: Any) -> str:
    return str(error["msg"]).removeprefix("Value error, ")


def _order(rejection: Rejection) -> tuple[str, int]:
    array, _, index = rejection.record.partition("[")
    return array, int(index.rstrip("]"))
