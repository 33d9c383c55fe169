"""Complaint storage on SQLite and PostgreSQL: submit, list, open (logged), notes, status moves."""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.complaints.categories import Category, Status
from kiosk.complaints.consent import consent_proof
from kiosk.complaints.store import ComplaintService
from kiosk.demo.complaints import CHRONOLOGY, PHONE_E164, REPORTER_NIK, WORKER_NIK
from kiosk.errors import InvalidInput
from kiosk.hall import Hall, open_hall
from kiosk.hall_key import sealer_of
from kiosk.infra.sealed import ensure_key
from kiosk.models import Complaint, ComplaintAccess, ComplaintNote, Staff
from kiosk.references import public_url
from kiosk.settings import load_settings
from tests.conftest import site_config
from tests.helpers.clock import FakeClock
from tests.helpers.complaints import fill, new_form

START = datetime(2026, 11, 23, 3, 30, tzinfo=UTC)  # 10:30 WIB


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def service(hall: Hall, tmp_path: Path, clock: FakeClock) -> ComplaintService:
    cipher = sealer_of(ensure_key(tmp_path / "complaints.key"))
    return ComplaintService(hall.db, hall.settings, cipher, clock=clock)


@pytest.fixture
def officer(hall: Hall) -> int:
    """The id of an active officer."""
    with hall.db.sessions.begin() as session:
        staff = Staff(username="rina", name="Rina", role="officer", pin_hash="-")
        session.add(staff)
        session.flush()
        return staff.id


def count(session: Session, model: type[Complaint | ComplaintNote | ComplaintAccess]) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def submit(service: ComplaintService, **changes: object) -> str:
    form = new_form()
    fill(form, changes)
    return service.submit(form).reference


def test_submit_keeps_the_complaint_and_returns_what_the_receipt_needs(
    service: ComplaintService, hall: Hall
) -> None:
    form = new_form()
    fill(form, {"urgent": True})
    submitted = service.submit(form)
    assert re.fullmatch(r"P-261123-[0-9A-HJKMNP-TV-Z]{4}", submitted.reference)
    assert submitted.url == public_url(hall.settings.central.base_url, submitted.public_token)
    assert submitted.created_at == START
    assert submitted.urgent
    assert submitted.categories == (Category.UNPAID_WAGES, Category.DOCUMENTS_HELD)
    assert submitted.reporter_name_masked == "Siti A••••• R•••••"
    assert submitted.reporter_phone_masked == "0812•••••890"
    with hall.db.reads() as session:
        row = session.scalars(select(Complaint)).one()
        assert row.status == Status.RECEIVED
        assert row.consent_proof == consent_proof("id")
        assert row.consented_at == START
        assert row.destination_country == "TW"
        assert row.categories == "unpaid_wages documents_held"


def test_refused_consent_stores_nothing(service: ComplaintService, hall: Hall) -> None:
    form = new_form()
    fill(form, until=form.step.CONSENT)
    form.set("consent", False)
    form.next()
    with pytest.raises(InvalidInput) as refused:
        service.submit(form)
    assert refused.value.key == "complaints.incomplete"
    with hall.db.reads() as session:
        assert count(session, Complaint) == 0
        assert count(session, ComplaintNote) == 0


def test_list_today_shows_masked_lines_urgent_first_then_newest(
    service: ComplaintService, clock: FakeClock
) -> None:
    first = submit(service)
    clock.now += timedelta(minutes=5)
    second = submit(service, reporter_name="Budi", reporter_phone="+886 912 345 678")
    clock.now += timedelta(minutes=5)
    urgent = submit(service, urgent=True)
    clock.now += timedelta(days=1)
    submit(service)
    lines = service.list_today(START.date())
    assert [line.reference for line in lines] == [urgent, second, first]
    assert lines[1].reporter_name_masked == "Bu••"
    assert lines[1].reporter_phone_masked == "+886••••••678"
    assert lines[1].status is Status.RECEIVED
    assert len(service.list_today()) == 1


def test_showing_gives_everything_and_each_opening_is_logged(
    service: ComplaintService, hall: Hall, officer: int, clock: FakeClock
) -> None:
    reference = submit(service)
    detail = service.open(reference.lower().replace("-", " "), officer, show=True)
    clock.now += timedelta(minutes=3)
    assert service.open(reference, officer).complaint.reporter_nik == "3507••••••••0012"
    assert detail.reference == reference
    assert detail.complaint.reporter_nik == REPORTER_NIK
    assert detail.complaint.worker_nik == WORKER_NIK
    assert detail.complaint.reporter_phone == PHONE_E164
    assert detail.complaint.chronology == CHRONOLOGY
    assert dict(detail.lines("en"))["Worker's passport number"] == "X1234567"
    assert "Siti" not in repr(detail)
    with hall.db.reads() as session:
        log = session.execute(
            select(ComplaintAccess.staff_id, ComplaintAccess.at, ComplaintAccess.action).order_by(
                ComplaintAccess.id
            )
        ).all()
    assert [tuple(entry) for entry in log] == [
        (officer, START, "show"),
        (officer, START + timedelta(minutes=3), "open"),
    ]


