"""The complaints' outbox entries: submitted, notes, status moves; sealed at rest, never logged."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from sqlalchemy import select

from kiosk.complaints.categories import Status
from kiosk.complaints.consent import consent_proof
from kiosk.complaints.entries import EntryError, submitted_entry
from kiosk.complaints.store import ComplaintService
from kiosk.complaints.views import SubmittedComplaint
from kiosk.demo.complaints import CHRONOLOGY, PHONE_E164, REPORTER_NIK, WORKER_NIK
from kiosk.errors import InvalidInput
from kiosk.hall import Hall
from kiosk.hall_key import key_path, sealer_of
from kiosk.infra.sealed import KeyFileError, ensure_key
from kiosk.models import Complaint, OutboxEntry, Staff
from kiosk.sync import outbox
from kiosk.sync.contract import ComplaintNoteEntry, ComplaintSubmittedEntry
from tests.helpers.clock import FakeClock
from tests.helpers.complaints import fill, new_form
from tests.helpers.outbox import PowerCutError, cut_power, rows, told_of, written
from tests.helpers.queue_site import queue_hall

TOKEN = "K5Q2M7XW3ZB4HJ7C6RT2VN5PDA"


@pytest.fixture
def hall(tmp_path: Path, database_url: str, clock: FakeClock) -> Iterator[Hall]:
    with queue_hall(tmp_path, database_url, clock) as opened:
        written(opened)  # the hall's own entry
        yield opened


@pytest.fixture
def complaints(hall: Hall, clock: FakeClock) -> ComplaintService:
    """Complaints sealed with the hall's key, which the outbox opens by default."""
    return ComplaintService(hall.db, hall.settings, sealer_of(ensure_key(key_path())), clock)


@pytest.fixture
def officer(hall: Hall) -> int:
    with hall.db.sessions.begin() as session:
        staff = Staff(username="rina", name="Rina", role="officer", pin_hash="-")
        session.add(staff)
        session.flush()
        return staff.id


def submit(complaints: ComplaintService, **changes: object) -> SubmittedComplaint:
    form = new_form()
    fill(form, changes)
    return complaints.submit(form)


def note(note_id: UUID, text: str) -> dict[str, Any]:
    return {"note_id": str(note_id), "text": text, "public": False}


def test_a_complaint_submitted_records_what_the_officers_need(
    hall: Hall, complaints: ComplaintService, clock: FakeClock
) -> None:
    form = new_form()
    fill(form)
    draft = form.draft()
    submitted = complaints.submit(form)

    [entry] = written(hall)
    assert (entry.kind, entry.token, entry.occurred_at) == (
        "complaint.submitted",
        submitted.public_token,
        clock(),
    )
    payload = entry.payload.model_dump(mode="json")
    personal = payload.pop("personal")
    assert payload == {
        "reference": submitted.reference,
        "day": "2026-11-23",
        "urgent": False,
        "categories": ["unpaid_wages", "documents_held"],
        "destination_country": "TW",
        "reporter_masked": "Siti A••••• R•••••",
    }
    assert submitted.reporter_name_masked == payload["reporter_masked"]  # as the receipt shows
    assert personal == {
        "reporter_name": "Siti Aminah Rahayu",
        "reporter_nik": REPORTER_NIK,
        "reporter_region": "Kab. Malang, Jawa Timur",
        "relation": "mother",
        "worker_name": "Dewi Lestari Wulandari",
        "worker_nik": WORKER_NIK,
        "worker_passport": draft.worker_passport,
        "worker_gender": "female",
        "destination_city": "Kaohsiung",
        "employer": "Chen Family",
        "placement_company": "PT Sejahtera Abadi",
        "departure_year": "2023",
        "job": "caregiver",
        "official_channel": "yes",
        "chronology": CHRONOLOGY,
        "request": "Gaji dibayar dan paspor dikembalikan.",
        "reporter_phone": PHONE_E164,
        "consent_language": "id",
        "consent_proof": consent_proof("id"),
    }


def test_an_answer_left_empty_is_left_out(hall: Hall, complaints: ComplaintService) -> None:
    submit(complaints, worker_nik="", employer="", departure_year="")
    [entry] = written(hall)
    assert isinstance(entry, ComplaintSubmittedEntry)
    assert {"worker_nik", "employer", "departure_year"}.isdisjoint(entry.payload.personal)


def test_notes_and_status_moves_record_their_entries(
    hall: Hall, complaints: ComplaintService, officer: int, clock: FakeClock
) -> None:
    submitted = submit(complaints)
    written(hall)
    token = submitted.public_token

    complaints.add_note(submitted.reference, officer, "Menelepon P3MI, belum ada jawaban.")
    complaints.move_status(submitted.reference, Status.VERIFIED, officer)
    clock.advance(minutes=5)
    complaints.move_status(submitted.reference, "in_progress", officer, note="Diteruskan ke BP3MI.")

    entries = written(hall)
    notes = [e.payload.note_id for e in entries if isinstance(e, ComplaintNoteEntry)]
    assert len(set(notes)) == 2
    assert [told_of(e) for e in entries] == [
        ("complaint.note", token, note(notes[0], "Menelepon P3MI, belum ada jawaban.")),
        ("complaint.status", token, {"status": "verified", "reason": ""}),
        ("complaint.status", token, {"status": "in_progress", "reason": ""}),
        ("complaint.note", token, note(notes[1], "Diteruskan ke BP3MI.")),
    ]
    assert entries[-1].occurred_at == clock()


