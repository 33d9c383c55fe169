"""Demo data for ``mpp-central init --demo``: the demo hall's site, a device, the demo feed,
and an officer of each role for the complaint desk (a documented demo password).

The site is the one the hall's documented default configuration describes
(``config/kiosk.toml``), so that a demo hall and a demo centre recognise each other; the
feed is the hall's demo feed (``config/demo/jobs.json``). Running it again adds nothing.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Final

from sqlalchemy import select

from central.db import Database
from central.devices import NewDevice, add_device
from central.feed import FeedReport, import_feed
from central.models import Device, Officer, Site
from central.officers import Role, add_officer

CONFIG_DIR: Final = Path(__file__).resolve().parent.parent / "config"
HALL_CONFIG: Final = CONFIG_DIR / "kiosk.toml"
DEMO_FEED: Final = CONFIG_DIR / "demo" / "jobs.json"
DEMO_DEVICE: Final = "demo kiosk"
DEMO_PASSWORD: Final = "demo-meja-pengaduan"
"""The demo officers' password, printed by ``init --demo``: change or disable them in use."""
DEMO_OFFICERS: Final = tuple((f"demo-{role.value}", role) for role in Role)


@dataclass(frozen=True)
class DemoReport:
    """What ``--demo`` did: the site, a device made now (with its token) or none, the feed."""

    site_id: str
    site_created: bool
    device: NewDevice | None
    feed: FeedReport
    officers: tuple[str, ...]
    """The demo officers added now (none when they were there already)."""


def seed_demo(db: Database, now: datetime) -> DemoReport:
    """Add the demo site with one device, and import the demo feed.

    Raises:
        OSError, tomllib.TOMLDecodeError, KeyError: the hall's default configuration is
            missing or lacks its ``[site]``.
        central.feed.FeedError: the demo feed cannot be read.
    """
    with HALL_CONFIG.open("rb") as handle:
        site = tomllib.load(handle)["site"]
    site_id = str(site["id"])
    with db.sessions.begin() as session:
        row = session.get(Site, site_id)
        created = row is None
        if row is None:
            row = Site(site_id=site_id, created_at=now)
            session.add(row)
        row.name, row.timezone, row.hotline = site["name"], site["timezone"], site["hotline"]
        has_device = session.scalar(
            select(Device.id).where(
                Device.site_id == site_id, Device.name == DEMO_DEVICE, Device.revoked_at.is_(None)
            )
        )
    device = None if has_device is not None else add_device(db, site_id, DEMO_DEVICE, now)
    return DemoReport(
        site_id=site_id,
        site_created=created,
        device=device,
        feed=import_feed(db, DEMO_FEED),
        officers=_officers(db, now),
    )


def _officers(db: Database, now: datetime) -> tuple[str, ...]:
    with db.reads() as session:
        known = set(session.scalars(select(Officer.username)))
    added = []
    for username, role in DEMO_OFFICERS:
        if username not in known:
            add_officer(db, username, DEMO_PASSWORD, role, [], now)
            added.append(username)
    return tuple(added)
