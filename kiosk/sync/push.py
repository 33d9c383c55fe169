"""Emptying the outbox into the centre: batches of at most 500 in id order, marked as answered.

Each batch is read, pushed, and then exactly the ids the centre accepted are marked sent
in one transaction; each refused entry is kept with the centre's reason (logged by id and
reason only: a complaint's payload carries personal data) and leaves the queue until it
is retried. A crash or ``kill -9`` between the push and the marking leaves the entries
unsent; they go again next time and the centre, which knows their ids, applies them once.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from kiosk.db import Database
from kiosk.models import OutboxEntry
from kiosk.sync import outbox
from kiosk.sync.client import CentreClient, CentreConfusedError
from kiosk.sync.contract import MAX_BATCH

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Pushed:
    """What one emptying of the outbox did."""

    batches: int
    sent: int
    refused: int


def newest_entry(db: Database) -> str | None:
    """The newest outbox id (one index probe): it changes whenever a use case records one."""
    with db.reads() as session:
        return session.scalar(select(func.max(OutboxEntry.id)))


def push_outbox(
    db: Database,
    client: CentreClient,
    now: Callable[[], datetime],
    *,
    batch: int = MAX_BATCH,
    stop: threading.Event | None = None,
) -> Pushed:
    """Push every pending entry, ``batch`` at a time, until none is left (or ``stop`` is set).

    Raises:
        SyncError: a batch could not be pushed; the batches before it stay marked.
    """
    batches = sent = refused = 0
    while stop is None or not stop.is_set():
        with db.reads() as session:
            entries = outbox.pending(session, batch)
        if not entries:
            break
        ids = {entry.id for entry in entries}
        with db.sessions.begin() as session:
            outbox.mark_tried(session, ids)
        result = client.push(entries)
        accepted = [entry_id for entry_id in result.accepted if entry_id in ids]
        refusals = [refusal for refusal in result.refused if refusal.id in ids]
        with db.sessions.begin() as session:
            sent += outbox.mark_sent(session, accepted, at=now())
            for refusal in refusals:
                outbox.mark_refused(session, refusal.id, refusal.reason)
        for refusal in refusals:
            log.warning("the centre refused outbox entry %s: %s", refusal.id, refusal.reason)
        refused += len(refusals)
        batches += 1
        unanswered = len(ids) - len(set(accepted)) - len({refusal.id for refusal in refusals})
        if unanswered > 0:  # never loop on entries the centre keeps leaving out
            raise CentreConfusedError(
                f"the centre answered {len(ids) - unanswered} of {len(ids)} pushed entries"
            )
        if len(entries) < batch:
            break
    return Pushed(batches, sent, refused)