def test_opening_and_reprinting_a_complaint_record_nothing(
    hall: Hall, complaints: ComplaintService, officer: int
) -> None:
    submitted = submit(complaints)
    written(hall)
    complaints.open(submitted.reference, officer)
    complaints.reprint(submitted.reference, officer)
    assert written(hall) == []


def test_a_refused_complaint_use_case_records_nothing(
    hall: Hall, complaints: ComplaintService, officer: int
) -> None:
    submitted = submit(complaints)
    written(hall)
    before = rows(hall)

    refusals: list[Callable[[], object]] = [
        lambda: complaints.submit(new_form()),  # nothing typed
        lambda: complaints.move_status(submitted.reference, Status.RESOLVED, officer),
        lambda: complaints.move_status(submitted.reference, "reopened", officer),
        lambda: complaints.add_note(submitted.reference, officer, "   "),
        lambda: complaints.add_note("P-261123-ZZZZ", officer, "Sudah ditelepon."),
        lambda: complaints.add_note(submitted.reference, 999, "Sudah ditelepon."),
    ]
    for refuse in refusals:
        with pytest.raises(InvalidInput):
            refuse()

    assert rows(hall) == before
    assert written(hall) == []


def test_a_transaction_cut_short_keeps_neither_complaint_nor_entry(
    hall: Hall, complaints: ComplaintService, officer: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    submitted = submit(complaints)
    written(hall)
    before = rows(hall)
    cut_power(monkeypatch)

    use_cases: list[Callable[[], object]] = [
        lambda: submit(complaints),
        lambda: complaints.add_note(submitted.reference, officer, "Sudah ditelepon."),
        lambda: complaints.move_status(submitted.reference, Status.VERIFIED, officer),
        lambda: complaints.move_status(submitted.reference, Status.CLOSED, officer, note="Ganda"),
    ]
    for use_case in use_cases:
        with pytest.raises(PowerCutError):
            use_case()

    assert rows(hall) == before
    with hall.db.reads() as session:
        assert session.scalar(select(Complaint.status)) == "received"
    monkeypatch.undo()
    assert written(hall) == []


def test_what_a_person_typed_is_sealed_at_rest_in_the_outbox(
    hall: Hall, complaints: ComplaintService, officer: int
) -> None:
    submitted = submit(complaints)
    complaints.add_note(submitted.reference, officer, "Nomor majikan baru: +886 955 000 111")
    complaints.move_status(submitted.reference, Status.VERIFIED, officer)

    with hall.db.reads() as session:
        stored = {row.kind: row.payload for row in session.scalars(select(OutboxEntry))}
    assert stored["complaint.submitted"].startswith(outbox.SEALED)
    assert stored["complaint.note"].startswith(outbox.SEALED)
    assert stored["complaint.status"] == '{"status":"verified","reason":""}'
    for typed in ("Aminah", REPORTER_NIK, PHONE_E164, "Kaohsiung", "955 000 111"):
        assert all(typed not in payload for payload in stored.values()), typed

    with hall.db.reads() as session, pytest.raises(KeyFileError):
        outbox.pending(session, 10, cipher=sealer_of(b"\x07" * 32))  # another hall's key
    kinds = [entry.kind for entry in written(hall)]  # the hall's own key opens them
    assert kinds == ["complaint.submitted", "complaint.note", "complaint.status"]


def test_personal_answers_never_reach_the_log(
    hall: Hall,
    complaints: ComplaintService,
    officer: int,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    submitted = submit(complaints, chronology="Paspor ditahan majikan di Taichung sejak Maret.")
    complaints.add_note(submitted.reference, officer, "Catatan petugas")
    complaints.move_status(submitted.reference, Status.VERIFIED, officer, note="Terverifikasi")
    entries = written(hall)
    assert any(isinstance(e, ComplaintSubmittedEntry) for e in entries)

    logged = caplog.text + " ".join(repr(record.args) for record in caplog.records)
    for personal in (
        "Siti Aminah",
        "Dewi Lestari",
        REPORTER_NIK,
        WORKER_NIK,
        PHONE_E164,
        "Taichung",
        "Kaohsiung",
        "Chen Family",
    ):
        assert personal not in logged


def test_an_entry_that_does_not_fit_is_refused_by_field_name_only() -> None:
    form = new_form()
    fill(form)
    draft = dataclasses.replace(form.draft(), chronology="Rahasia. " * 600)
    row = Complaint(
        reference="P-261123-7K3M",
        public_token=TOKEN,
        day=date(2026, 11, 23),
        urgent=False,
        destination_country="TW",
        consent_proof=consent_proof("id"),
    )

    with pytest.raises(EntryError) as refused:
        submitted_entry(row, draft, datetime(2026, 11, 23, 2, 0, tzinfo=UTC))

    assert "personal.chronology" in str(refused.value)
    assert "Rahasia" not in str(refused.value)
    assert refused.value.__cause__ is None
    assert refused.value.__suppress_context__
