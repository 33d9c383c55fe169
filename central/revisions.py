"""The one global sequence of revisions: what a hall pulls is what changed after its cursor."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from central.models import REVISION_SEQUENCE, Sequence


def next_revision(session: Session) -> int:
    """Take the next revision inside the caller's writing transaction.

    The counter's row stays locked until that transaction ends, so revisions become
    visible in the order they were given (a hall's cursor never skips a late commit).
    """
    return next_revisions(session, 1).start


def next_revisions(session: Session, count: int) -> range:
    """Take ``count`` consecutive revisions at once (one record each), like ``next_revision``."""
    if count < 1:
        return range(0)
    last: int = session.execute(
        update(Sequence)
        .where(Sequence.name == REVISION_SEQUENCE)
        .values(value=Sequence.value + count)
        .returning(Sequence.value)
        .execution_options(synchronize_session=False)
    ).scalar_one()
    return range(last - count + 1, last + 1)


def last_revision(session: Session) -> int:
    """The last revision given out (0 on a fresh database)."""
    return session.get_one(Sequence, REVISION_SEQUENCE).value
