"""A push's rows are written together (``COPY`` on PostgreSQL): what a hall sent is what is kept."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from central.db import Database
from central.models import Complaint, ComplaintNote, ComplaintStatus, Ticket, TicketEvent
from central.revisions import last_revision
from kiosk.sync.contract import Entry
from tests.helpers.central_sync import (
    DeviceKey,
    Outbox,
    batch_json,
    central_state,
    make_device,
)

PUSH = "/api/v1/sync/push"
COPY_TEXTS = ["\\N", "", "a\tb", "one\ntwo\r\nthree", "back\\slash \\. end", "\\.", "'\"|,;"]
"""Texts that mean something to ``COPY``'s text format or to CSV, and the empty text."""


def push(client: TestClient, device: DeviceKey, *entries: Entry) -> dict[str, Any]:
    response = client.post(PUSH, json=batch_json(*entries), headers=device.headers)
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    assert answer["refused"] == []
    return answer


@pytest.mark.parametrize("text", COPY_TEXTS)
def test_texts_that_mean_something_to_copy_are_stored_verbatim(
    central_client: TestClient, central_db: Database, device: DeviceKey, text: str
) -> None:
    box = Outbox()
    issued = box.issue()
    complaint = box.complaint()
    push(
        central_client,
        device,
        issued,
        box.event(issued.token, "called", counter=2),
        complaint,
        box.note(complaint.token, text),
        box.status(complaint.token, "verified", reason=text),
    )

    with central_db.reads() as session:
        assert session.scalars(select(ComplaintNote.text)).one() == text
        reasons = session.scalars(select(ComplaintStatus.reason).order_by(ComplaintStatus.at))
        assert reasons.all() == ["", text]
        kept = session.get_one(Ticket, (device.site_id, issued.token))
        assert (kept.state, kept.counter_number, kept.posting_token) == ("called", 2, None)
        assert kept.issued_at == issued.occurred_at
        steps = session.execute(
            select(
                TicketEvent.event, TicketEvent.counter_number, TicketEvent.service_code
            ).order_by(TicketEvent.at)
        ).all()
        assert [tuple(step) for step in steps] == [("issued", None, "jobs"), ("called", 2, None)]


def _day(box: Outbox) -> list[Entry]:
    """Visitors issued, called, served or missed, a transfer, complaints with notes."""
    entries: list[Entry] = [box.hall()]
    for n in range(12):
        issued = box.issue("jobs" if n % 3 else "placement")
        entries += [issued, box.event(issued.token, "called", counter=1 + n % 3)]
        if n % 4 == 3:
            entries.append(box.event(issued.token, "no_show", counter=1 + n % 3))
            continue
        if n % 5 == 0:
            entries.append(box.event(issued.token, "transferred", service="placement"))
            entries.append(box.event(issued.token, "called", counter=3))
        entries += [box.event(issued.token, "started"), box.event(issued.token, "finished")]
        if n % 4 == 1:
            complaint = box.complaint()
            entries += [complaint, box.note(complaint.token, f"catatan {n}", public=n % 2 == 0)]
            entries.append(box.status(complaint.token, "verified"))
    return entries


def test_a_whole_day_in_one_push_leaves_what_one_push_per_entry_leaves(
    central_client: TestClient, central_db: Database
) -> None:
    entries = _day(Outbox())
    at_once, one_by_one = make_device(central_db, "at-once"), make_device(central_db, "one-by-one")

    push(central_client, at_once, *entries)
    for entry in entries:
        push(central_client, one_by_one, entry)

    assert central_state(central_db, site_id="at-once") == central_state(
        central_db, site_id="one-by-one"
    )


def test_the_complaints_of_a_push_take_consecutive_revisions_in_their_records_order(
    central_client: TestClient, central_db: Database, device: DeviceKey
) -> None:
    box = Outbox()
    first = box.complaint()
    push(central_client, device, first)
    with central_db.reads() as session:
        before = last_revision(session)
    second, third = box.complaint(), box.complaint()
    hidden, moved = (
        box.note(first.token, "internal", public=False),
        box.status(first.token, "verified"),
    )

    push(central_client, device, moved, third, hidden, second)

    with central_db.reads() as session:
        rows = session.execute(select(Complaint.token, Complaint.revision))
        revisions = {token: revision for token, revision in rows}
        assert last_revision(session) == before + 3
    # Records apply in the order of their first entries' moments: second, third, then first.
    assert [revisions[c.token] for c in (second, third, first)] == [
        before + 1,
        before + 2,
        before + 3,
    ]
