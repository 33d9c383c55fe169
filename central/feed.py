"""Importing a jobs feed at the centre: postings, the P3MI registry and rates, for every hall.

The same file, schema and reader as the hall's feed (``kiosk.jobs.feed``): every record is
checked on its own as the file streams by; the good ones are upserted in one transaction, each
new or changed record under a fresh revision so that the halls pull it, an unchanged one left
as it was. A new posting gets a public token, which its QR codes carry in every hall from then on.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute, Session

from central.db import Database
from central.models import P3mi, Posting, Rate
from central.revisions import next_revisions
from kiosk.jobs.feed import DEFAULT_MAX_MB, FeedError, FeedFile, Rejection
from kiosk.references import new_public_token

__all__ = ["Counts", "FeedError", "FeedReport", "Rejection", "import_feed"]

_Row = TypeVar("_Row", Rate, P3mi, Posting)


@dataclass(frozen=True)
class Counts:
    """What happened to the records of one kind."""

    added: int
    updated: int
    unchanged: int

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.added + other.added,
            self.updated + other.updated,
            self.unchanged + other.unchanged,
        )


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


def import_feed(db: Database, source: Path | bytes, *, max_mb: int = DEFAULT_MAX_MB) -> FeedReport:
    """Check every record of a feed and upsert the good ones in one transaction.

    P3MI are keyed by licence number, postings by their feed ``id`` (their public token
    stays), rates by currency. A P to P posting whose P3MI is neither among the file's
    good records nor already known is left out. Nothing is deleted.

    Raises:
        FeedError: the file is unreadable, not JSON, larger than ``max_mb``, or not a feed
            at the top level; nothing is written.
    """
    feed = FeedFile(source, max_mb=max_mb)
    with db.sessions.begin() as session:
        known = set(session.scalars(select(P3mi.licence_number)))
        known |= {record.licence_number for _, record in feed.p3mi}
        rates = _upsert(
            session,
            Rate.currency,
            {r.currency: r for _, r in feed.rates},
            lambda key, dumped: Rate(currency=key, record=dumped),
        )
        p3mi = _upsert(
            session,
            P3mi.licence_number,
            {r.licence_number: r for _, r in feed.p3mi},
            lambda key, dumped: P3mi(licence_number=key, record=dumped),
        )
        postings = Counts(0, 0, 0)
        for batch in feed.postings():
            placeable = {
                record.id: record.model_copy(update={"source": record.source or feed.header.source})
                for record in feed.placeable(batch, known)
            }
            postings += _upsert(
                session,
                Posting.feed_id,
                placeable,
                lambda key, dumped: Posting(token=new_public_token(), feed_id=key, record=dumped),
            )
    return FeedReport(p3mi=p3mi, postings=postings, rates=rates, rejected=feed.rejected)


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
