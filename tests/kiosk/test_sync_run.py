"""Pushing the outbox and the sync loop: the real centre for what it decides, a fake for faults."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.exc import OperationalError

from kiosk.hall import Hall
from kiosk.hall_key import key_path
from kiosk.infra.sealed import ensure_key, new_key, write_key
from kiosk.sync import contract, outbox
from kiosk.sync.client import BatchRefusedError, CentreClient, CentreUnreachableError
from kiosk.sync.contract import ComplaintNoteEntry, Entry
from kiosk.sync.enrolment import Enrolment
from kiosk.sync.ids import uuid7
from kiosk.sync.push import push_outbox
from kiosk.sync.run import Syncer
from tests.helpers.fake_centre import fake_centre
from tools.central_load import SimulatedHall
from tools.central_server import Centre, serving

SITE = "mpp-kab-probolinggo"
SOME_TOKEN = "A" * 26


class CountingStop(threading.Event):
    """A stop event that keeps every wait asked of it and sets itself after ``waits`` of them."""

    def __init__(self, waits: int) -> None:
        super().__init__()
        self.asked: list[float] = []
        self._waits = waits

    def wait(self, timeout: float | None = None) -> bool:
        self.asked.append(timeout or 0.0)
        if len(self.asked) >= self._waits:
            self.set()
        return self.is_set()


@pytest.fixture(scope="module")
def centre(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Centre]:
    """One real central service on SQLite for the module's tests."""
    folder = tmp_path_factory.mktemp("centre")
    with serving(folder, f"sqlite:///{folder / 'central.sqlite3'}") as running:
        yield running


def _record(hall: Hall, entries: list[Entry]) -> None:
    ensure_key(key_path())  # a complaint's entry is sealed with the hall's key, made by init
    with hall.db.sessions.begin() as session:
        for entry in entries:
            outbox.record(session, entry)


def _unsent(hall: Hall) -> int:
    with hall.db.reads() as session:
        return outbox.backlog(session).waiting


def _day(count: int) -> tuple[SimulatedHall, list[Entry]]:
    simulated = SimulatedHall(day_start=datetime.now(UTC) - timedelta(hours=3))
    return simulated, [simulated.opening(), *simulated.visits(count)]


