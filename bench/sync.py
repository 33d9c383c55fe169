"""Benchmark: a hall catching up with the centre, and a call reaching the ticket's public page.

Against a real ``mpp-central serve`` on loopback (SQLite), with a hall on SQLite:

1. **Catch-up**: a hall offline for a week holds 10,000 outbox entries (its tickets,
   their calls and complaints); the wall time of ``mpp-kiosk sync --once`` (a real
   process, start-up included) until every entry is marked sent. Target < 10 s.
2. **Call to public page**: ``mpp-kiosk sync`` runs as a service; a counter calls the next
   visitor in the hall (``QueueService.call_next``, committed) and a phone polls
   ``/api/v1/records/{token}`` every 50 ms until it says "called". p50/p95 over 50 calls;
   target p95 < 5 s.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests
from sqlalchemy import func, select

from kiosk.hall import Hall, open_hall
from kiosk.hall_key import open_device_key
from kiosk.models import OutboxEntry
from kiosk.queueing.report import percentile
from kiosk.settings import load_settings
from kiosk.sync import outbox
from kiosk.sync.enrolment import Enrolment, enrolment_path, save_enrolment
from tests.helpers.queue_site import ALL_DAY, queue_config
from tools.central_load import SimulatedHall
from tools.central_server import Centre, serving

ENTRIES = 10_000
CALLS = 50
MPP_KIOSK = str(Path(sys.executable).with_name("mpp-kiosk"))


def _hall(folder: Path) -> tuple[Hall, Path]:
    """A hall open all day on SQLite, and its configuration file."""
    url = f"sqlite:///{folder / 'hall.sqlite3'}"
    config = queue_config(folder, url, service_changes={"hours": ALL_DAY})
    hall = open_hall(load_settings(config))
    open_device_key(hall.db, create=True)  # as `mpp-kiosk init` makes it: entries are sealed
    return hall, config


def _week_offline(hall: Hall) -> int:
    simulated = SimulatedHall(day_start=datetime.now(UTC) - timedelta(days=7))
    entries = [simulated.opening()]
    visits = simulated.visits(ENTRIES)
    while len(entries) < ENTRIES:
        entries.append(next(visits))
    with hall.db.sessions.begin() as session:
        for entry in entries:
            outbox.record(session, entry)
    return _unsent(hall)


def _unsent(hall: Hall) -> int:
    with hall.db.reads() as session:
        return session.scalar(select(func.count()).where(OutboxEntry.sent_at.is_(None))) or 0


def catch_up(hall: Hall, config: Path) -> float:
    """Seconds for ``sync --once`` to send the week's outbox."""
    waiting = _week_offline(hall)
    started = time.monotonic()
    subprocess.run([MPP_KIOSK, "--config", str(config), "sync", "--once"], check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    took = time.monotonic() - started
    assert _unsent(hall) == 0, "entries left unsent"
    print(f"catch-up: {waiting} outbox entries sent in {took:.2f} s "
          f"({waiting / took:.0f} entries/s; target < 10 s)")  # fmt: skip
    return took


def call_to_page(hall: Hall, config: Path, centre: Centre) -> list[float]:
    """Seconds from each committed call to its public page saying "called"."""
    service = hall.settings.services[0].code
    counter = next(c.number for c in hall.settings.counters if service in c.services)
    service_loop = subprocess.Popen([MPP_KIOSK, "--config", str(config), "sync"],
                                    stderr=subprocess.DEVNULL)  # fmt: skip
    delays: list[float] = []
    phone = requests.Session()
    try:
        for _ in range(CALLS):
            if any(c.counter_number == counter and c.ticket for c in hall.queue.now_serving()):
                hall.queue.no_show(counter)
            ticket = hall.queue.issue_ticket(service)
            called = hall.queue.call_next(counter)
            committed = time.monotonic()
            assert called is not None
            while True:
                answer = phone.get(f"{centre.base}/api/v1/records/{ticket.public_token}", timeout=5)
                if answer.status_code == 200 and answer.json()["record"]["phase"] == "called":
                    break
                if time.monotonic() - committed > 30:
                    raise RuntimeError("the call did not reach the public page in 30 s")
                time.sleep(0.05)
            delays.append(time.monotonic() - committed)
    finally:
        service_loop.send_signal(signal.SIGTERM)
        service_loop.wait(timeout=30)
    print(f"call to public page: p50 {_p(delays, 0.5):.2f} s, "
          f"p95 {_p(delays, 0.95):.2f} s over {CALLS} calls (target p95 < 5 s)")  # fmt: skip
    return delays


def _p(values: list[float], share: float) -> float:
    found = percentile(values, share)
    assert found is not None
    return found


def main() -> None:
    """Run both measurements in a scratch folder."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        os.environ["XDG_DATA_HOME"] = str(folder / "data")
        os.environ.pop("MPP_KIOSK_CONFIG", None)
        with serving(folder, f"sqlite:///{folder / 'central.sqlite3'}") as centre:
            hall, config = _hall(folder)
            try:
                token = centre.add_device(hall.settings.site.id)
                save_enrolment(enrolment_path(), Enrolment(centre.base, token))
                catch_up(hall, config)
                call_to_page(hall, config, centre)
            finally:
                hall.close()


if __name__ == "__main__":
    main()
