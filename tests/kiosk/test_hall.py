"""One hall, built once: every use case on the one database and the one clock."""

from __future__ import annotations

from datetime import date, datetime

from kiosk.hall import Hall
from kiosk.hall_key import key_path
from kiosk.infra.sealed import ensure_key
from tests.helpers.clock import FakeClock
from tests.helpers.queue_site import JAKARTA


def test_each_use_case_is_built_once(hall: Hall) -> None:
    ensure_key(key_path())  # a PostgreSQL hall needs the key made by init
    assert hall.queue is hall.queue
    assert hall.jobs is hall.jobs
    assert hall.staff is hall.staff
    assert hall.complaints is hall.complaints


def test_every_today_follows_the_hall_clock_in_the_site_zone(hall: Hall, clock: FakeClock) -> None:
    clock.set(datetime(2026, 11, 23, 23, 30, tzinfo=JAKARTA))
    assert hall.today() == hall.jobs.today() == date(2026, 11, 23)
    clock.set(datetime(2026, 11, 24, 0, 30, tzinfo=JAKARTA))  # the 23rd in UTC, the 24th here
    assert hall.today() == hall.jobs.today() == date(2026, 11, 24)
