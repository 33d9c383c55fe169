"""Importing a jobs feed at the centre: postings, the P3MI registry and rates, for every hall.

The same file and schema as the hall's feed (``kiosk.jobs.feed``). Every record is checked
on its own; the good ones are upserted in one transaction, each new or changed record under
a fresh revision so that the halls pull it, an unchanged one left as it was. A new posting
gets a public token, which its QR codes carry in every hall from then on.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute, Session

from central.db import Database
from central.models import P3mi, Posting, Rate
from central.revisions import next_revisions
from kiosk.jobs.feed import Envelope, P3miRecord, PostingRecord, RateRecord
from kiosk.references import new_public_token

_R = TypeVar("_R", bound=BaseModel)
_Row = TypeVar("_Row", Rate, P3mi, Posting)


class FeedError(Exception):
    """The file cannot be used at all (unreadable, not JSON, not a feed); nothing imported."""


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
class Counts:
    """What happened to the records of one kind."""

    added: int
    updated: int
    unchanged: int


@dataclass(frozen=True)
class FeedReport:
    """What an import did; ``rejected`` lists every fault of every record left out."""

    p3mi: Counts
    postings: Counts
    rates: Counts
    rejected: tuple[Rejection, ...]

    @property
    def rejected_records(self) -> int:
        """How many records were left out (one may have several faults)."""
        return len({rejection.record for rejection in self.rejected})


def import_feed(db: Database, source: Path | bytes) -> FeedReport:
    """Check every record of a feed and upsert the good ones in one transaction.

    P3MI are keyed by licence number, postings by their feed ``id`` (their public token
    stays), rates by currency. A P to P posting whose P3MI is neither among the file's
    good records nor already known is left out. Nothing is deleted.

    Raises:
        FeedError: the file is unreadable, not JSON, or not a feed at the top level.
    """
    envelope = _envelope(source)
    rejected: list[Rejection] = []
    rates = _checked(RateRecord, "rates", envelope.rates, "currency", rejected)
    p3mis = _checked(P3miRecord, "p3mi", envelope.p3mi, "licence_number", rejected)
    postings = _checked(PostingRecord, "postings", envelope.postings, "id", rejected)
    with db.sessions.begin() as session:
        known = set(session.scalars(select(P3mi.licence_number)))
        known |= {record.licence_number for _, record in p3mis}
        placeable: dict[str, BaseModel] = {}
        for where, record in postings:
            if record.p3mi_licence is None or record.p3mi_licence in known:
                source_named = record.model_copy(
                    update={"source": record.source or envelope.source}
                )
                placeable[record.id] = source_named
            else:
                reason = f"unknown P3MI licence {record.p3mi_licence!r}"
                rejected.append(Rejection(where, "p3mi_licence", reason))
        counts = {
            "rates": _upsert(
                session,
                Rate.currency,
                {r.currency: r for _, r in rates},
                lambda key, dumped: Rate(currency=key, record=dumped),
            ),
            "p3mi": _upsert(
                session,
                P3mi.licence_number,
                {r.licence_number: r for _, r in p3mis},
                lambda key, dumped: P3mi(licence_number=key, record=dumped),
            ),
            "postings": _upsert(
                session,
                Posting.feed_id,
                placeable,
                lambda key, dumped: Posting(token=new_public_token(), feed_id=key, record=dumped),
            ),
        }
    return FeedReport(
        p3mi=counts["p3mi"],
        postings=counts["postings"],
        rates=counts["rates"],
        rejected=tuple(sorted(rejected, key=_order)),
    )


def _upsert(
    session: Session,
    key: InstrumentedAttribute[str],
    records: Mapping[str, BaseModel],
    make: Callable[[str, str], _Row],
) -> Counts:
    """Add the new records, rewrite the changed ones, each under a fresh revision."""
    if not records:
        return Counts(0, 0, 0)
    model = key.class_
    rows = {
        getattr(row, key.key): row for row in session.scalars(select(model).where(key.in_(records)))
    }
    added: list[tuple[str, str]] = []
    changed: list[tuple[Any, str]] = []
    for name, record in records.items():
        dumped = record.model_dump_json()
        row = rows.get(name)
        if row is None:
            added.append((name, dumped))
        elif row.record != dumped:
            changed.append((row, dumped))
    revisions = iter(next_revisions(session, len(added) + len(changed)))
    for name, dumped in added:
        row = make(name, dumped)
        row.revision = next(revisions)
        session.add(row)
    for row, dumped in changed:
        row.record = dumped
        row.revision = next(revisions)
    return Counts(len(added), len(changed), len(records) - len(added) - len(changed))


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