def test_notes_and_status_moves_are_dated_and_follow_the_lifecycle(
    service: ComplaintService, officer: int, clock: FakeClock
) -> None:
    reference = submit(service)
    clock.now += timedelta(hours=1)
    note = service.add_note(reference, officer, "Menelepon ibu PMI.\x07")
    assert (note.at, note.text, note.status_to) == (clock.now, "Menelepon ibu PMI.", None)
    for status in (Status.VERIFIED, Status.IN_PROGRESS, Status.RESOLVED, Status.CLOSED):
        clock.now += timedelta(days=1)
        moved = service.move_status(reference, status, officer)
        assert moved.status_to is status
    detail = service.open(reference, officer)
    assert detail.status is Status.CLOSED
    assert [(n.status_from, n.status_to) for n in detail.notes] == [
        (None, None),
        (Status.RECEIVED, Status.VERIFIED),
        (Status.VERIFIED, Status.IN_PROGRESS),
        (Status.IN_PROGRESS, Status.RESOLVED),
        (Status.RESOLVED, Status.CLOSED),
    ]
    assert [n.at for n in detail.notes] == [START + timedelta(hours=1, days=d) for d in range(5)]


def test_an_illegal_move_is_refused_and_changes_nothing(
    service: ComplaintService, hall: Hall, officer: int
) -> None:
    reference = submit(service)
    with pytest.raises(InvalidInput) as refused:
        service.move_status(reference, "resolved", officer, "Selesai")
    assert refused.value.key == "complaints.status_not_allowed"
    service.move_status(reference, "verified", officer, "KTP dicek")
    with hall.db.reads() as session:
        assert session.scalar(select(Complaint.status)) == Status.VERIFIED
        assert count(session, ComplaintNote) == 1


def test_unknown_references_officers_and_empty_notes_are_refused(
    service: ComplaintService, hall: Hall, officer: int
) -> None:
    reference = submit(service)
    for wrong in ("P-261123-0000", "Q" + reference[1:], "hello"):
        with pytest.raises(InvalidInput) as unknown:
            service.open(wrong, officer)
        assert unknown.value.key == "complaints.unknown_reference"
    with pytest.raises(InvalidInput) as stranger:
        service.open(reference, officer + 99)
    assert stranger.value.key == "complaints.unknown_staff"
    with pytest.raises(InvalidInput) as empty:
        service.add_note(reference, officer, " \n\x00 ")
    assert empty.value.key == "identity.text_required"
    with hall.db.reads() as session:
        assert count(session, ComplaintAccess) == 0
        assert count(session, ComplaintNote) == 0


def test_reprinting_is_logged_and_gives_the_masked_receipt_data(
    service: ComplaintService, hall: Hall, officer: int
) -> None:
    form = new_form()
    fill(form)
    submitted = service.submit(form)
    assert service.reprint(submitted.reference, officer) == submitted
    with hall.db.reads() as session:
        assert session.scalar(select(ComplaintAccess.action)) == "reprint"


def test_the_sqlite_file_holds_no_plain_personal_data(tmp_path: Path, clock: FakeClock) -> None:
    settings = load_settings(site_config(tmp_path, f"sqlite:///{tmp_path / 'hall.sqlite3'}"))
    hall = open_hall(settings)
    try:
        service = ComplaintService(
            hall.db, settings, sealer_of(ensure_key(tmp_path / "k")), clock=clock
        )
        reference = submit(service)
        with hall.db.sessions.begin() as session:
            session.add(Staff(id=7, username="rina", name="Rina", role="officer", pin_hash="-"))
        service.add_note(reference, 7, "Nomor majikan baru: +886 955 000 111")
    finally:
        hall.close()
    with sqlite3.connect(tmp_path / "hall.sqlite3") as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = b"".join(path.read_bytes() for path in tmp_path.glob("hall.sqlite3*"))
    assert reference.encode() in raw
    for secret in (
        REPORTER_NIK,
        WORKER_NIK,
        PHONE_E164,
        "081234567890",
        "Aminah",
        "Lestari",
        "Kaohsiung",
        "paspornya",
        "Chen Family",
        "Sejahtera",
        "955 000 111",
        "X1234567",
    ):
        assert secret.encode() not in raw, secret


def test_a_reference_clash_draws_a_new_one_and_seals_for_it(
    service: ComplaintService, officer: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = submit(service)
    drawn = iter([first, first, "P-261123-ZZZZ"])
    monkeypatch.setattr("kiosk.records.new_reference", lambda *_: next(drawn))
    assert submit(service) == "P-261123-ZZZZ"
    assert service.open("P-261123-ZZZZ", officer, show=True).complaint.reporter_nik == REPORTER_NIK
