"""Personal data's end and the data subject: purge after retention, erasure now, the data held,
and the case file as PDF."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from central.db import Database
from central.models import AuditEntry, Complaint, ComplaintNote, ComplaintStatus
from central.pull import Cursor, changes_since
from central.retention import purge
from kiosk.sync.contract import ComplaintSubmittedEntry
from tests.helpers.central_sync import PERSONAL, CentreClock, DeviceKey, Outbox, batch_json
from tests.helpers.desk import add_officers, csrf_of, desk_client, post_form, sign_in
from tests.printing.slip_tools import font_rows, pdf_text

RETENTION = 730


@pytest.fixture
def complaints(
    central_client: TestClient, central_db: Database, device: DeviceKey
) -> list[ComplaintSubmittedEntry]:
    """Three complaints of the test hall, and the officers."""
    outbox = Outbox()
    made = [outbox.complaint(), outbox.complaint(), outbox.complaint()]
    pushed = central_client.post(
        "/api/v1/sync/push", json=batch_json(outbox.hall(), *made), headers=device.headers
    )
    assert pushed.status_code == 200, pushed.text
    add_officers(central_db, device.site_id)
    return made


@pytest.fixture
def desk(central_app: FastAPI) -> Iterator[TestClient]:
    with desk_client(central_app) as client:
        yield client


def _handle(desk: TestClient, token: str, *moves: str) -> None:
    csrf = csrf_of(desk.get(f"/desk/c/{token}"))
    post_form(desk, f"/desk/c/{token}/note", csrf, text="Dihubungi lewat telepon.")
    post_form(desk, f"/desk/c/{token}/note", csrf, text="Kasus ditangani.", public="yes")
    for move in moves:
        answer = post_form(desk, f"/desk/c/{token}/status", csrf, status=move, reason="selesai")
        assert answer.status_code == 303, answer.text


def _rows(db: Database) -> dict[str, dict[str, Any]]:
    with db.reads() as session:
        return {
            c.token: {
                column.name: getattr(c, column.name)
                for column in Complaint.__table__.c
                if column.name != "revision"
            }
            for c in session.scalars(select(Complaint))
        }


def test_purge_erases_personal_fields_after_retention_and_nothing_else(
    desk: TestClient,
    central_db: Database,
    centre_clock: CentreClock,
    complaints: list[ComplaintSubmittedEntry],
    device: DeviceKey,
) -> None:
    closed, resolved_later, still_open = (entry.token for entry in complaints)
    sign_in(desk, "handler")
    _handle(desk, closed, "closed")
    centre_clock.advance(timedelta(days=10).total_seconds())
    sign_in(desk, "handler")
    _handle(desk, resolved_later, "verified", "in_progress", "resolved")
    before = _rows(central_db)
    with central_db.reads() as session:
        cursor = Cursor(complaints=max(c.revision for c in session.scalars(select(Complaint))))
        statuses = session.scalars(select(ComplaintStatus.entry_id)).all()

    # The day before the closed one's retention ends: nothing.
    at = centre_clock.now - timedelta(days=10) + timedelta(days=RETENTION) - timedelta(minutes=1)
    assert purge(central_db, at, RETENTION).erased == 0
    assert _rows(central_db) == before
    done = purge(central_db, at + timedelta(minutes=2), RETENTION)
    assert done.erased == 1
    after = _rows(central_db)
    erased = after[closed]
    assert erased["personal_sealed"] == b""
    assert erased["reporter_masked"] == ""
    assert erased["erased_at"] == at + timedelta(minutes=2)
    kept = {
        k: v
        for k, v in erased.items()
        if k not in {"personal_sealed", "reporter_masked", "erased_at", "key_id"}
    }
    assert kept == {k: v for k, v in before[closed].items() if k in kept}
    assert after[resolved_later] == before[resolved_later]
    assert after[still_open] == before[still_open]
    with central_db.reads() as session:
        notes = {(n.token, n.public): n.text for n in session.scalars(select(ComplaintNote))}
        assert session.scalars(select(ComplaintStatus.entry_id)).all() == statuses
        rows = session.scalars(select(AuditEntry).where(AuditEntry.action == "erase")).all()
        # The hall pulls the erasure.
        pulled = changes_since(session, device.site_id, cursor)
    assert notes[(closed, False)] == ""
    assert notes[(closed, True)] == "Kasus ditangani."
    assert notes[(resolved_later, False)] == "Dihubungi lewat telepon."
    assert [(r.officer, r.token, r.detail) for r in rows] == [("(system)", closed, "retention")]
    assert [(u.token, u.erased) for u in pulled.complaints] == [(closed, True)]
    # Again: nothing more.
    assert purge(central_db, at + timedelta(days=1), RETENTION).erased == 0


def test_a_data_subjects_request_exports_what_is_held_then_erases_it_now(
    desk: TestClient, central_db: Database, complaints: list[ComplaintSubmittedEntry]
) -> None:
    token, reference = complaints[0].token, complaints[0].payload.reference
    sign_in(desk, "viewer")
    assert desk.get(f"/desk/c/{token}/held.json").status_code == 403
    sign_in(desk, "handler")
    found = desk.get(f"/desk/find?reference={reference.lower()}")
    assert found.headers["location"].startswith(f"/desk/c/{token}")
    held = desk.get(f"/desk/c/{token}/held.json")
    assert held.status_code == 200
    assert held.json()["personal"] == PERSONAL
    assert held.json()["reference"] == reference
    csrf = csrf_of(desk.get(f"/desk/c/{token}"))
    assert post_form(desk, f"/desk/c/{token}/erase", csrf).status_code == 403
    sign_in(desk, "admin")
    csrf = csrf_of(desk.get(f"/desk/c/{token}"))
    assert post_form(desk, f"/desk/c/{token}/erase", csrf).status_code == 303
    page = desk.get(f"/desk/c/{token}?lang=en")
    assert "Personal data erased on" in page.text
    assert desk.get(f"/desk/c/{token}/held.json").json()["personal"] == {}
    with central_db.reads() as session:
        actions = session.scalars(
            select(AuditEntry.action).where(AuditEntry.token == token).order_by(AuditEntry.id)
        ).all()
    assert "subject_export" in actions
    assert actions.count("erase") == 1


def test_the_case_file_pdf_has_personal_data_only_for_handlers(
    desk: TestClient,
    central_db: Database,
    complaints: list[ComplaintSubmittedEntry],
    tmp_path: Path,
) -> None:
    token, reference = complaints[0].token, complaints[0].payload.reference
    sign_in(desk, "handler")
    _handle(desk, token, "verified")
    sign_in(desk, "viewer")
    assert desk.get(f"/desk/c/{token}/case-file.pdf?personal=yes").status_code == 403
    masked = desk.get(f"/desk/c/{token}/case-file.pdf?lang=en")
    assert masked.headers["content-type"] == "application/pdf"
    text = pdf_text(masked.content, tmp_path)
    assert reference in text
    assert "Wages unpaid or underpaid" in text
    assert "Verified" in text
    assert PERSONAL["nik"] not in text
    assert PERSONAL["reporter_name"] not in text
    rows = font_rows(masked.content, tmp_path)
    assert rows
    assert all(" TrueType " in row and " yes yes " in row for row in rows), rows
    sign_in(desk, "handler")
    text = pdf_text(desk.get(f"/desk/c/{token}/case-file.pdf?personal=yes").content, tmp_path)
    assert PERSONAL["nik"] in text
    assert PERSONAL["reporter_name"] in text
    with central_db.reads() as session:
        exports = session.scalars(
            select(AuditEntry.detail).where(AuditEntry.action == "export").order_by(AuditEntry.id)
        ).all()
    assert exports == ["masked", "personal"]
