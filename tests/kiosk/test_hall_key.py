"""One complaints key per hall: recorded in the database, never made twice, checked before
sealing, rotated in one transaction; a row that cannot be opened hides no other.

Two "devices" are two key files against one hall database (SQLite and PostgreSQL).
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session

from kiosk import key_rotation
from kiosk.complaints.records import reseal_complaints
from kiosk.complaints.store import ComplaintService
from kiosk.db import Database, alembic_config, migrate
from kiosk.hall import Hall
from kiosk.hall_key import (
    HallKeyError,
    health,
    install_key,
    key_path,
    next_path,
    open_device_key,
    recorded,
    sealer_of,
)
from kiosk.infra.sealed import Sealer, ensure_key, load_key, new_key, write_key
from kiosk.key_rotation import rotate
from kiosk.models import Complaint, ComplaintNote, HallKey, OutboxEntry
from kiosk.sync import outbox
from tests.helpers.clock import FakeClock
from tests.helpers.complaints import fill, new_form
from tests.helpers.staff import add_member

START = datetime(2026, 11, 23, 3, 30, tzinfo=UTC)  # 10:30 WIB


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def officer(hall: Hall) -> int:
    return add_member(hall, "rina", "officer").id


def service_with(hall: Hall, sealer: Sealer, clock: FakeClock) -> ComplaintService:
    return ComplaintService(hall.db, hall.settings, sealer, clock)


def submit(service: ComplaintService, **changes: object) -> str:
    form = new_form()
    fill(form, changes)
    return service.submit(form).reference


def counts(db: Database) -> tuple[int, int, int]:
    with db.reads() as session:
        return (
            session.scalar(select(func.count()).select_from(Complaint)) or 0,
            session.scalar(select(func.count()).select_from(ComplaintNote)) or 0,
            session.scalar(select(func.count()).select_from(OutboxEntry)) or 0,
        )


def test_the_first_device_records_its_key_and_a_second_is_never_given_one(
    hall: Hall, tmp_path: Path
) -> None:
    first, second = tmp_path / "pc1" / "complaints.key", tmp_path / "pc2" / "complaints.key"
    made = open_device_key(hall.db, create=True, path=first)
    assert made.check().key_id == made.hall
    with hall.db.reads() as session:
        assert recorded(session) == made.hall

    with pytest.raises(HallKeyError) as refused:
        open_device_key(hall.db, create=True, path=second)
    assert not second.exists()
    assert "is not on this device" in str(refused.value)
    assert "mpp-kiosk key import FILE" in str(refused.value)
    assert "\n" not in str(refused.value)
    assert made.hall is not None
    assert made.hall in refused.value.message("id")

    assert open_device_key(hall.db, create=True, path=first).hall == made.hall  # kept


def test_devices_racing_to_make_the_first_key_end_with_one_key(hall: Hall, tmp_path: Path) -> None:
    paths = [tmp_path / f"pc{n}" / "complaints.key" for n in range(6)]
    outcomes: dict[Path, str] = {}
    start = threading.Barrier(len(paths))

    def make(path: Path) -> None:
        start.wait()
        try:
            outcomes[path] = open_device_key(hall.db, create=True, path=path).check().key_id
        except HallKeyError as refused:
            outcomes[path] = refused.key

    threads = [threading.Thread(target=make, args=(path,)) for path in paths]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with hall.db.reads() as session:
        hall_key = recorded(session)
    assert hall_key is not None
    winners = [path for path, outcome in outcomes.items() if outcome == hall_key]
    assert len(winners) == 1
    assert [path for path in paths if path.exists()] == winners  # the others kept no key
    assert sorted(outcomes.values()) == sorted([hall_key] + ["hallkey.missing"] * 5)


def test_a_lost_key_is_not_made_again_once_the_hall_has_one(hall: Hall) -> None:
    if not hall.db.is_sqlite:
        ensure_key(key_path())  # as mpp-kiosk init makes it on a PostgreSQL hall
    submit(hall.complaints)
    key_path().unlink()
    del hall.complaints
    with pytest.raises(HallKeyError, match="is not on this device"):
        _ = hall.complaints
    assert not key_path().exists()


def test_a_postgresql_hall_makes_no_key_on_first_use(hall: Hall) -> None:
    if hall.db.is_sqlite:
        assert isinstance(hall.complaints, ComplaintService)  # the single box makes its own
        assert key_path().exists()
        return
    with pytest.raises(HallKeyError, match="run 'mpp-kiosk init'"):
        _ = hall.complaints
    assert not key_path().exists()


def test_a_device_with_another_key_stores_nothing_and_says_why(
    hall: Hall, tmp_path: Path, clock: FakeClock, officer: int
) -> None:
    mine = open_device_key(hall.db, create=True, path=tmp_path / "pc1" / "k").check()
    reference = submit(service_with(hall, mine, clock))
    before = counts(hall.db)

    stranger = service_with(hall, sealer_of(ensure_key(tmp_path / "pc2" / "k")), clock)
    with pytest.raises(HallKeyError) as refused:
        submit(stranger)
    with pytest.raises(HallKeyError):
        stranger.add_note(reference, officer, "Sudah dihubungi")
    assert counts(hall.db) == before
    line = str(refused.value)
    assert "is not the hall's key" in line
    assert "\n" not in line
    assert "bukan kunci ruang layanan" in refused.value.message("id")


def test_one_complaint_that_cannot_be_opened_never_hides_the_others(
    hall: Hall, tmp_path: Path, clock: FakeClock, officer: int
) -> None:
    sealer = open_device_key(hall.db, create=True, path=tmp_path / "k").check()
    service = service_with(hall, sealer, clock)
    good, foreign, altered = (submit(service, reporter_name=n) for n in ("Siti", "Ani", "Dewi"))
    stranger = sealer_of(new_key())
    with hall.db.sessions.begin() as session:
        session.execute(
            update(Complaint)
            .where(Complaint.reference == foreign)
            .values(key_id=stranger.key_id, reporter_name=stranger.seal_text("Ani", "x"))
        )
        session.execute(
            update(Complaint).where(Complaint.reference == altered).values(reporter_name=b"\x01")
        )

    listed = {line.reference: line for line in service.list_today()}
    assert set(listed) == {good, foreign, altered}
    assert listed[good].readable
    assert listed[good].reporter_name_masked.startswith("S")
    for broken in (foreign, altered):
        assert not listed[broken].readable
        assert listed[broken].reporter_name_masked == listed[broken].reporter_phone_masked == ""
    assert service.open(good, officer, show=True).complaint.reporter_name == "Siti"
    with pytest.raises(HallKeyError, match=f"{foreign} cannot be opened .* key {stranger.key_id}"):
        service.open(foreign, officer)
    with pytest.raises(HallKeyError, match=f"{altered} cannot be opened: .* altered"):
        service.open(altered, officer)


def sealed_bytes(db: Database) -> dict[str, object]:
    with db.reads() as session:
        return {
            **{
                f"c{c.id}": (c.key_id, c.reporter_name, c.chronology)
                for c in session.scalars(select(Complaint))
            },
            **{f"n{n.id}": (n.key_id, n.text) for n in session.scalars(select(ComplaintNote))},
            **{f"o{o.id}": (o.key_id, o.payload) for o in session.scalars(select(OutboxEntry))},
        }


def test_a_rotation_seals_every_row_again_in_one_go(
    hall: Hall, tmp_path: Path, clock: FakeClock, officer: int
) -> None:
    path = tmp_path / "pc1" / "complaints.key"
    old = open_device_key(hall.db, create=True, path=path).check()
    service = service_with(hall, old, clock)
    first = submit(service)
    submit(service, reporter_name="Ani")
    service.add_note(first, officer, "Nomor majikan baru: +886 955 000 111")
    service.move_status(first, "verified", officer)
    other_device = tmp_path / "pc2" / "complaints.key"
    write_key(other_device, load_key(path))
    before = sealed_bytes(hall.db)

    done = rotate(hall.db, path)

    new = sealer_of(load_key(path))
    assert (done.old, done.new) == (old.key_id, new.key_id) != (old.key_id, old.key_id)
    assert (done.complaints, done.notes, done.outbox) == (2, 1, 3)
    after = sealed_bytes(hall.db)
    assert after.keys() == before.keys()
    changed = [name for name in after if after[name] != before[name]]
    assert sorted(changed) == sorted(
        name for name, row in before.items() if isinstance(row, tuple) and row[0] is not None
    )
    assert not next_path(path).exists()
    with hall.db.reads() as session:
        assert recorded(session) == new.key_id
        assert session.scalar(select(func.count()).where(Complaint.key_id != new.key_id)) == 0
        assert len(outbox.pending(session, 10, cipher=new)) == 5  # and the hall entry
    renewed = service_with(hall, new, clock)
    assert renewed.open(first, officer).notes[0].text == "Nomor majikan baru: +886 955 000 111"
    assert {line.readable for line in renewed.list_today()} == {True}
    assert {line.readable for line in service.list_today()} == {False}  # the old key

    stale = open_device_key(hall.db, create=False, path=other_device)
    with pytest.raises(HallKeyError, match="is not the hall's key"):
        stale.check()
    with pytest.raises(HallKeyError):
        submit(service_with(hall, stale.sealer, clock))
    ok, line = health(hall.db, other_device)
    assert not ok
    assert "import" in line


def test_a_rotation_stops_at_a_row_it_cannot_open_and_changes_nothing(
    hall: Hall, tmp_path: Path, clock: FakeClock
) -> None:
    path = tmp_path / "complaints.key"
    sealer = open_device_key(hall.db, create=True, path=path).check()
    service = service_with(hall, sealer, clock)
    submit(service)
    broken = submit(service)
    with hall.db.sessions.begin() as session:
        session.execute(
            update(Complaint).where(Complaint.reference == broken).values(chronology=b"\x01")
        )
    before, key = sealed_bytes(hall.db), path.read_bytes()

    with pytest.raises(HallKeyError, match=f"1 sealed rows .* first {broken}: nothing was changed"):
        rotate(hall.db, path)

    assert sealed_bytes(hall.db) == before
    assert path.read_bytes() == key
    assert not next_path(path).exists()
    with hall.db.reads() as session:
        assert recorded(session) == sealer.key_id


def test_a_rotation_cut_short_is_finished_or_forgotten_by_the_next_opening(
    hall: Hall, tmp_path: Path
) -> None:
    path = tmp_path / "complaints.key"
    old = open_device_key(hall.db, create=True, path=path).check()
    uncommitted = new_key()
    write_key(next_path(path), uncommitted)
    assert open_device_key(hall.db, create=False, path=path).check().key_id == old.key_id
    assert not next_path(path).exists()  # its transaction never committed: forgotten

    committed = new_key()
    write_key(next_path(path), committed)
    with hall.db.sessions.begin() as session:
        row = session.get(HallKey, 1)
        assert row is not None
        row.key_id = sealer_of(committed).key_id
    assert open_device_key(hall.db, create=False, path=path).check().key_id == row.key_id
    assert load_key(path) == committed
    assert not next_path(path).exists()


def test_importing_a_key_makes_it_this_devices_only_if_it_is_the_halls(
    hall: Hall, tmp_path: Path
) -> None:
    first = tmp_path / "pc1" / "complaints.key"
    hall_key = open_device_key(hall.db, create=True, path=first)
    second = tmp_path / "pc2" / "complaints.key"
    own = ensure_key(second)  # the key the second PC made for itself

    with pytest.raises(HallKeyError, match="is not this hall's key"):
        install_key(hall.db, new_key(), second)
    assert load_key(second) == own

    installed = install_key(hall.db, hall_key.key, second)
    assert (installed.key_id, installed.already) == (hall_key.hall, False)
    assert load_key(second) == hall_key.key
    assert installed.set_aside is not None
    assert load_key(installed.set_aside) == own
    assert installed.set_aside.name == f"complaints.key.{sealer_of(own).key_id}.old"
    assert install_key(hall.db, hall_key.key, second).already
    assert health(hall.db, second)[0]


def test_doctor_says_in_one_line_what_is_wrong_with_this_devices_key(
    hall: Hall, tmp_path: Path, clock: FakeClock
) -> None:
    path = tmp_path / "complaints.key"
    assert health(hall.db, path) == (
        False,
        f"complaints key {path} is missing: run 'mpp-kiosk init'",
    )
    sealer = open_device_key(hall.db, create=True, path=path).check()
    assert health(hall.db, path) == (
        True,
        f"{path}, the hall's key {sealer.key_id} (readable by this user only)",
    )
    submit(service_with(hall, sealer, clock))
    with hall.db.sessions.begin() as session:
        session.execute(update(Complaint).values(key_id="0123456789abcdef"))
    ok, line = health(hall.db, path)
    assert not ok
    assert line.startswith("1 sealed rows carry another key")

    other = tmp_path / "other.key"
    write_key(other, new_key())  # a valid key, not the hall's
    ok, line = health(hall.db, other)
    assert not ok
    assert "is not the hall's key" in line
    assert "\n" not in line
    other.unlink()
    ok, line = health(hall.db, other)
    assert not ok
    assert "is not on this device" in line
    other.write_text("damaged\n")
    other.chmod(0o600)
    assert health(hall.db, other) == (
        False,
        f"complaints key {other} is damaged (not a 32-byte key)",
    )


def test_a_hall_upgraded_to_one_key_records_the_key_of_its_complaints(
    hall: Hall, tmp_path: Path, clock: FakeClock, officer: int
) -> None:
    sealer = open_device_key(hall.db, create=True, path=tmp_path / "k").check()
    service = service_with(hall, sealer, clock)
    reference = submit(service)
    service.add_note(reference, officer, "Sudah dihubungi")
    service.move_status(reference, "verified", officer)
    with hall.db.engine.connect() as connection, connection.begin():
        command.downgrade(alembic_config(connection), "0008")  # as the app before left it

    migrate(hall.db)

    with hall.db.reads() as session:
        assert recorded(session) == sealer.key_id
        notes = {
            note.text is not None: note.key_id for note in session.scalars(select(ComplaintNote))
        }
        assert notes == {True: sealer.key_id, False: None}
        entries = {(entry.kind, entry.key_id) for entry in session.scalars(select(OutboxEntry))}
        assert entries == {
            ("hall", None),
            ("complaint.submitted", sealer.key_id),
            ("complaint.note", sealer.key_id),
            ("complaint.status", None),
        }
    assert health(hall.db, tmp_path / "k") == (
        True,
        f"{tmp_path / 'k'}, the hall's key {sealer.key_id} (readable by this user only)",
    )


def test_a_device_submitting_during_a_rotation_waits_for_it_then_stores_nothing(
    hall: Hall, tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    if hall.db.is_sqlite:
        pytest.skip("one SQLite writer at a time: nothing can slip in between on SQLite")
    path = tmp_path / "complaints.key"
    old = open_device_key(hall.db, create=True, path=path).check()
    service = service_with(hall, old, clock)
    submit(service)
    resealing, go_on = threading.Event(), threading.Event()

    def paused(session: Session, old: Sealer, new: Sealer) -> tuple[int, int, list[str]]:
        resealing.set()  # inside the rotation's transaction, the hall's key row locked
        go_on.wait(30)
        return reseal_complaints(session, old, new)

    monkeypatch.setattr(key_rotation, "reseal_complaints", paused)
    rotation = threading.Thread(target=rotate, args=(hall.db, path))
    rotation.start()
    assert resealing.wait(30)
    outcome: list[BaseException | str] = []

    def late_submission() -> None:
        try:
            outcome.append(submit(service))
        except HallKeyError as refused:
            outcome.append(refused)

    other_device = threading.Thread(target=late_submission)
    other_device.start()
    with hall.db.engine.connect() as connection:
        deadline = time.monotonic() + 30
        while not connection.execute(
            text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
        ).scalar():
            assert time.monotonic() < deadline, "the submission never waited for the rotation"
            time.sleep(0.05)
    go_on.set()
    rotation.join(30)
    other_device.join(30)

    [refused] = outcome
    assert isinstance(refused, HallKeyError)
    assert refused.key == "hallkey.mismatch"
    new = sealer_of(load_key(path))
    assert counts(hall.db)[0] == 1
    with hall.db.reads() as session:
        assert recorded(session) == new.key_id
        assert set(session.scalars(select(Complaint.key_id))) == {new.key_id}
