"""The hall's own outbox entry: its public token, drawn once, and its state when it changes.

The hall's token lives in the one row of ``sync_state`` (not in its first ``hall`` entry,
which a future clean-up of sent rows could delete): it is drawn by the first use case that
records the hall and never changes, on every device sharing the hall database. The row
also keeps the ``HallState`` last recorded, so a start with an unchanged configuration
writes no entry. Every function takes the caller's ``Session`` and never commits.

The contract is used as ``contract.X`` at call time (see ``kiosk.sync.outbox``): the queue
service imports this module while the contract may still be loading.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Final

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from kiosk.models import SyncState
from kiosk.references import new_public_token
from kiosk.sync import contract, outbox
from kiosk.sync.ids import uuid7

ROW: Final = 1
"""The id of ``sync_state``'s one row."""
_ESTIMATES: Final = {"services": {"__all__": {"typical_service_minutes", "active_counters"}}}
"""What of a ``HallState`` moves with the day's work rather than with the configuration."""


def hall_token(session: Session) -> str:
    """The hall's public token (drawn and kept the first time, in a write transaction).

    ``open_hall`` records the hall at once, so the token exists before any face runs.
    """
    return _state_row(session, lock=False).hall_token


def record_hall(session: Session, state: contract.HallState, at: datetime) -> contract.HallEntry:
    """Put the hall's state in the outbox, as the hall is at ``at``."""
    return _record(_state_row(session, lock=True), session, state, at)


def record_hall_if_changed(
    session: Session, state: contract.HallState, at: datetime
) -> contract.HallEntry | None:
    """Put the hall's state in the outbox unless its configuration is the one last recorded.

    Only the configuration is compared (names, zone, hotline, services, counters): the
    estimate inputs alone (typical service minutes, active counters) write no entry.
    """
    row = _state_row(session, lock=True)
    if row.hall_state is not None and _configuration(row.hall_state) == state.model_dump(
        mode="json", exclude=_ESTIMATES
    ):
        return None
    return _record(row, session, state, at)


def _record(
    row: SyncState, session: Session, state: contract.HallState, at: datetime
) -> contract.HallEntry:
    entry = contract.HallEntry(
        id=uuid7(at), kind="hall", token=row.hall_token, occurred_at=at, payload=state
    )
    outbox.record(session, entry)
    row.hall_state = state.model_dump_json()
    return entry


def _configuration(recorded: str) -> dict[str, Any] | None:
    """The configuration part of a recorded state; None when it no longer reads."""
    try:
        return contract.HallState.model_validate_json(recorded).model_dump(
            mode="json", exclude=_ESTIMATES
        )
    except ValidationError:
        return None


def _state_row(session: Session, *, lock: bool) -> SyncState:
    """The one ``sync_state`` row, made with a fresh hall token if missing.

    Devices racing to make it keep the first one's token (the insert does nothing on a
    conflict); ``lock`` holds the row until the transaction ends, so two devices record
    the hall one after the other.
    """
    query = select(SyncState).where(SyncState.id == ROW).execution_options(populate_existing=True)
    if lock:
        query = query.with_for_update()
    row = session.scalars(query).one_or_none()
    if row is not None:
        return row
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.execute(
        insert(SyncState).values(id=ROW, hall_token=new_public_token()).on_conflict_do_nothing()
    )
    return session.scalars(query).one()
