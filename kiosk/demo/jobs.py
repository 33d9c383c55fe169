"""The demo jobs feed, its dates moved so that it stays current whenever it is seeded."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any, Final

from kiosk.hall import Hall
from kiosk.jobs.importer import ImportReport, import_feed
from kiosk.settings import PROJECT_CONFIG

DEMO_FEED: Final = PROJECT_CONFIG.parent / "demo" / "jobs.json"
_DATES: Final = {
    "p3mi": ("valid_from", "valid_until"),
    "postings": ("posted_on", "closes_on", "verified_on"),
    "rates": ("as_of",),
}


def seed_demo_jobs(hall: Hall, feed: Path = DEMO_FEED) -> ImportReport:
    """Import the demo feed with every date moved by the days since it was generated."""
    shifted = shifted_feed(feed, hall.today())
    return import_feed(hall.db, shifted, clock=hall.clock, zone=hall.zone)


def shifted_feed(feed: Path, today: date) -> bytes:
    """The feed's bytes with its dates moved so that ``generated_at`` falls on ``today``."""
    raw: dict[str, Any] = json.loads(feed.read_bytes())
    generated = datetime.fromisoformat(raw["generated_at"])
    shift = today - generated.date()
    raw["generated_at"] = (generated + shift).isoformat()
    for array, fields in _DATES.items():
        for record in raw.get(array, []):
            for field in fields:
                if record.get(field):
                    record[field] = (date.fromisoformat(record[field]) + shift).isoformat()
    return json.dumps(raw, ensure_ascii=False).encode()
