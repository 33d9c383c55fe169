"""The hall's outbox: entries kept in id order until the centre takes them (SQLite, PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from uuid import UUID

import pytest
from sqlalchemy import func, select

from kiosk.db import Database, migrate, open_database
from kiosk.hall_key import key_path, sealer_of
from kiosk.infra.sealed import KeyFileError, ensure_key, load_key
from kiosk.models import OutboxEntry
from kiosk.queueing.states import EventKind
from kiosk.sync import contract, outbox
from kiosk.sync.contract import ComplaintNoteEntry, Entry, TicketEventEntry
from kiosk.sync.ids import uuid7

TOKEN = "K5Q2M7XW3ZB4HJ7C6RT2VN5PDA"
START = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)  # Monday 23 November 2026, 09:00 WIB


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    """A migrated, empty hall database."""
    opened = open_database(database_url)
    migrate(opened)
    try:
        yield opened
    finally:
        opened.dispose()


def called(minutes: int, counter: int = 1) -> TicketEventEntry:
    """A ticket called at a counter ``minutes`` after the start."""
    moment = START + timedelta(minutes=minutes)
    return TicketEventEntry(
        id=uuid7(moment),
        kind="ticket.event",
        token=TOKEN,
        occurred_at=moment,
        payload=contract.TicketEvent(
            event=EventKind.CALLED, counter_number=counter, service_code="jobs"
        ),
    )


def keep(db: Database, *entries: Entry) -> None:
    with db.sessions.begin() as session:
        for entry in entries:
            outbox.record(session, entry)


def test_an_entry_comes_back_as_it_was_recorded(db: Database) -> None:
    entry = called(0, counter=3)
    keep(db, entry)

    with db.reads() as session:
        assert outbox.pending(session, 10) == [entry]
        row = session.get(OutboxEntry, str(entry.id))
    assert row is not None
    assert (row.kind, row.token, row.occurred_at) == ("ticket.event", TOKEN, START)
    assert len(row.id) == 36
    assert (row.sent_at, row.refused_reason, row.attempts) == (None, None, 0)


def test_pending_is_in_id_order_and_limited(db: Database) -> None:
    entries = [called(minutes) for minutes in range(5)]
    keep(db, entries[3], entries[0], entries[4], entries[2], entries[1])

    with db.reads() as session:
        assert outbox.pending(session, 3) == entries[:3]
        assert outbox.pending(session, 500) == entries


def test_sent_entries_leave_pending_and_the_backlog_but_stay(db: Database) -> None:
    entries = [called(minutes) for minutes in range(4)]
    keep(db, *entries)
    with db.reads() as session:
        assert outbox.backlog(session) == (4, START)

    sent_at = START + timedelta(hours=1)
    with db.sessions.begin() as session:
        outbox.mark_tried(session, [e.id for e in entries[:2]])
        assert outbox.mark_sent(session, [e.id for e in entries[:2]], at=sent_at) == 2
    with db.sessions.begin() as session:
        outbox.mark_tried(session, [entries[0].id])
        assert outbox.mark_sent(session, [entries[0].id], at=sent_at + timedelta(hours=1)) == 0

    with db.reads() as session:
        assert outbox.pending(session, 10) == entries[2:]
        assert outbox.backlog(session) == (2, START + timedelta(minutes=2))
        first = session.get(OutboxEntry, str(entries[0].id))
        assert first is not None
        assert (first.sent_at, first.attempts) == (sent_at, 2)
        assert session.scalar(select(func.count()).select_from(OutboxEntry)) == 4


def test_a_refused_entry_is_kept_with_its_reason_out_of_pending_until_retried(
    db: Database,
) -> None:
    entries = [called(minutes) for minutes in range(3)]
    keep(db, *entries)

    with db.sessions.begin() as session:
        assert outbox.mark_refused(session, entries[1].id, "unknown ticket")
        assert not outbox.mark_refused(session, uuid7(START), "no such entry")

    with db.reads() as session:
        assert outbox.pending(session, 10) == [entries[0], entries[2]]
        assert outbox.refused(session) == [(entries[1].id, "ticket.event", "unknown ticket")]
        assert outbox.backlog(session) == (2, START)

    with db.sessions.begin() as session:
        assert outbox.retry(session, [entries[1].id, entries[2].id]) == 1
    with db.reads() as session:
        assert outbox.pending(session, 10) == entries
        assert outbox.refused(session) == []


def test_an_accepted_entry_forgets_its_refusal_and_a_sent_one_cannot_be_refused(
    db: Database,
) -> None:
    entry = called(0)
    keep(db, entry)
    with db.sessions.begin() as session:
        outbox.mark_refused(session, entry.id, "the centre cannot seal personal answers now")
        outbox.mark_sent(session, [entry.id], at=START)
    with db.sessions.begin() as session:
        assert not outbox.mark_refused(session, entry.id, "late refusal")

    with db.reads() as session:
        assert outbox.refused(session) == []
        assert outbox.backlog(session) == (0, None)
        assert outbox.pending(session, 10) == []


def test_an_empty_outbox(db: Database) -> None:
    with db.sessions.begin() as session:
        assert outbox.mark_sent(session, []) == 0
        assert outbox.retry(session, []) == 0
        outbox.mark_tried(session, [])
        assert outbox.pending(session, 10) == []
        assert outbox.backlog(session) == (0, None)
        assert outbox.refused(session) == []


def test_nothing_is_kept_when_the_transaction_fails(db: Database) -> None:
    def cut_short() -> None:
        with db.sessions.begin() as session:
            outbox.record(session, called(0))
            session.flush()
            raise RuntimeError("power cut")

    with pytest.raises(RuntimeError, match="power cut"):
        cut_short()

    with db.reads() as session:
        assert outbox.pending(session, 10) == []


def test_ids_are_the_entries_own(db: Database) -> None:
    entry = called(0)
    keep(db, entry)
    with db.reads() as session:
        [back] = outbox.pending(session, 1)
    assert isinstance(back.id, UUID)
    assert back.id == entry.id
    assert back.id.version == 7


def test_typed_answers_are_sealed_with_the_halls_own_key_by_default(db: Database) -> None:
    ensure_key(key_path())  # as mpp-kiosk init makes it (a PostgreSQL hall never makes one)
    moment = START
    note = ComplaintNoteEntry(
        id=uuid7(moment),
        kind="complaint.note",
        token=TOKEN,
        occurred_at=moment,
        payload=contract.ComplaintNote(note_id=uuid7(moment), text="rahasia", public=False),
    )
    keep(db, note)

    with db.reads() as session:
        stored = session.get(OutboxEntry, str(note.id))
        assert stored is not None
        assert stored.payload.startswith(outbox.SEALED)
        assert "rahasia" not in stored.payload
        assert outbox.pending(session, 10) == [note]
        assert outbox.pending(session, 10, cipher=sealer_of(load_key(key_path()))) == [note]
        with pytest.raises(KeyFileError):
            outbox.pending(session, 10, cipher=sealer_of(b"\x07" * 32))
