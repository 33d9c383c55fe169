"""Pulling what the centre changed: the site's complaints and every hall's feeds, by cursor."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from central import pull as pull_module
from central.db import Database
from central.feed import import_feed
from central.models import Complaint, ComplaintNote, ComplaintStatus
from central.revisions import next_revision
from kiosk.sync.contract import PullResult
from tests.helpers import feeds
from tests.helpers.central_sync import CENTRE_NOW, DeviceKey, Outbox, batch_json, make_device

PULL = "/api/v1/sync/pull"


def pull(client: TestClient, device: DeviceKey, cursor: str | None = None) -> PullResult:
    params = {"cursor": cursor} if cursor is not None else {}
    response = client.get(PULL, params=params, headers=device.headers)
    assert response.status_code == 200, response.text
    assert response.headers["ETag"] == f'"{response.json()["cursor"]}"'
    return PullResult.model_validate_json(response.content)


def push(client: TestClient, device: DeviceKey, *entries: Any) -> None:
    response = client.post("/api/v1/sync/push", json=batch_json(*entries), headers=device.headers)
    assert response.status_code == 200, response.text
    assert response.json()["refused"] == []


def desk_moves(db: Database, site_id: str, token: str, status: str, note: str) -> None:
    """What the complaint desk does: a status with a public note, under a fresh revision."""
    at = CENTRE_NOW + timedelta(minutes=5)
    with db.sessions.begin() as session:
        session.add(
            ComplaintStatus(
                site_id=site_id, entry_id=str(uuid.uuid4()), token=token, status=status, at=at
            )
        )
        session.add(
            ComplaintNote(
                site_id=site_id,
                note_id=str(uuid.uuid4()),
                token=token,
                at=at,
                text=note,
                public=True,
                origin="desk",
            )
        )
        session.execute(
            update(Complaint)
            .where(Complaint.site_id == site_id, Complaint.token == token)
            .values(status=status, status_changed_at=at, revision=next_revision(session))
        )


def test_a_first_pull_gives_the_sites_complaints_and_every_feed(
    central_client: TestClient, central_db: Database, device: DeviceKey
) -> None:
    import_feed(
        central_db,
        feeds.feed(
            [feeds.posting("P-1"), feeds.posting("P-2")],
            rates=[{"currency": "TWD", "idr": "512.40", "as_of": "2026-11-20"}],
        ),
    )
    box = Outbox()
    complaint = box.complaint()
    public = box.note(complaint.token, "Kasus sudah diteruskan ke KDEI Taipei.", public=True)
    push(
        central_client,
        device,
        complaint,
        public,
        box.note(complaint.token, "Nomor HP pelapor tidak aktif.", public=False),
        box.status(complaint.token, "verified"),
    )
    other = make_device(central_db, "mpp-kota-malang")
    push(central_client, other, Outbox().complaint())

    pulled = pull(central_client, device)

    [update_] = pulled.complaints
    assert (update_.token, update_.status.value, update_.changed_at) == (
        complaint.token,
        "verified",
        box.moment,
    )
    assert update_.public_notes == [public.payload]
    assert sorted(p.record.id for p in pulled.postings) == ["P-1", "P-2"]
    assert [p.licence_number for p in pulled.p3mi] == [feeds.LICENCE]
    assert [r.currency for r in pulled.rates] == ["TWD"]
    assert len({p.token for p in pulled.postings}) == 2


def test_a_pull_from_its_cursor_gives_only_what_changed_and_304_while_nothing_did(
    central_client: TestClient, central_db: Database, device: DeviceKey
) -> None:
    import_feed(central_db, feeds.feed([feeds.posting("P-1")]))
    box = Outbox()
    complaint = box.complaint()
    push(central_client, device, complaint)
    first = pull(central_client, device)
    assert (len(first.complaints), len(first.postings)) == (1, 1)

    again = pull(central_client, device, first.cursor)
    assert again.cursor == first.cursor
    assert (again.complaints, again.postings, again.p3mi, again.rates) == ([], [], [], [])
    response = central_client.get(
        PULL,
        params={"cursor": first.cursor},
        headers={**device.headers, "If-None-Match": f'"{first.cursor}"'},
    )
    assert (response.status_code, response.content) == (304, b"")
    assert response.headers["ETag"] == f'"{first.cursor}"'

    desk_moves(central_db, device.site_id, complaint.token, "verified", "Sudah diverifikasi.")
    import_feed(central_db, feeds.feed([feeds.posting("P-1", quota=9)]))
    response = central_client.get(
        PULL,
        params={"cursor": first.cursor},
        headers={**device.headers, "If-None-Match": f'"{first.cursor}"'},
    )
    assert response.status_code == 200
    changed = PullResult.model_validate_json(response.content)
    [update_] = changed.complaints
    assert update_.status.value == "verified"
    assert [note.text for note in update_.public_notes] == ["Sudah diverifikasi."]
    assert [(p.token, p.record.quota) for p in changed.postings] == [(first.postings[0].token, 9)]
    assert changed.cursor != first.cursor


def test_a_large_change_comes_in_pages(
    central_client: TestClient,
    central_db: Database,
    device: DeviceKey,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pull_module, "PULL_LIMIT", 2)
    import_feed(central_db, feeds.feed([feeds.posting(f"P-{n}") for n in range(5)]))
    seen: list[str] = []
    cursor = ""
    for _ in range(4):
        page = pull(central_client, device, cursor)
        assert len(page.postings) <= 2
        seen += [p.record.id for p in page.postings]
        cursor = page.cursor
    assert sorted(seen) == [f"P-{n}" for n in range(5)]


@pytest.mark.parametrize(
    "cursor", ["garbage", "c1.p2.m3", "c-1.p0.m0.r0", "c1.p1.m1.r1.x", "c" + "9" * 30 + ".p0.m0.r0"]
)
def test_a_malformed_cursor_is_400(
    central_client: TestClient, device: DeviceKey, cursor: str
) -> None:
    response = central_client.get(PULL, params={"cursor": cursor}, headers=device.headers)
    assert response.status_code == 400
    assert "cursor" in response.json()["message"]


def test_a_pull_needs_a_live_device_token(central_client: TestClient, device: DeviceKey) -> None:
    response = central_client.get(PULL, headers={"Authorization": "Bearer WRONG"})
    assert response.status_code == 401
    assert response.json()["error"] == "unauthorized"
