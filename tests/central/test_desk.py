"""The complaint desk through its pages (TestClient over HTTPS): each step and each attack."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from central.db import Database
from central.models import AuditEntry, Complaint, ComplaintNote
from kiosk.sync.contract import ComplaintSubmittedEntry
from tests.helpers.central_sync import (
    PERSONAL,
    CentreClock,
    DeviceKey,
    Outbox,
    batch_json,
    make_device,
)
from tests.helpers.desk import PASSWORD, add_officers, csrf_of, desk_client, post_form, sign_in

OTHER_SITE = "mpp-kota-blitar"


@pytest.fixture
def halls(
    central_client: TestClient, central_db: Database, device: DeviceKey
) -> dict[str, ComplaintSubmittedEntry]:
    """Three complaints pushed by two halls (one urgent), and the officers."""
    outbox = Outbox()
    plain = outbox.complaint()
    urgent = outbox.complaint(urgent=True, categories=["violence"])
    pushed = central_client.post(
        "/api/v1/sync/push", json=batch_json(outbox.hall(), plain, urgent), headers=device.headers
    )
    assert pushed.status_code == 200, pushed.text
    other = make_device(central_db, OTHER_SITE)
    elsewhere = Outbox().complaint(categories=["fraud"])
    pushed = central_client.post(
        "/api/v1/sync/push", json=batch_json(elsewhere), headers=other.headers
    )
    assert pushed.status_code == 200, pushed.text
    add_officers(central_db, device.site_id)
    return {"plain": plain, "urgent": urgent, "elsewhere": elsewhere}


@pytest.fixture
def desk(central_app: FastAPI) -> Iterator[TestClient]:
    with desk_client(central_app) as client:
        yield client


def _audit(db: Database) -> list[tuple[str, str, str | None]]:
    with db.reads() as session:
        return [
            (row.officer, row.action, row.reference)
            for row in session.scalars(select(AuditEntry).order_by(AuditEntry.id))
            if row.action not in ("officer",)
        ]


def test_a_handler_signs_in_filters_opens_reveals_notes_moves_and_signs_out(
    desk: TestClient, central_db: Database, halls: dict[str, ComplaintSubmittedEntry]
) -> None:
    signed = sign_in(desk, "handler")
    assert signed.status_code == 303
    cookie = signed.headers["set-cookie"]
    assert "mpp_desk=" in cookie
    for flag in ("Secure", "HttpOnly", "SameSite=strict", "Max-Age=36000", "Path=/desk"):
        assert flag in cookie
    inbox = desk.get("/desk/inbox?lang=en")
    assert inbox.headers["cache-control"] == "no-store"
    references = [entry.payload.reference for entry in halls.values()]
    # The urgent one on top, highlighted; every hall's for an officer of every hall.
    order = sorted(references, key=inbox.text.index)
    assert order[0] == halls["urgent"].payload.reference
    assert 'class="case urgent"' in inbox.text
    filtered = desk.get(f"/desk/inbox?lang=en&site={OTHER_SITE}")
    assert halls["elsewhere"].payload.reference in filtered.text
    assert halls["plain"].payload.reference not in filtered.text
    by_category = desk.get("/desk/inbox?lang=en&category=violence&urgent=yes&status=received")
    assert halls["urgent"].payload.reference in by_category.text
    assert halls["plain"].payload.reference not in by_category.text
    assert "1 complaint(s)" in desk.get("/desk/inbox?lang=en&urgent=no&category=fraud").text
    assert "No complaint matches." in desk.get("/desk/inbox?lang=en&older=3").text

    token = halls["plain"].token
    case = desk.get(f"/desk/c/{token}?lang=en")
    assert case.status_code == 200
    assert PERSONAL["nik"] not in case.text
    assert PERSONAL["reporter_name"] not in case.text
    assert "Show personal data" in case.text
    csrf = csrf_of(case)
    shown = post_form(desk, f"/desk/c/{token}/reveal", csrf)
    assert shown.status_code == 200
    assert PERSONAL["nik"] in shown.text
    assert PERSONAL["reporter_name"] in shown.text
    assert shown.headers["cache-control"] == "no-store"
    noted = post_form(
        desk, f"/desk/c/{token}/note", csrf, text="Keluarga sudah dihubungi.", public="yes"
    )
    assert noted.status_code == 303
    post_form(desk, f"/desk/c/{token}/note", csrf, text="Telepon majikan besok.")
    moved = post_form(desk, f"/desk/c/{token}/status", csrf, status="verified", reason="KTP cocok")
    assert moved.status_code == 303
    assert (
        post_form(
            desk, f"/desk/c/{token}/lapor", csrf, number="2611-ABC/77", lapor_status="forwarded"
        ).status_code
        == 303
    )
    case = desk.get(f"/desk/c/{token}?lang=en")
    assert 'id="status">Verified<' in case.text
    assert "2611-ABC/77" in case.text
    assert "Telepon majikan besok." in case.text

    # The family's page shows the public note and the status at once, not the internal one.
    public = desk.get(f"/r/{token}?lang=en")
    assert "Keluarga sudah dihubungi." in public.text
    assert "Telepon majikan besok." not in public.text
    assert "Verified" in public.text

    out = post_form(desk, "/desk/sign-out", csrf)
    assert out.status_code == 303
    assert 'name="password"' in desk.get("/desk/inbox?lang=en").text
    reference = halls["plain"].payload.reference
    assert _audit(central_db) == [
        ("handler", "sign_in", None),
        ("handler", "open", reference),
        ("handler", "reveal", reference),
        ("handler", "note", reference),
        ("handler", "note", reference),
        ("handler", "status", reference),
        ("handler", "lapor", reference),
        ("handler", "open", reference),
        ("handler", "sign_out", None),
    ]


def test_a_viewer_reads_but_cannot_reveal_or_change(
    desk: TestClient, central_db: Database, halls: dict[str, ComplaintSubmittedEntry]
) -> None:
    sign_in(desk, "viewer")
    token = halls["plain"].token
    case = desk.get(f"/desk/c/{token}?lang=en")
    assert case.status_code == 200
    assert "Show personal data" not in case.text
    assert 'action="/desk/c/' + token + '/note"' not in case.text
    csrf = csrf_of(case)
    # The forms are not shown; posting them anyway is refused.
    assert post_form(desk, f"/desk/c/{token}/reveal", csrf).status_code == 403
    assert post_form(desk, f"/desk/c/{token}/note", csrf, text="x", public="yes").status_code == 403
    assert post_form(desk, f"/desk/c/{token}/status", csrf, status="verified").status_code == 403
    assert (
        post_form(desk, f"/desk/c/{token}/lapor", csrf, number="1", lapor_status="done").status_code
        == 403
    )
    with central_db.reads() as session:
        complaint = session.scalars(select(Complaint).where(Complaint.token == token)).one()
        assert (complaint.status, complaint.lapor_number) == ("received", None)
        assert session.scalars(select(ComplaintNote)).all() == []
    assert "reveal" not in [action for _, action, _ in _audit(central_db)]


def test_a_site_bound_officer_cannot_reach_another_hall(
    desk: TestClient, central_db: Database, halls: dict[str, ComplaintSubmittedEntry]
) -> None:
    sign_in(desk, "local")
    inbox = desk.get("/desk/inbox?lang=en")
    csrf = csrf_of(inbox)
    elsewhere = halls["elsewhere"]
    assert elsewhere.payload.reference not in inbox.text
    assert OTHER_SITE not in inbox.text
    assert elsewhere.payload.reference not in desk.get(f"/desk/inbox?site={OTHER_SITE}").text
    assert desk.get(f"/desk/c/{elsewhere.token}").status_code == 404
    assert desk.get(f"/desk/find?reference={elsewhere.payload.reference}").status_code == 404
    for action, fields in (
        ("reveal", {}),
        ("note", {"text": "x", "public": "yes"}),
        ("status", {"status": "verified"}),
        ("lapor", {"number": "1", "lapor_status": "done"}),
    ):
        assert (
            post_form(desk, f"/desk/c/{elsewhere.token}/{action}", csrf, **fields).status_code
            == 404
        )
    found = desk.get(f"/desk/find?reference={halls['plain'].payload.reference}")
    assert found.headers["location"].startswith(f"/desk/c/{halls['plain'].token}")
    with central_db.reads() as session:
        assert (
            session.scalars(
                select(Complaint.status).where(Complaint.token == elsewhere.token)
            ).one()
            == "received"
        )


def test_forms_without_the_sessions_csrf_token_change_nothing(
    central_app: FastAPI, central_db: Database, halls: dict[str, ComplaintSubmittedEntry]
) -> None:
    token = halls["plain"].token
    with desk_client(central_app) as victim, desk_client(central_app) as attacker:
        sign_in(victim, "handler")
        sign_in(attacker, "admin")
        theirs = csrf_of(attacker.get("/desk/inbox"))
        for csrf in ("", "x" * 43, theirs):
            answer = post_form(victim, f"/desk/c/{token}/status", csrf, status="closed", reason="r")
            assert answer.status_code == 403
            assert post_form(victim, f"/desk/c/{token}/note", csrf, text="x").status_code == 403
            assert post_form(victim, "/desk/sign-out", csrf).status_code == 403
        # A sign-in form made elsewhere (no form cookie of this browser) is refused too.
        fresh = desk_client(central_app)
        answer = fresh.post(
            "/desk/sign-in",
            data={"csrf": theirs, "username": "handler", "password": PASSWORD},
        )
        assert answer.status_code == 403
        assert "mpp_desk=" not in answer.headers.get("set-cookie", "")
        # A form must be a form.
        assert victim.post(f"/desk/c/{token}/note", json={"text": "x"}).status_code == 415
    with central_db.reads() as session:
        assert session.scalars(select(ComplaintNote)).all() == []
        assert (
            session.scalars(select(Complaint.status).where(Complaint.token == token)).one()
            == "received"
        )


def test_a_session_ends_after_idle_time_and_a_lockout_holds_over_http(
    desk: TestClient, centre_clock: CentreClock, halls: dict[str, ComplaintSubmittedEntry]
) -> None:
    sign_in(desk, "handler")
    centre_clock.advance(29 * 60)
    assert 'class="inbox"' in desk.get("/desk/inbox?lang=en").text
    centre_clock.advance(31 * 60)
    expired = desk.get(f"/desk/c/{halls['plain'].token}?lang=en")
    assert "Your session has ended" in expired.text
    assert PERSONAL["nik"] not in expired.text
    answers = [sign_in(desk, "viewer", "salah sekali kata sandi").status_code for _ in range(6)]
    assert answers == [401] * 5 + [429]
    assert sign_in(desk, "viewer").status_code == 429
    centre_clock.advance(15 * 60)
    assert sign_in(desk, "viewer").status_code == 303


def test_overdue_marks_follow_working_days_and_holidays(
    desk: TestClient, centre_clock: CentreClock, halls: dict[str, ComplaintSubmittedEntry]
) -> None:
    # Submitted Monday 23 November: verified by Thursday 26, so late from Friday 27.
    centre_clock.advance(timedelta(days=3).total_seconds())
    sign_in(desk, "admin")
    inbox = desk.get("/desk/inbox?lang=en")
    assert "Verify by 26 November 2026" in inbox.text
    assert "late" not in inbox.text.split("<tbody>")[1].split('"')[1]
    centre_clock.advance(timedelta(days=1).total_seconds())
    sign_in(desk, "admin")
    inbox = desk.get("/desk/inbox?lang=en")
    assert "Verification overdue (was due 26 November 2026)" in inbox.text
    assert 'class="case urgent late"' in inbox.text


def test_configured_holidays_are_not_working_days(
    central_db: Database, halls: dict[str, ComplaintSubmittedEntry], centre_clock: CentreClock
) -> None:
    from datetime import date

    from central.desk.cases import Filters, inbox
    from central.officers import OfficerView, Role

    officer = OfficerView(1, "admin", Role.ADMIN, ())
    with central_db.reads() as session:
        plain = inbox(session, officer, Filters(), centre_clock.now)
        holiday = inbox(
            session, officer, Filters(), centre_clock.now, frozenset({date(2026, 11, 26)})
        )
    assert {row.clock.verify_by for row in plain} == {date(2026, 11, 26)}
    assert {row.clock.verify_by for row in holiday} == {date(2026, 11, 27)}
    # Answered within 5 working days after that: Thursday 3 (plain), Friday 4 December.
    assert {row.clock.answer_by for row in holiday} == {date(2026, 12, 4)}


def test_hostile_input_is_one_clear_4xx_and_changes_nothing(
    desk: TestClient, central_db: Database, halls: dict[str, ComplaintSubmittedEntry]
) -> None:
    sign_in(desk, "handler")
    token = halls["plain"].token
    csrf = csrf_of(desk.get(f"/desk/c/{token}"))
    assert post_form(desk, f"/desk/c/{token}/note", csrf, text="a\x00b").status_code == 400
    assert desk.get("/desk/inbox", params={"site": "\x00"}).status_code == 400
    assert desk.get("/desk/find", params={"reference": "L-\x00"}).status_code == 400
    too_long = post_form(desk, f"/desk/c/{token}/note", csrf, text="x" * 4001)
    assert too_long.status_code == 400
    assert "A note has 1 to 4000 characters." in too_long.text
    bogus = post_form(desk, f"/desk/c/{token}/status", csrf, status="deleted")
    assert bogus.status_code == 400
    assert "cannot move to that status" in bogus.text
    assert post_form(desk, f"/desk/c/{token}/status", csrf, status="closed").status_code == 400
    script = post_form(desk, f"/desk/c/{token}/lapor", csrf, number="<script>", lapor_status="done")
    assert script.status_code == 400
    assert "<script>" not in script.text.split("</form>")[-1]
    many = {f"f{n}": "x" for n in range(25)}
    assert desk.post(f"/desk/c/{token}/note", data={"csrf": csrf, **many}).status_code == 400
    huge = desk.post(f"/desk/c/{token}/note", data={"csrf": csrf, "text": "x" * 40_000})
    assert huge.status_code == 413
    assert desk.get("/desk/c/" + "A" * 300).status_code == 404
    assert (
        desk.get(f"/desk/c/{token}/case-file.pdf", params={"personal": "x" * 9}).status_code == 422
    )
    with central_db.reads() as session:
        assert session.scalars(select(ComplaintNote)).all() == []
        complaint = session.scalars(select(Complaint).where(Complaint.token == token)).one()
        assert (complaint.status, complaint.lapor_number) == ("received", None)
