"""A hall and its centre end to end: real `mpp-central serve` and `mpp-kiosk sync` processes.

The hall issues and calls tickets and keeps a complaint through its own use cases; the
sync process carries the outbox over HTTP; the public pages answer a phone. Then the same
with the centre down for a while (nothing lost, nothing twice), and with the sync process
killed with SIGKILL in the middle of a catch-up (every entry applied once at the centre).
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import create_engine, func, select

from central.models import AppliedEntry, TicketEvent
from kiosk.cli import main
from kiosk.clock import system_clock
from kiosk.hall import Hall, open_hall
from kiosk.hall_key import key_path
from kiosk.infra.sealed import ensure_key
from kiosk.models import OutboxEntry
from kiosk.settings import load_settings
from kiosk.sync import outbox
from tests.helpers.complaints import fill, new_form
from tests.helpers.queue_site import ALL_DAY, queue_config
from tools.central_load import SimulatedHall
from tools.central_server import MPP_CENTRAL, Centre, serving

MPP_KIOSK = str(Path(sys.executable).with_name("mpp-kiosk"))


@pytest.fixture
def centre(tmp_path: Path) -> Iterator[Centre]:
    """A real central service on SQLite (the centre's own database tests cover PostgreSQL)."""
    (tmp_path / "centre-folder").mkdir()
    with serving(tmp_path / "centre-folder", f"sqlite:///{tmp_path / 'central.sqlite3'}") as c:
        yield c


@pytest.fixture
def config(tmp_path: Path, database_url: str) -> Path:
    """The hall's configuration: open all day, on the test database."""
    return queue_config(tmp_path, database_url, service_changes={"hours": ALL_DAY})


@pytest.fixture
def hall(config: Path) -> Iterator[Hall]:
    """The hall on the real clock (the centre's pages compare with its own), with its key."""
    ensure_key(key_path())  # as `mpp-kiosk init` makes it (a PostgreSQL hall needs it first)
    opened = open_hall(load_settings(config), system_clock)
    try:
        yield opened
    finally:
        opened.close()


def _enrol(config: Path, base: str, token: str) -> None:
    assert main(["--config", str(config), "central", "enrol", base, token]) == 0


def _sync_once(config: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [MPP_KIOSK, "--config", str(config), "sync", "--once"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _record(centre: Centre, token: str) -> Any:
    answer = requests.get(f"{centre.base}/api/v1/records/{token}", timeout=10)
    assert answer.status_code == 200, (token, answer.status_code)
    return answer.json()["record"]


def _outbox_ids(hall: Hall) -> set[str]:
    with hall.db.reads() as session:
        return set(session.scalars(select(OutboxEntry.id)))


def _unsent(hall: Hall) -> int:
    with hall.db.reads() as session:
        return session.scalar(select(func.count()).where(OutboxEntry.sent_at.is_(None))) or 0


def _ticket_entries(hall: Hall) -> int:
    kinds = ("ticket.issued", "ticket.event")
    with hall.db.reads() as session:
        return session.scalar(select(func.count()).where(OutboxEntry.kind.in_(kinds))) or 0


def _applied(centre_db: Path) -> list[str]:
    engine = create_engine(f"sqlite:///{centre_db}")
    try:
        with engine.connect() as connection:
            return list(connection.scalars(select(AppliedEntry.entry_id)))
    finally:
        engine.dispose()


def _day_in_the_hall(hall: Hall) -> tuple[list[str], str]:
    """Three tickets, the first called at counter 1, and a complaint: their public tokens."""
    service = hall.settings.services[0].code
    counter = next(c.number for c in hall.settings.counters if service in c.services)
    tickets = [hall.queue.issue_ticket(service) for _ in range(3)]
    called = hall.queue.call_next(counter)
    assert called is not None
    assert called.number == tickets[0].number
    form = new_form()
    fill(form)
    complaint = hall.complaints.submit(form)
    return [t.public_token for t in tickets], complaint.public_token


def _check_pages(centre: Centre, tickets: list[str], complaint: str, counter: int) -> None:
    first, second, third = (_record(centre, token) for token in tickets)
    assert (first["phase"], first["counter_number"]) == ("called", counter)
    assert (second["phase"], second["people_ahead"]) == ("waiting", 0)
    assert (third["phase"], third["people_ahead"]) == ("waiting", 1)
    page = _record(centre, complaint)
    assert page["status"] == "received"


def test_what_happens_in_the_hall_shows_on_the_public_pages(
    hall: Hall, config: Path, centre: Centre
) -> None:
    _enrol(config, centre.base, centre.add_device(hall.settings.site.id))
    tickets, complaint = _day_in_the_hall(hall)
    done = _sync_once(config)
    assert done.returncode == 0, done.stderr
    assert _unsent(hall) == 0
    counter = hall.settings.counters[0].number
    _check_pages(centre, tickets, complaint, counter)
    assert "Siti" not in done.stdout + done.stderr


def test_the_centre_down_for_a_while_loses_nothing_and_duplicates_nothing(
    hall: Hall, config: Path, tmp_path: Path
) -> None:
    folder, centre_db = tmp_path / "centre-folder", tmp_path / "central.sqlite3"
    folder.mkdir()
    with serving(folder, f"sqlite:///{centre_db}") as centre:
        _enrol(config, centre.base, centre.add_device(hall.settings.site.id))
    # the centre is down now: the hall works on, sync --once says so, the service waits
    tickets, complaint = _day_in_the_hall(hall)
    down = _sync_once(config)
    assert down.returncode == 1
    assert "cannot reach" in down.stderr
    assert down.stderr.count("\n") == 1
    service = subprocess.Popen(
        [MPP_KIOSK, "--config", str(config), "sync"], stderr=subprocess.PIPE, text=True
    )
    try:
        time.sleep(3)  # a few failed tries, backing off
        more = [hall.queue.issue_ticket(hall.settings.services[0].code) for _ in range(2)]
        server = subprocess.Popen(
            [MPP_CENTRAL, "--config", str(centre.config), "serve"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 60
            while _unsent(hall) and time.monotonic() < deadline:
                time.sleep(0.2)
            assert _unsent(hall) == 0
            _check_pages(centre, tickets, complaint, hall.settings.counters[0].number)
            assert _record(centre, more[-1].public_token)["people_ahead"] == 3
            applied = _applied(centre_db)
            assert sorted(applied) == sorted(_outbox_ids(hall))  # each once, none lost
            engine = create_engine(f"sqlite:///{centre_db}")
            with engine.connect() as connection:
                events = connection.scalar(select(func.count()).select_from(TicketEvent))
            engine.dispose()
            assert events == _ticket_entries(hall)  # each issue and call once, not twice
        finally:
            server.terminate()
            server.wait(timeout=20)
    finally:
        service.send_signal(signal.SIGTERM)
        _, err = service.communicate(timeout=30)
    assert service.returncode == 0, err
    assert err.count("sync paused") == 1  # an outage is said once, not at every try
    assert "sync resumed" in err


def test_kill_9_in_the_middle_of_a_catch_up_loses_nothing(
    hall: Hall, config: Path, tmp_path: Path
) -> None:
    folder, centre_db = tmp_path / "centre-folder", tmp_path / "central.sqlite3"
    folder.mkdir()
    with serving(folder, f"sqlite:///{centre_db}") as centre:
        _enrol(config, centre.base, centre.add_device(hall.settings.site.id))
        simulated = SimulatedHall(day_start=datetime.now(UTC) - timedelta(days=2))
        entries = [simulated.opening(), *simulated.visits(900)]
        with hall.db.sessions.begin() as session:
            for entry in entries:
                outbox.record(session, entry)
        total = len(_outbox_ids(hall))
        for kill_after in (1, 3):
            syncing = subprocess.Popen(
                [MPP_KIOSK, "--config", str(config), "sync"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            deadline = time.monotonic() + 60
            while total - _unsent(hall) < kill_after * 300 and time.monotonic() < deadline:
                time.sleep(0.01)
            syncing.send_signal(signal.SIGKILL)
            syncing.wait(timeout=10)
            assert 0 < _unsent(hall) < total
        finished = _sync_once(config)
        assert finished.returncode == 0, finished.stderr
        assert _unsent(hall) == 0
        applied = _applied(centre_db)
    assert len(applied) == len(set(applied)) == total
    assert set(applied) == _outbox_ids(hall)
