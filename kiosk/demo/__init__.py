"""Demo data for a hall that is tried out: staff, the jobs feed and a complaint.

``mpp-kiosk init --demo`` seeds it; nothing else in the shipped code imports this package.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Final

from sqlalchemy import select

from kiosk.demo.jobs import seed_demo_jobs
from kiosk.hall import Hall
from kiosk.models import Staff
from kiosk.pins import hash_pin
from kiosk.settings import PROJECT_CONFIG

DEMO_STAFF: Final = PROJECT_CONFIG.parent / "demo" / "staff.toml"


def seed_demo(hall: Hall, staff_file: Path = DEMO_STAFF) -> int:
    """Add the demo staff that are not there yet; returns how many were added."""
    with staff_file.open("rb") as handle:
        people = tomllib.load(handle)["staff"]
    added = 0
    with hall.db.sessions.begin() as session:
        known = set(session.scalars(select(Staff.username)))
        for person in people:
            if person["username"] in known:
                continue
            session.add(
                Staff(
                    username=person["username"],
                    name=person["name"],
                    role=person["role"],
                    pin_hash=hash_pin(person["pin"]),
                )
            )
            added += 1
    seed_demo_jobs(hall)
    return added
