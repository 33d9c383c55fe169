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
from typing import Any, Final, NamedTuple, cast
from uuid import UUID

from pydantic import TypeAdapter
from sqlalchemy import CursorResult, Update, func, select, update
from sqlalchemy.orm import Session

from kiosk.hall_key import HallKeyError, key_path, require, sealer_of
from kiosk.infra.sealed import KeyFileError, Sealer, load_key
from kiosk.models import OutboxEntry
from kiosk.sync import contract

REASON_LENGTH: Final = 1000
"""A refusal's reason is kept up to this many characters (the centre sends at most 200)."""
SEALED_KINDS: Final = frozenset({"complaint.submitted", "complaint.note"})
"""Entry kinds whose payload holds what a person typed: kept sealed at rest."""
SEALED: Final = "sealed:"
"""How a sealed payload starts (a clear one is a JSON object), then the sealed bytes in base64."""


class Backlog(NamedTuple):
    """What waits to be sent: how many entries, and the moment the oldest of them happened."""

    waiting: int
    oldest: datetime | None


class Refused(NamedTuple):
    """An entry the centre refused, kept with its reason until it is sent again."""

    id: UUID
    kind: str
    reason: str


def record(session: Session, entry: contract.Entry, *, cipher: Sealer | None = None) -> None:
    """Add ``entry`` to the outbox, in the caller's transaction (added, not flushed).

    Args:
        session: the use case's session.
        entry: the contract entry.
        cipher: seals the payload of the kinds in :data:`SEALED_KINDS`; by default this
            device's key file (``kiosk.hall_key.key_path``). The complaint use cases pass
            theirs. Either must hold the hall's key (``kiosk.hall_key.require``).

    Raises:
        kiosk.infra.sealed.KeyFileError: a sealed kind, and no usable key or not the
            hall's (nothing is added).
    """
    payload, key_id = entry.payload.model_dump_json(), None
    if entry.kind in SEALED_KINDS:
        sealer = cipher or _device_sealer()
        require(session, sealer)
        sealed = sealer.seal_text(payload, _place(str(entry.id)))
        payload, key_id = SEALED + base64.b64encode(sealed).decode("ascii"), sealer.key_id
    session.add(
        OutboxEntry(
            id=str(entry.id),
            kind=entry.kind,
            token=entry.token,
            occurred_at=entry.occurred_at,
            payload=payload,
            attempts=0,
            key_id=key_id,
        )
    )


def pending(session: Session, limit: int, *, cipher: Sealer | None = None) -> list[contract.Entry]:
    """Up to ``limit`` entries neither sent nor refused, oldest id first: the next push.

    Args:
        session: any session of the hall database.
        limit: how many entries at most.
        cipher: opens the sealed payloads; by default this device's key file
            (``kiosk.hall_key.key_path``), read when a sealed entry comes up.

    Raises:
        kiosk.infra.sealed.KeyFileError: a sealed payload and no usable key, or another
            key sealed it.
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


def _device_sealer() -> Sealer:
    """This device's key file, as ``mpp-kiosk init`` or ``key import`` left it.

    Raises:
        kiosk.infra.sealed.KeyFileError: the key is missing or unusable.
    """
    return sealer_of(load_key(key_path(), hint="run 'mpp-kiosk init'"))


def reseal_outbox(session: Session, old: Sealer, new: Sealer) -> tuple[int, list[str]]:
    """Seal every payload sealed with ``old`` again with ``new`` (a key rotation), sent or not.

    Returns:
        How many payloads were re-sealed, and the ids of those ``old`` cannot open (left
        as they were).
    """
    resealed, unopened = 0, []
    opener = _Opener(old)
    rows = session.scalars(
        select(OutboxEntry).where(OutboxEntry.payload.startswith(SEALED)).order_by(OutboxEntry.id)
    )
    for row in rows:
        try:
            plain = opener(row)
        except KeyFileError:
            unopened.append(row.id)
            continue
        row.payload = SEALED + base64.b64encode(new.seal_text(plain, _place(row.id))).decode()
        row.key_id = new.key_id
        resealed += 1
    return resealed, unopened


def _changed(session: Session, statement: Update) -> CursorResult[Any]:
    """Run an UPDATE; its result says how many rows it changed."""
    return cast(CursorResult[Any], session.execute(statement))


@cache
def _entries() -> TypeAdapter[contract.Entry]:
    """Reads any contract entry (made on first use, once the contract has loaded)."""
    return TypeAdapter(contract.Entry)


class _Opener:
    """Opens sealed payloads with the given cipher, else the hall's key read on first need."""

    def __init__(self, cipher: Sealer | None) -> None:
        self._cipher = cipher

    def __call__(self, row: OutboxEntry) -> str:
        if not row.payload.startswith(SEALED):
            return row.payload
        if self._cipher is None:
            self._cipher = _device_sealer()
        if row.key_id is not None and row.key_id != self._cipher.key_id:
            raise HallKeyError("outbox_unreadable", entry=row.id, key_id=row.key_id)
        return self._cipher.open_text(base64.b64decode(row.payload[len(SEALED) :]), _place(row.id))


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
            "payload": json.loads(opener(row)),
        }
    )
