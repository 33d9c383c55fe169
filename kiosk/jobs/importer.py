"""Importing a jobs feed: every record checked, the good ones upserted in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import text

from kiosk.clock import Clock, aware_now, local_day
from kiosk.db import Database
from kiosk.jobs.feed import DEFAULT_MAX_MB, FeedError, FeedFile, Rejection
from kiosk.jobs.upsert import (
    known_licences,
    upsert_p3mi,
    upsert_postings,
    upsert_rates,
)

__all__ = ["FeedError", "ImportReport", "Rejection", "import_feed"]


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
    db: Database,
    source: Path | bytes,
    *,
    clock: Clock,
    zone: ZoneInfo,
    max_mb: int = DEFAULT_MAX_MB,
) -> ImportReport:
    """Check every record of a feed and upsert the good ones in one transaction.

    P3MI are upserted by licence number, postings by ``id`` (their reference and QR token
    stay), rates by currency. A P to P posting whose P3MI is neither among the file's good
    records nor already known is rejected. Nothing is deleted: whether a posting is shown
    is decided when searching. The file is read as a stream, the postings a batch at a time.

    Args:
        db: the hall database.
        source: a feed file or its bytes.
        clock: the hall's clock; its local day (in ``zone``) is stamped in new references.
        zone: the site's time zone.
        max_mb: the largest file read.

    Raises:
        FeedError: the file is unreadable, not JSON, too large, or not a feed at the top
            level; nothing is written.
    """
    feed = FeedFile(source, max_mb=max_mb)
    now = aware_now(clock)
    today = local_day(now, zone)
    added = updated = 0
    with db.sessions.begin() as session:
        known = set(known_licences(session)) | {record.licence_number for _, record in feed.p3mi}
        rate_table = upsert_rates(session, (record for _, record in feed.rates))
        p3mi = upsert_p3mi(session, (record for _, record in feed.p3mi), now)
        for batch in feed.postings():
            written = upsert_postings(
                session,
                feed.placeable(batch, known),
                feed_source=feed.header.source,
                rates=rate_table,
                today=today,
                now=now,
            )
            added += written.added
            updated += written.updated
        session.execute(text("ANALYZE postings"))  # keep the planner's row estimates current
    return ImportReport(
        p3mi_added=p3mi.added,
        p3mi_updated=p3mi.updated,
        postings_added=added,
        postings_updated=updated,
        rates=len(feed.rates),
        rejected=feed.rejected,
    )
