"""The centre's erasure reaches the hall by the pull: the hall's copy of the person is emptied."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from kiosk.complaints.categories import Status
from kiosk.complaints.records import PERSONAL
from kiosk.hall import Hall
from kiosk.hall_key import key_path
from kiosk.infra.sealed import ensure_key
from kiosk.models import CentralComplaint, Complaint, ComplaintNote, OutboxEntry, Staff
from kiosk.sync import outbox
from kiosk.sync.contract import ComplaintUpdate, PullResult
from kiosk.sync.inbox import Inbox
from tests.helpers.complaints import fill, new_form

NOW = datetime(2029, 1, 8, 3, 0, tzinfo=UTC)


@pytest.fixture
def keyed_hall(hall: Hall) -> Hall:
    ensure_key(key_path())  # as `mpp-kiosk init` makes it
    return hall


def _page(token: str, cursor: str, *, erased: bool) -> PullResult:
    update = ComplaintUpdate(
        token=token, status=Status.CLOSED, changed_at=NOW, public_notes=[], erased=erased
    )
    return PullResult(cursor=cursor, complaints=[update], postings=[], p3mi=[], rates=[])


def test_an_erased_complaint_loses_its_personal_fields_and_keeps_the_rest(keyed_hall: Hall) -> None:
    hall = keyed_hall
    form = new_form()
    fill(form)
    erased = hall.complaints.submit(form)
    form = new_form()
    fill(form)
    kept = hall.complaints.submit(form)
    with hall.db.sessions.begin() as session:  # the sync process sent every entry
        sent = [entry.id for entry in outbox.pending(session, 100)]
        outbox.mark_sent(session, sent, at=NOW)

    def rows() -> dict[str, Complaint]:
        with hall.db.reads() as session:
            return {c.public_token: c for c in session.scalars(select(Complaint))}

    before = rows()
    inbox = Inbox(hall.db, ZoneInfo("Asia/Jakarta"))
    inbox.apply(_page(kept.public_token, "c1.p0.m0.r0", erased=False), NOW)
    assert all(
        getattr(rows()[kept.public_token], name) == getattr(before[kept.public_token], name)
        for name in PERSONAL
    )
    for _ in range(2):  # applied again: the same
        inbox.apply(_page(erased.public_token, "c2.p0.m0.r0", erased=True), NOW)
        after = rows()[erased.public_token]
        assert all(getattr(after, name) in (None, b"") for name in PERSONAL)
        for name in ("reference", "categories", "day", "created_at", "urgent", "status"):
            assert getattr(after, name) == getattr(before[erased.public_token], name)
    assert all(
        getattr(rows()[kept.public_token], name) == getattr(before[kept.public_token], name)
        for name in PERSONAL
    )
    with hall.db.reads() as session:
        payloads = dict(
            session.execute(
                select(OutboxEntry.token, OutboxEntry.payload).where(
                    OutboxEntry.kind == "complaint.submitted"
                )
            ).all()
        )
        assert session.scalars(
            select(ComplaintNote.text).where(ComplaintNote.complaint_id == after.id)
        ).all() in ([], [None])
        assert session.get(CentralComplaint, erased.public_token) is not None
    assert payloads[erased.public_token] == "{}"
    assert payloads[kept.public_token] != "{}"


def test_an_erased_complaint_still_lists_and_opens_with_nothing_of_the_person(
    keyed_hall: Hall,
) -> None:
    hall = keyed_hall
    form = new_form()
    fill(form)
    erased = hall.complaints.submit(form)
    with hall.db.sessions.begin() as session:
        member = Staff(username="rina", name="Rina", role="supervisor", pin_hash="-")
        session.add(member)
        session.flush()
        officer = member.id
    Inbox(hall.db, ZoneInfo("Asia/Jakarta")).apply(
        _page(erased.public_token, "c1.p0.m0.r0", erased=True), NOW
    )
    (listed,) = hall.complaints.list_today(
        erased.created_at.astimezone(ZoneInfo("Asia/Jakarta")).date()
    )
    assert listed.readable  # not "unreadable (another key)": erased
    assert (listed.reporter_name_masked, listed.reporter_phone_masked) == ("", "")
    detail = hall.complaints.open(erased.reference, officer, show=True)
    assert detail.complaint.reporter_name == ""
    assert detail.complaint.chronology == ""
    assert detail.reference == erased.reference