def test_the_outbox_goes_in_batches_and_exactly_the_accepted_are_marked(
    hall: Hall, centre: Centre, caplog: pytest.LogCaptureFixture
) -> None:
    simulated, entries = _day(60)
    stray = simulated.event(SimulatedHall().issue().token, "called", 1)  # unknown at the centre
    complaint = simulated.complaint()
    entries += [stray, complaint]
    _record(hall, entries)
    waiting = _unsent(hall)  # with what the hall recorded itself
    client = CentreClient(Enrolment(centre.base, centre.add_device(SITE)))
    caplog.set_level(logging.INFO)
    pushed = push_outbox(hall.db, client, hall.clock, batch=100)
    assert (pushed.batches, pushed.sent, pushed.refused) == (-(-waiting // 100), waiting - 1, 1)
    with hall.db.reads() as session:
        [refused] = outbox.refused(session)
        assert outbox.backlog(session).waiting == 0
    assert refused.id == stray.id
    assert str(stray.id) in caplog.text
    assert refused.reason in caplog.text
    assert "Siti" not in caplog.text  # a complaint's personal answers never reach a log
    again = push_outbox(hall.db, client, hall.clock)
    assert (again.batches, again.sent) == (0, 0)


def test_a_whole_batch_refused_leaves_it_unsent(hall: Hall) -> None:
    _record(hall, _day(2)[1])
    waiting = _unsent(hall)
    with fake_centre() as fake:
        fake.answer(422, b'{"detail": "entries.0: bad"}', Content_Type="application/json")
        with pytest.raises(BatchRefusedError):
            push_outbox(hall.db, CentreClient(Enrolment(fake.base, SOME_TOKEN)), hall.clock)
    assert _unsent(hall) == waiting


def _syncer(hall: Hall, base: str, token: str, stop: threading.Event) -> Syncer:
    return Syncer(hall.db, hall.settings, hall.clock, lambda: Enrolment(base, token), stop)


def test_offline_it_backs_off_exponentially_and_never_busy_loops(hall: Hall) -> None:
    _record(hall, _day(1)[1])
    waiting = _unsent(hall)
    stop = CountingStop(waits=9)
    with fake_centre() as fake:
        base = fake.base
    syncer = _syncer(hall, base, SOME_TOKEN, stop)  # nothing listens there any more
    started = time.monotonic()
    syncer.forever()
    assert time.monotonic() - started < 5
    for n, wait in enumerate(stop.asked):
        assert min(300.0, 2.0**n) / 2 <= wait <= min(300.0, 2.0**n)
    assert _unsent(hall) == waiting


def test_retry_after_is_honoured_then_the_outbox_goes(hall: Hall, centre: Centre) -> None:
    _record(hall, _day(1)[1])
    stop = CountingStop(waits=3)
    with fake_centre() as fake:
        fake.answer(429, Retry_After="42")
        fake.answer(503, Retry_After="7")
        syncer = _syncer(hall, fake.base, SOME_TOKEN, stop)
        syncer.forever()
    assert stop.asked[:2] == [42.0, 7.0]


def test_a_revoked_token_is_said_once_and_waits_at_least_the_interval(
    hall: Hall, centre: Centre, caplog: pytest.LogCaptureFixture
) -> None:
    _record(hall, _day(1)[1])
    waiting = _unsent(hall)
    stop = CountingStop(waits=3)
    _syncer(hall, centre.base, SOME_TOKEN, stop).forever()
    assert all(wait >= hall.settings.central.sync_interval_seconds for wait in stop.asked)
    assert caplog.text.count("revoked or unknown") == 1
    assert _unsent(hall) == waiting


def test_online_a_new_entry_leaves_within_two_seconds(hall: Hall, centre: Centre) -> None:
    simulated, entries = _day(1)
    _record(hall, entries)
    stop = threading.Event()
    syncer = _syncer(hall, centre.base, centre.add_device(SITE), stop)
    loop = threading.Thread(target=syncer.forever)
    loop.start()
    try:
        deadline = time.monotonic() + 20
        while _unsent(hall) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _unsent(hall) == 0
        time.sleep(1.5)  # the loop is asleep now, waiting for the interval
        _record(hall, [simulated.issue()])
        recorded = time.monotonic()
        while _unsent(hall) and time.monotonic() < recorded + 5:
            time.sleep(0.05)
        assert time.monotonic() - recorded < 2
    finally:
        stop.set()
        loop.join(timeout=10)
    assert not loop.is_alive()


def test_once_fails_naming_an_unreachable_centre(hall: Hall) -> None:
    _record(hall, _day(1)[1])
    with fake_centre() as fake:
        base = fake.base
    with pytest.raises(CentreUnreachableError, match="cannot reach"):
        _syncer(hall, base, SOME_TOKEN, threading.Event()).once()


def test_the_hall_database_down_is_waited_out_too(
    hall: Hall, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def down(db: object) -> None:
        raise OperationalError("SELECT max(id)", {}, Exception("connection refused\nDETAIL"))

    monkeypatch.setattr("kiosk.sync.run.newest_entry", down)
    stop = CountingStop(waits=4)
    _syncer(hall, "http://127.0.0.1:9", SOME_TOKEN, stop).forever()
    assert stop.asked[-1] > stop.asked[0]
    assert caplog.text.count("the hall database is unreachable: connection refused") == 1


def test_a_key_that_cannot_open_the_outbox_is_said_once_and_waits_for_an_operator(
    hall: Hall, caplog: pytest.LogCaptureFixture
) -> None:
    moment = datetime.now(UTC)
    note = ComplaintNoteEntry(
        id=uuid7(moment),
        kind="complaint.note",
        token=SOME_TOKEN,
        occurred_at=moment,
        payload=contract.ComplaintNote(note_id=uuid7(moment), text="rahasia", public=False),
    )
    _record(hall, [note])
    waiting = _unsent(hall)
    key_path().unlink()
    write_key(key_path(), new_key())  # this device now holds another key
    stop = CountingStop(waits=3)
    _syncer(hall, "http://127.0.0.1:9", SOME_TOKEN, stop).forever()
    assert all(wait >= hall.settings.central.sync_interval_seconds for wait in stop.asked)
    assert caplog.text.count(f"outbox entry {note.id} was sealed with key") == 1
    assert _unsent(hall) == waiting
