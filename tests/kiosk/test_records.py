"""Inserting records under fresh references: a clash draws again in a savepoint, then gives up."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.db import Database, migrate, open_database
from kiosk.models import Service, Ticket
from kiosk.records import (
    REFERENCE_ATTEMPTS,
    Fresh,
    ReferencesExhaustedError,
    add_fresh,
    insert_fresh,
)
from kiosk.references import RefKind

DAY = date(2026, 11, 23)
AT = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
TAKEN = "Q-261123-AAAA"


class Draws:
    """A reference source that hands out ``references`` in turn, then the last one forever."""

    def __init__(self, *references: str) -> None:
        self._left = list(references)
        self.calls = 0

    def __call__(self, kind: RefKind, day: date) -> str:
        assert (kind, day) == (RefKind.TICKET, DAY)
        self.calls += 1
        return self._left.pop(0) if len(self._left) > 1 else self._left[0]


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    """The hall schema with one service to issue tickets for."""
    opened = open_database(database_url)
    migrate(opened)
    with opened.sessions.begin() as session:
        session.add(
            Service(code="jobs", letter="A", daily_quota=200, priority_allowed=True, position=0)
        )
    try:
        yield opened
    finally:
        opened.dispose()


def ticket(sequence: int) -> Ticket:
    return Ticket(
        issued_service="jobs",
        service_code="jobs",
        day=DAY,
        sequence=sequence,
        number=f"A-{sequence:03d}",
        priority=False,
        state="waiting",
        issued_at=AT,
        queued_at=AT,
    )


def add(session: Session, sequence: int, draws: Draws, **options: int) -> Ticket:
    def stamped(fresh: Fresh) -> Ticket:
        row = ticket(sequence)
        row.reference, row.public_token = fresh.reference, fresh.public_token
        return row

    return add_fresh(session, RefKind.TICKET, DAY, stamped, draw=draws, **options)


def references(db: Database) -> list[str]:
    with db.reads() as session:
        return sorted(session.scalars(select(Ticket.reference)))


def test_a_clash_draws_again_and_the_transaction_goes_on(db: Database) -> None:
    draws = Draws(TAKEN, "Q-261123-BBBB")
    with db.sessions.begin() as session:
        first = add(session, 1, Draws(TAKEN))
        second = add(session, 2, draws)
        assert (first.reference, second.reference) == (TAKEN, "Q-261123-BBBB")
        assert first.public_token != second.public_token
    assert draws.calls == 2
    assert references(db) == [TAKEN, "Q-261123-BBBB"]


def test_after_the_tries_a_clear_error_and_the_transaction_goes_on(db: Database) -> None:
    always_taken = Draws(TAKEN)
    with db.sessions.begin() as session:
        add(session, 1, Draws(TAKEN))
        with pytest.raises(ReferencesExhaustedError) as exhausted:
            add(session, 2, always_taken)
        add(session, 3, Draws("Q-261123-CCCC"))
    assert str(exhausted.value) == (
        f"no free ticket reference for 2026-11-23 after {REFERENCE_ATTEMPTS} tries"
    )
    assert isinstance(exhausted.value.__cause__, IntegrityError)
    assert always_taken.calls == REFERENCE_ATTEMPTS
    assert references(db) == [TAKEN, "Q-261123-CCCC"]


def test_the_number_of_tries_is_the_callers(db: Database) -> None:
    always_taken = Draws(TAKEN)
    with db.sessions.begin() as session:
        add(session, 1, Draws(TAKEN))
        with pytest.raises(ReferencesExhaustedError, match="after 2 tries"):
            add(session, 2, always_taken, attempts=2)
    assert always_taken.calls == 2


def test_another_constraint_is_not_retried(db: Database) -> None:
    draws = Draws("Q-261123-BBBB")
    with db.sessions.begin() as session:
        add(session, 1, Draws(TAKEN))
        with pytest.raises(IntegrityError):
            add(session, 1, draws)  # the same number on the same day
    assert draws.calls == 1


def test_a_batch_draws_distinct_references_around_the_days_own(db: Database) -> None:
    with db.sessions.begin() as session:
        add(session, 1, Draws(TAKEN))
    draws = Draws(TAKEN, "Q-261123-BBBB", "Q-261123-BBBB", TAKEN, "Q-261123-CCCC")

    def write(fresh: Sequence[Fresh]) -> list[str]:
        for sequence, drawn in enumerate(fresh, start=2):
            row = ticket(sequence)
            row.reference, row.public_token = drawn.reference, drawn.public_token
            session.add(row)
        return [drawn.reference for drawn in fresh]

    with db.sessions.begin() as session:
        written = insert_fresh(session, RefKind.TICKET, DAY, 2, write, draw=draws)
    assert written == ["Q-261123-BBBB", "Q-261123-CCCC"]
    assert draws.calls == 5  # no try reached the database with a taken reference
    assert references(db) == [TAKEN, "Q-261123-BBBB", "Q-261123-CCCC"]


def test_a_batch_with_no_reference_left_says_so(db: Database) -> None:
    with db.sessions.begin() as session:
        add(session, 1, Draws(TAKEN))
        with pytest.raises(
            ReferencesExhaustedError, match="no free ticket reference for 2026-11-23"
        ):
            insert_fresh(session, RefKind.TICKET, DAY, 2, lambda _: None, draw=Draws(TAKEN))
