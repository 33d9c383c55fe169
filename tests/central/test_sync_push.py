"""Pushing a hall's outbox: applied to the device's site, in order, once, refusals per entry."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from central.db import Database
from central.models import (
    AppliedEntry,
    Complaint,
    ComplaintNote,
    ComplaintStatus,
    Device,
    Site,
    Ticket,
    TicketEvent,
)
from central.sealing import personal_place
from central.settings import KeysSection, Settings
from kiosk.infra.sealed import Sealer
from kiosk.sync.contract import Entry
from tests.helpers.central_sync import (
    CENTRE_NOW,
    PERSONAL,
    CentreClock,
    DeviceKey,
    Outbox,
    batch_json,
    central_state,
    make_device,
)

PUSH = "/api/v1/sync/push"


def push(client: TestClient, device: DeviceKey, *entries: Entry) -> dict[str, Any]:
    """Push ``entries`` as ``device``; the answer, which must be 200."""
    response = client.post(PUSH, json=batch_json(*entries), headers=device.headers)
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def ids(*entries: Entry) -> list[str]:
    return [str(entry.id) for entry in entries]


def refused(answer: dict[str, Any]) -> dict[str, str]:
    return {refusal["id"]: refusal["reason"] for refusal in answer["refused"]}


def ticket(db: Database, token: str, site_id: str | None = None) -> Ticket:
    with db.reads() as session:
        query = select(Ticket).where(Ticket.token == token)
        if site_id is not None:
            query = query.where(Ticket.site_id == site_id)
        return session.scalars(query).one()


def count(db: Database, model: type[Any]) -> int:
    with db.reads() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_a_push_applies_a_halls_records_and_answers_their_ids(
    central_client: TestClient, central_db: Database, device: DeviceKey, sealer: Sealer
) -> None:
    box = Outbox()
    hall = box.hall()
    issued = box.issue("jobs")
    called = box.event(issued.token, "called", counter=2, service="jobs")
    started = box.event(issued.token, "started", counter=2, service="jobs")
    complaint = box.complaint()
    note = box.note(complaint.token, "Berkas sudah diterima.", public=True)
    status = box.status(complaint.token, "verified")
    entries = (hall, issued, called, started, complaint, note, status)

    answer = push(central_client, device, *entries)

    assert answer == {"accepted": ids(*entries), "refused": []}
    with central_db.reads() as session:
        site = session.get_one(Site, device.site_id)
        assert (site.name, site.timezone, site.hotline) == (
            "MPP Kabupaten Probolinggo",
            "Asia/Jakarta",
            "0800-1000",
        )
        assert json.loads(site.state or "{}") == hall.payload.model_dump(mode="json")
        assert site.last_sync_at == CENTRE_NOW
        assert session.get_one(Device, device.id).last_seen_at == CENTRE_NOW
        row = session.get_one(Ticket, (device.site_id, issued.token))
        assert (row.state, row.counter_number, row.number, row.service_code) == (
            "serving",
            2,
            "A-001",
            "jobs",
        )
        assert row.issued_at == row.queued_at == issued.occurred_at
        assert row.called_at == called.occurred_at
        events = session.scalars(select(TicketEvent.event).order_by(TicketEvent.at)).all()
        assert events == ["issued", "called", "started"]
        kept = session.get_one(Complaint, (device.site_id, complaint.token))
        assert (kept.status, kept.status_changed_at) == ("verified", status.occurred_at)
        assert kept.categories == "unpaid_wages"
        assert kept.key_id == sealer.key_id
        assert PERSONAL["nik"].encode() not in kept.personal_sealed
        place = personal_place(device.site_id, complaint.token)
        assert sealer.open_personal(kept.personal_sealed, place) == PERSONAL
        timeline = session.execute(
            select(ComplaintStatus.status, ComplaintStatus.at).order_by(ComplaintStatus.at)
        ).all()
        assert timeline == [("received", complaint.occurred_at), ("verified", status.occurred_at)]
        [kept_note] = session.scalars(select(ComplaintNote)).all()
        assert (kept_note.text, kept_note.public, kept_note.origin) == (
            "Berkas sudah diterima.",
            True,
            "hall",
        )
    assert count(central_db, AppliedEntry) == len(entries)


def test_a_replayed_batch_is_accepted_again_and_changes_nothing(
    central_client: TestClient,
    central_db: Database,
    device: DeviceKey,
    sealer: Sealer,
    centre_clock: CentreClock,
) -> None:
    box = Outbox()
    issued = box.issue()
    complaint = box.complaint()
    entries = (
        box.hall(),
        issued,
        box.event(issued.token, "called", counter=1),
        complaint,
        box.note(complaint.token, "Dicek.", public=False),
    )
    first = push(central_client, device, *entries)
    before = central_state(central_db, sealer)

    centre_clock.advance(60)
    again = push(central_client, device, *entries, *entries)  # twice in one batch, too

    assert again == first
    assert central_state(central_db, sealer) == before
    with central_db.reads() as session:  # a push of replays still tells the hall is alive
        assert session.get_one(Site, device.site_id).last_sync_at == centre_clock.now


def test_entries_of_a_record_apply_in_time_order_whatever_their_place_in_the_batch(
    central_client: TestClient, central_db: Database, device: DeviceKey
) -> None:
    box = Outbox()
    issued = box.issue()
    moves = [
        box.event(issued.token, "called", counter=1),
        box.event(issued.token, "recalled", counter=1),
        box.event(issued.token, "started", counter=1),
        box.event(issued.token, "finished", counter=1),
    ]

    answer = push(central_client, device, *reversed(moves), issued)

    assert answer["refused"] == []
    row = ticket(central_db, issued.token)
    assert (row.state, row.finished_at) == ("done", moves[-1].occurred_at)


def test_an_unknown_ticket_or_an_impossible_move_is_refused_and_the_rest_applies(
    central_client: TestClient, central_db: Database, device: DeviceKey
) -> None:
    box = Outbox()
    issued, stray = box.issue(), box.issue()
    early_finish = box.event(issued.token, "finished", counter=1)
    of_stray = box.event(stray.token, "called", counter=1)
    transfer_nowhere = box.event(issued.token, "transferred", counter=1)
    cancel = box.event(issued.token, "cancelled")

    answer = push(central_client, device, issued, early_finish, of_stray, transfer_nowhere, cancel)

    assert answer["accepted"] == ids(issued, cancel)
    assert refused(answer) == {
        str(early_finish.id): "impossible move: finished from waiting",
        str(of_stray.id): "unknown ticket: its issue has not reached the centre",
        str(transfer_nowhere.id): "a transfer names the service it sends the ticket to",
    }
    assert ticket(central_db, issued.token).state == "cancelled"
    assert count(central_db, AppliedEntry) == 2
    # What was refused is not kept: sent again once it can apply, it applies.
    answer = push(central_client, device, stray, of_stray)
    assert (answer["accepted"], answer["refused"]) == (ids(stray, of_stray), [])
    assert ticket(central_db, stray.token).state == "called"


def test_an_event_that_arrives_late_slots_into_its_place(
    central_client: TestClient, central_db: Database, device: DeviceKey
) -> None:
    box = Outbox()
    issued = box.issue("jobs")
    first_call = box.event(issued.token, "called", counter=1, service="jobs")
    transfer = box.event(issued.token, "transferred", counter=1, service="placement")
    rest = [
        box.event(issued.token, "called", counter=3, service="placement"),
        box.event(issued.token, "started", counter=3, service="placement"),
    ]

    # The second call fits the history the centre knows; the first and the transfer,
    # pushed by another device later, still slot in before it.
    assert push(central_client, device, issued, *rest)["refused"] == []
    assert push(central_client, device, transfer, first_call)["refused"] == []

    row = ticket(central_db, issued.token)
    assert (row.state, row.service_code, row.counter_number) == ("serving", "placement", 3)
    assert row.queued_at == issued.occurred_at
    with central_db.reads() as session:
        assert session.scalars(select(TicketEvent.event).order_by(TicketEvent.at)).all() == [
            "issued",
            "called",
            "transferred",
            "called",
            "started",
        ]


def test_a_hall_entry_that_arrives_after_a_newer_one_does_not_undo_it(
    central_client: TestClient, central_db: Database, device: DeviceKey
) -> None:
    box = Outbox()
    older, newer = box.hall(name="MPP Lama"), box.hall(name="MPP Baru", hotline="0800-2000")

    push(central_client, device, newer)
    push(central_client, device, older)

    with central_db.reads() as session:
        site = session.get_one(Site, device.site_id)
        assert (site.name, site.hotline) == ("MPP Baru", "0800-2000")


def test_notes_and_statuses_of_an_unknown_complaint_are_refused(
    central_client: TestClient, central_db: Database, device: DeviceKey
) -> None:
    box = Outbox()
    complaint = box.complaint()
    note, status = box.note(complaint.token, "x"), box.status(complaint.token, "verified")

    answer = push(central_client, device, note, status)

    assert answer["accepted"] == []
    assert set(refused(answer).values()) == {
        "unknown complaint: its submission has not reached the centre"
    }
    assert count(central_db, ComplaintNote) == count(central_db, ComplaintStatus) == 0


def test_a_device_writes_only_its_own_site(
    central_client: TestClient, central_db: Database, device: DeviceKey
) -> None:
    box = Outbox()
    issued = box.issue()
    push(central_client, device, box.hall(), issued)
    other = make_device(central_db, "mpp-kota-malang", "kiosk-malang")

    # A token of the first site names no ticket of the other: refused, nothing touched.
    foreign = box.event(issued.token, "called", counter=1)
    answer = push(central_client, other, foreign, box.hall(name="Bukan Probolinggo"))
    assert list(refused(answer)) == [str(foreign.id)]
    assert ticket(central_db, issued.token, device.site_id).state == "waiting"
    # The same entry ids are the other site's own: applied there, not replays.
    answer = push(central_client, other, issued, foreign)
    assert answer == {"accepted": ids(issued, foreign), "refused": []}
    assert ticket(central_db, issued.token, other.site_id).state == "called"
    assert ticket(central_db, issued.token, device.site_id).state == "waiting"
    with central_db.reads() as session:
        assert session.get_one(Site, device.site_id).name == "MPP Kabupaten Probolinggo"
        assert session.get_one(Site, other.site_id).name == "Bukan Probolinggo"


HOSTILE = [
    "'; DROP TABLE complaints; --",
    "<script>alert('x')</script>",
    "Robert'); DELETE FROM tickets WHERE ('1'='1",
    '"><img src=x onerror=alert(1)>',
    "{{ 7*7 }} ${7*7} %(name)s",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_sql_and_html_in_every_text_are_stored_verbatim(
    central_client: TestClient, central_db: Database, device: DeviceKey, sealer: Sealer, text: str
) -> None:
    box = Outbox()
    issued = box.issue()
    complaint = box.complaint(
        reporter_masked=text, personal={"chronology": text, "reporter_name": text}
    )
    entries = (
        box.hall(name=text, hotline=text),
        issued,
        complaint,
        box.note(complaint.token, text),
        box.status(complaint.token, "closed", reason=text),
    )

    assert push(central_client, device, *entries)["refused"] == []

    with central_db.reads() as session:
        site = session.get_one(Site, device.site_id)
        assert (site.name, site.hotline) == (text, text)
        kept = session.get_one(Complaint, (device.site_id, complaint.token))
        assert kept.reporter_masked == text
        place = personal_place(device.site_id, complaint.token)
        assert sealer.open_personal(kept.personal_sealed, place)["chronology"] == text
        assert session.scalars(select(ComplaintNote.text)).one() == text
        reasons = session.scalars(select(ComplaintStatus.reason).order_by(ComplaintStatus.at))
        assert reasons.all() == ["", text]
    assert count(central_db, Ticket) == 1


def test_without_the_complaints_key_complaints_wait_and_tickets_apply(
    central_db: Database, device: DeviceKey, tmp_path: Any, central_app: FastAPI
) -> None:
    settings = Settings(keys=KeysSection(complaints_key=str(tmp_path / "nowhere" / "key")))
    central_app.state.settings = settings
    box = Outbox()
    issued, complaint = box.issue(), box.complaint()

    with TestClient(central_app) as client:
        answer = push(client, device, issued, complaint)

    assert answer["accepted"] == ids(issued)
    assert refused(answer) == {
        str(complaint.id): "the centre cannot seal personal answers now (no key)"
    }
    assert count(central_db, Complaint) == 0


def test_devices_of_one_hall_pushing_the_same_outbox_at_once_apply_it_once(
    central_client: TestClient, central_db: Database, device: DeviceKey, sealer: Sealer
) -> None:
    box = Outbox()
    entries: list[Entry] = [box.hall()]
    for _ in range(20):
        issued = box.issue()
        entries += [issued, box.event(issued.token, "called", counter=1)]
    complaint = box.complaint()
    entries += [complaint, box.status(complaint.token, "verified")]
    devices = [device] + [make_device(central_db, device.site_id, f"staff-{n}") for n in range(5)]

    def push_all(pusher: DeviceKey) -> list[int]:
        return [
            central_client.post(
                PUSH, json=batch_json(*entries[start:]), headers=pusher.headers
            ).status_code
            for start in (0, len(entries) // 2, 0)
        ]

    with ThreadPoolExecutor(max_workers=len(devices)) as pool:
        statuses = list(pool.map(push_all, devices))

    assert statuses == [[200, 200, 200]] * len(devices)
    assert count(central_db, AppliedEntry) == len(entries)
    assert count(central_db, TicketEvent) == 40
    with central_db.reads() as session:
        assert set(session.scalars(select(Ticket.state))) == {"called"}
        assert session.scalars(select(Complaint.status)).one() == "verified"
