"""The hall's outbox (kotak keluar): contract entries kept with their records until sent.

A use case that changes what the centre shows calls :func:`record` in its own transaction,
so a power cut leaves the record and its entry together or neither. ``mpp-kiosk sync``
reads :func:`pending` in id order (UUIDv7: the order the entries were made in), pushes
them, and marks what the centre answered with :func:`mark_sent` and :func:`mark_refused`.
Rows are never deleted here.

Every function takes the caller's ``Session``, inside its transaction, and never commits.

What a person typed stays encrypted at rest here as in the complaint itself: the payload
of a submitted complaint and of a note is sealed with the hall's key (AES-GCM, bound to
its entry id) and opened only when :func:`pending` hands it to the sync client.

The contract is used as ``contract.X`` at call time, never imported by name: the contract
imports the queue's vocabulary, whose package loads the queue service, which records
entries through here, so this module must load while the contract is still loading.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Collection
from datetime import UTC, datetime
from functools import cache
from typing import Any, Final, NamedTuple, Protocol, cast
from uuid import UUID

from pydantic import TypeAdapter
from sqlalchemy import CursorResult, Update, func, select, update
from sqlalchemy.orm import Session

from kiosk.complaints.crypto import FieldCipher, ensure_key, key_path, load_key
from kiosk.models import OutboxEntry
from kiosk.sync import contract

REASON_LENGTH: Final = 1000
"""A refusal's reason is kept up to this many characters (the centre sends at most 200)."""
SEALED_KINDS: Final = frozenset({"complaint.submitted", "complaint.note"})
"""Entry kinds whose payload holds what a person typed: kept sealed at rest."""
SEALED: Final = "sealed:"
"""How a sealed payload starts (a clear one is a JSON object), then the sealed bytes in base64."""


class Cipher(Protocol):
    """Seals and opens text for a place (the hall's ``FieldCipher``)."""

    def seal(self, value: str, place: str) -> bytes:
        """``value`` encrypted for ``place``."""
        ...

    def open(self, blob: bytes, place: str) -> str:
        """The value sealed for ``place``."""
        ...


class Backlog(NamedTuple):
    """What waits to be sent: how many entries, and the moment the oldest of them happened."""

    waiting: int
    oldest: datetime | None


class Refused(NamedTuple):
    """An entry the centre refused, kept with its reason until it is sent again."""

    id: UUID
    kind: str
    reason: str


def record(session: Session, entry: contract.Entry, *, cipher: Cipher | None = None) -> None:
    """Add ``entry`` to the outbox, in the caller's transaction (added, not flushed).

    Args:
        session: the use case's session.
        entry: the contract entry.
        cipher: seals the payload of the kinds in :data:`SEALED_KINDS`; by default the
            hall's own (see :func:`hall_cipher`). The complaint use cases pass theirs.

    Raises:
        kiosk.complaints.crypto.ComplaintKeyError: a sealed kind, no cipher given and no
            usable hall key (nothing is added).
    """
    payload = entry.payload.model_dump_json()
    if entry.kind in SEALED_KINDS:
        sealed = (cipher or hall_cipher(session)).seal(payload, _place(str(entry.id)))
        payload = SEALED + base64.b64encode(sealed).decode("ascii")
    session.add(
        OutboxEntry(
            id=str(entry.id),
            kind=entry.kind,
            token=entry.token,
            occurred_at=entry.occurred_at,
            payload=payload,
            attempts=0,
        )
    )


def pending(session: Session, limit: int, *, cipher: Cipher | None = None) -> list[contract.Entry]:
    """Up to ``limit`` entries neither sent nor refused, oldest id first: the next push.

    Args:
        session: any session of the hall database.
        limit: how many entries at most.
        cipher: opens the sealed payloads; by default the hall's key
            (``kiosk.complaints.crypto.key_path``), read when a sealed entry comes up.

    Raises:
        kiosk.complaints.crypto.ComplaintKeyError: a sealed payload and no usable key, or
            another key sealed it.
    """
    rows = session.scalars(
        select(OutboxEntry)
        .where(OutboxEntry.sent_at.is_(None), OutboxEntry.refused_reason.is_(None))
        .order_by(OutboxEntry.id)
        .limit(limit)
    )
    opener = _Opener(cipher)
    return [_entry(row, opener) for row in rows]


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


def hall_cipher(session: Session) -> FieldCipher:
    """The hall's own cipher, keyed as ``Hall.complaints`` is.

    The key file is in the data directory: made on first need by the embedded SQLite box,
    only read where devices share a PostgreSQL database (each holds the one key that
    ``mpp-kiosk init`` made).

    Raises:
        kiosk.complaints.crypto.ComplaintKeyError: the key is missing or unusable.
    """
    path = key_path()
    embedded = session.get_bind().dialect.name == "sqlite"
    return FieldCipher(ensure_key(path) if embedded else load_key(path))


def _changed(session: Session, statement: Update) -> CursorResult[Any]:
    """Run an UPDATE; its result says how many rows it changed."""
    return cast(CursorResult[Any], session.execute(statement))


@cache
def _entries() -> TypeAdapter[contract.Entry]:
    """Reads any contract entry (made on first use, once the contract has loaded)."""
    return TypeAdapter(contract.Entry)


class _Opener:
    """Opens sealed payloads with the given cipher, else the hall's key read on first need."""

    def __init__(self, cipher: Cipher | None) -> None:
        self._cipher = cipher

    def __call__(self, entry_id: str, stored: str) -> str:
        if not stored.startswith(SEALED):
            return stored
        if self._cipher is None:
            self._cipher = FieldCipher(load_key(key_path()))
        return self._cipher.open(base64.b64decode(stored[len(SEALED) :]), _place(entry_id))


def _place(entry_id: str) -> str:
    """What a sealed payload is bound to: its table, column and entry."""
    return f"outbox.payload:{entry_id}"


def _entry(row: OutboxEntry, opener: _Opener) -> contract.Entry:
    """The contract entry a row keeps."""
    return _entries().validate_python(
        {
            "id": row.id,
            "kind": row.kind,
            "token": row.token,
            "occurred_at": row.occurred_at,
            "payload": json.loads(opener(row.id, row.payload)),
        }
    )
