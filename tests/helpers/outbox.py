"""For the outbox tests: what a hall's use cases wrote, its record counts, a power cut."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.hall import Hall
from kiosk.models import Complaint, ComplaintNote, OutboxEntry, ServiceDay, Ticket, TicketEvent
from kiosk.sync import outbox
from kiosk.sync.contract import Entry

Told = tuple[str, str, dict[str, Any]]


class PowerCutError(Exception):
    """Stands for the process dying between a use case's writes and its commit."""


def written(hall: Hall) -> list[Entry]:
    """The entries written since the last call, in id order (marked sent on the way)."""
    with hall.db.sessions.begin() as session:
        entries = outbox.pending(session, 10_000)
        outbox.mark_sent(session, [entry.id for entry in entries])
    assert [e.id for e in entries] == sorted(e.id for e in entries)
    return entries


def told_of(entry: Entry) -> Told:
    """What an entry says: (kind, token, payload as JSON)."""
    return (entry.kind, entry.token, entry.payload.model_dump(mode="json"))


def told(hall: Hall) -> list[Told]:
    """What the entries written since the last call say, in id order."""
    return [told_of(entry) for entry in written(hall)]


def rows(hall: Hall) -> dict[str, int]:
    """How many rows the records, the outbox and the service days' counters hold."""
    models = (Ticket, TicketEvent, Complaint, ComplaintNote, OutboxEntry)
    with hall.db.reads() as session:
        counts = {
            m.__tablename__: session.scalar(select(func.count()).select_from(m)) or 0
            for m in models
        }
        counts["numbers given"] = session.scalar(select(func.sum(ServiceDay.last_number))) or 0
        counts["supervisor changes"] = session.scalar(select(func.sum(ServiceDay.revision))) or 0
    return counts


def cut_power(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on each outbox entry is added and flushed with its record, then the use dies."""
    real = outbox.record

    def record_then_fail(session: Session, entry: Entry, **options: Any) -> None:
        real(session, entry, **options)
        session.flush()
        raise PowerCutError(entry.kind)

    monkeypatch.setattr(outbox, "record", record_then_fail)
