"""The hall's outbox (kotak keluar): contract entries kept with their records until sent.

A use case that changes what the centre shows calls :func:`record` in its own transaction,
so a power cut leaves the record and its entry together or neither. ``mpp-kiosk sync``
reads :func:`pending` in id order (UUIDv7: the order the entries were made in), pushes
them, and marks what the centre answered with :func:`mark_sent` and :func:`mark_refused`.
Rows are never deleted here.

Every function takes the caller's ``Session``, inside its transaction, and never commits.

The contract is used as ``contract.X`` at call time, never imported by name: the contract
imports the queue's vocabulary, whose package loads the queue service, which records
entries through here, so this module must load while the contract is still loading.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import UTC, datetime
from functools import cache
from typing import Any, Final, NamedTuple, cast
from uuid import UUID

from pydantic import TypeAdapter
from sqlalchemy import CursorResult, Update, func, select, update
from sqlalchemy.orm import Session

from kiosk.models import OutboxEntry
from kiosk.sync import contract

REASON_LENGTH: Final = 1000
"""A refusal's reason is kept up to this many characters (the centre sends at most 200)."""


class Backlog(NamedTuple):
    """What waits to be sent: how many entries, and the moment the oldest of them happened."""

    waiting: int
    oldest: datetime | None


class Refused(NamedTuple):
    """An entry the centre refused, kept with its reason until it is sent again."""

    id: UUID
    kind: str
    reason: str


def record(session: Session, entry: contract.Entry) -> None:
    """Add ``entry`` to the outbox, in the caller's transaction (added, not flushed)."""
    session.add(
        OutboxEntry(
            id=str(entry.id),
            kind=entry.kind,
            token=entry.token,
            occurred_at=entry.occurred_at,
            payload=entry.payload.model_dump_json(),
            attempts=0,
        )
    )


def pending(session: Session, limit: int) -> list[contract.Entry]:
    """Up to ``limit`` entries neither sent nor refused, oldest id first: the next push."""
    rows = session.scalars(
        select(OutboxEntry)
        .where(OutboxEntry.sent_at.is_(None), OutboxEntry.refused_reason.is_(None))
        .order_by(OutboxEntry.id)
        .limit(limit)
    )
    return [_entry(row) for row in rows]


def mark_tried(session: Session, ids: Collection[UUID]) -> None:
    """Count one push attempt for each of ``ids`` (whatever its outcome)."""
    if ids:
        session.execute(
            update(OutboxEntry)
            .where(OutboxEntry.id.in_([str(i) for i in ids]))
            .values(attempts=OutboxEntry.attempts + 1)
        )


def mark_sent(session: Session, ids: Collection[UUID], *, at: datetime | None = None) -> int:
    """Mark the entries the centre accepted as sent (a refusal they had is forgotten).

    An entry already marked keeps its first ``sent_at``.

    Returns:
        How many entries were newly marked.
    """
    if not ids:
        return 0
    result = _changed(
        session,
        update(OutboxEntry)
        .where(OutboxEntry.id.in_([str(i) for i in ids]), OutboxEntry.sent_at.is_(None))
        .values(sent_at=at or datetime.now(UTC), refused_reason=None),
    )
    return result.rowcount


def mark_refused(session: Session, entry_id: UUID, reason: str) -> bool:
    """Keep the centre's reason for refusing an unsent entry; it leaves :func:`pending`.

    Returns:
        Whether an unsent entry had that id.
    """
    result = _changed(
        session,
        update(OutboxEntry)
        .where(OutboxEntry.id == str(entry_id), OutboxEntry.sent_at.is_(None))
        .values(refused_reason=reason[:REASON_LENGTH] or "refused"),
    )
    return result.rowcount > 0


def retry(session: Session, ids: Collection[UUID]) -> int:
    """Put refused entries back into :func:`pending` (the centre may take them now).

    Returns:
        How many refused entries were put back.
    """
    if not ids:
        return 0
    result = _changed(
        session,
        update(OutboxEntry)
        .where(
            OutboxEntry.id.in_([str(i) for i in ids]),
            OutboxEntry.sent_at.is_(None),
            OutboxEntry.refused_reason.is_not(None),
        )
        .values(refused_reason=None),
    )
    return result.rowcount


def backlog(session: Session) -> Backlog:
    """How many entries wait to be sent (neither sent nor refused) and the oldest's moment."""
    count, oldest = session.execute(
        select(func.count(), func.min(OutboxEntry.occurred_at)).where(
            OutboxEntry.sent_at.is_(None), OutboxEntry.refused_reason.is_(None)
        )
    ).one()
    return Backlog(int(count), oldest)


def refused(session: Session) -> list[Refused]:
    """The unsent entries the centre refused, oldest id first, with its reasons."""
    rows = session.execute(
        select(OutboxEntry.id, OutboxEntry.kind, OutboxEntry.refused_reason)
        .where(OutboxEntry.sent_at.is_(None), OutboxEntry.refused_reason.is_not(None))
        .order_by(OutboxEntry.id)
    )
    return [Refused(UUID(entry_id), kind, reason or "") for entry_id, kind, reason in rows]


def _changed(session: Session, statement: Update) -> CursorResult[Any]:
    """Run an UPDATE; its result says how many rows it changed."""
    return cast(CursorResult[Any], session.execute(statement))


@cache
def _entries() -> TypeAdapter[contract.Entry]:
    """Reads any contract entry (made on first use, once the contract has loaded)."""
    return TypeAdapter(contract.Entry)


def _entry(row: OutboxEntry) -> contract.Entry:
    """The contract entry a row keeps."""
    return _entries().validate_python(
        {
            "id": row.id,
            "kind": row.kind,
            "token": row.token,
            "occurred_at": row.occurred_at,
            "payload": json.loads(row.payload),
        }
    )
