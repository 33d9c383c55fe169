"""Inserting records under fresh human references and public tokens, inside the caller's session.

A reference has four random characters per kind and day (``Q-261123-7KQ2``), so two can
meet; the tables keep ``reference`` and ``public_token`` unique and every insert goes
through here: each try runs in a SAVEPOINT, a clash undoes only that try and draws again,
the caller's transaction carries on, and after a bounded number of tries
:class:`ReferencesExhaustedError` says so.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final, TypeVar

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.models import Complaint, Posting, Ticket
from kiosk.references import Reference, RefKind, new_public_token, new_reference

REFERENCE_ATTEMPTS: Final = 5
"""Tries (savepoints) before giving up when the database keeps refusing the references."""
DRAWS_PER_ROW: Final = 50
"""Draws for one row before giving up when every one is already known to be taken."""

Referenced = Ticket | Complaint | Posting
Draw = Callable[[RefKind, date], str]
_R = TypeVar("_R")
_Row = TypeVar("_Row", bound=Referenced)
TABLES: Final[dict[RefKind, type[Referenced]]] = {
    RefKind.TICKET: Ticket,
    RefKind.COMPLAINT: Complaint,
    RefKind.JOB: Posting,
}
"""The table that keeps the references of each kind."""


@dataclass(frozen=True, slots=True)
class Fresh:
    """A reference and a public token drawn for one new record, not yet known to be free."""

    reference: str
    public_token: str


class ReferencesExhaustedError(RuntimeError):
    """No free reference was found within the tries (the kind's codes of the day run out)."""


def add_fresh(
    session: Session,
    kind: RefKind,
    day: date,
    build: Callable[[Fresh], _Row],
    *,
    attempts: int = REFERENCE_ATTEMPTS,
    draw: Draw | None = None,
) -> _Row:
    """Add the row ``build`` makes for a fresh reference and token; flushed, never committed.

    ``build`` is called again for every try, so whatever depends on the reference (a
    complaint's sealed fields) is made for the reference that is kept.

    Args:
        session: the caller's session, inside its transaction.
        kind: the kind of reference (its first letter).
        day: the site's local day the reference carries.
        build: makes (or refills) the row for the drawn reference and token.
        attempts: tries before giving up.
        draw: where references come from; :func:`kiosk.references.new_reference` by default.

    Raises:
        ReferencesExhaustedError: every try clashed.
        IntegrityError: the row broke another constraint than a unique reference or token.
    """

    def write(fresh: Sequence[Fresh]) -> _Row:
        row = build(fresh[0])
        session.add(row)
        return row

    return insert_fresh(session, kind, day, 1, write, attempts=attempts, draw=draw)


def insert_fresh(
    session: Session,
    kind: RefKind,
    day: date,
    count: int,
    write: Callable[[Sequence[Fresh]], _R],
    *,
    attempts: int = REFERENCE_ATTEMPTS,
    draw: Draw | None = None,
) -> _R:
    """Let ``write`` insert ``count`` rows of ``kind`` with as many distinct fresh references.

    One row draws blindly (a clash is rare); a batch (a jobs feed, thousands of rows) reads
    the references the day already has before each try and draws around them, so that only
    a concurrent writer can make it clash.

    Args:
        session: the caller's session, inside its transaction.
        kind: the kind of reference (its first letter).
        day: the site's local day the references carry.
        count: how many references ``write`` needs.
        write: inserts the rows for the drawn references and tokens (ORM or bulk); its
            result is returned.
        attempts: tries before giving up.
        draw: where references come from; :func:`kiosk.references.new_reference` by default.

    Raises:
        ReferencesExhaustedError: every try clashed, or no unused reference could be drawn.
        IntegrityError: a row broke another constraint than a unique reference or token.
    """
    clash: IntegrityError | None = None
    for _ in range(attempts):
        taken = _taken(session, kind, day) if count > 1 else set()
        fresh = _draw_all(kind, day, count, taken, draw or new_reference)
        try:
            with session.begin_nested():
                result = write(fresh)
                session.flush()
        except IntegrityError as exc:
            if not _is_reference_clash(exc, TABLES[kind].__tablename__):
                raise
            clash = exc
            continue
        return result
    raise ReferencesExhaustedError(
        f"no free {kind.name.lower()} reference for {day} after {attempts} tries"
    ) from clash


def _draw_all(kind: RefKind, day: date, count: int, taken: set[str], draw: Draw) -> list[Fresh]:
    drawn: set[str] = set()
    fresh = []
    for _ in range(count):
        for _ in range(DRAWS_PER_ROW):
            reference = draw(kind, day)
            if reference not in taken and reference not in drawn:
                break
        else:
            raise ReferencesExhaustedError(
                f"no free {kind.name.lower()} reference for {day}: {DRAWS_PER_ROW} draws taken"
            )
        drawn.add(reference)
        fresh.append(Fresh(reference, new_public_token()))
    return fresh


def _taken(session: Session, kind: RefKind, day: date) -> set[str]:
    """The references of ``kind`` the day already has."""
    column = TABLES[kind].reference
    prefix = str(Reference(kind, day, ""))
    return set(session.scalars(select(column).where(column.startswith(prefix))))


def _is_reference_clash(exc: IntegrityError, table: str) -> bool:
    """Whether the unique reference or token refused the row (SQLite and PostgreSQL wording)."""
    reason = str(exc.orig)
    return any(
        f"{table}.{column}" in reason or f'"uq_{table}_{column}"' in reason
        for column in ("reference", "public_token")
    )
