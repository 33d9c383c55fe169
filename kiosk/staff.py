"""Staff sign-in with a personal PIN, and roles: five wrong tries lock the account or the prompt.

Every count of wrong tries is taken under a row lock (``SELECT … FOR UPDATE`` on
PostgreSQL, ``BEGIN IMMEDIATE`` on SQLite), so tries made at the same moment from many
consoles or processes are each counted, and the kiosk's PIN prompt keeps its count and lock
in the database, across a restart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.clock import Clock
from kiosk.db import Database
from kiosk.errors import InvalidInput
from kiosk.models import PinGateState, Staff
from kiosk.pins import MAX_DIGITS, PIN_FORMAT, PIN_PATTERN, verify_pin

MAX_TRIES = 5
LOCK_TIME = timedelta(minutes=5)
OFFICER: Final = "officer"
SUPERVISOR: Final = "supervisor"
ROLES: Final = (OFFICER, SUPERVISOR)
"""Counter officers call and serve; supervisors also run the day, the staff and the kiosk."""
KIOSK_GATE: Final = "kiosk"
"""The kiosk's staff-gesture PIN prompt, one for every kiosk of the hall."""
SUPERVISORS_ONLY: Final = "staff.supervisors_only"


class SignInRefused(InvalidInput):
    """The PIN or user was refused; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class StaffMember:
    """A signed-in officer or supervisor."""

    id: int
    username: str
    name: str
    role: str

    @property
    def is_supervisor(self) -> bool:
        """Whether this member may open or close services and print the day report."""
        return self.role == SUPERVISOR


def member_of(row: Staff) -> StaffMember:
    """A staff row as the use cases hand it out."""
    return StaffMember(id=row.id, username=row.username, name=row.name, role=row.role)


def _minutes_left(until: datetime, now: datetime) -> int:
    return max(1, math.ceil((until - now).total_seconds() / 60))


def _refuse_if_locked(row: Staff | PinGateState, now: datetime) -> None:
    if row.locked_until is not None and row.locked_until > now:
        raise SignInRefused("staff.locked", minutes=_minutes_left(row.locked_until, now))


def _count_miss(row: Staff | PinGateState, now: datetime) -> SignInRefused:
    """Count a wrong PIN on a locked row; the fifth in a row locks it. The refusal to raise."""
    row.failed_attempts += 1
    if row.failed_attempts >= MAX_TRIES:
        row.failed_attempts = 0
        row.locked_until = now + LOCK_TIME
        return SignInRefused("staff.locked", minutes=_minutes_left(row.locked_until, now))
    return SignInRefused("staff.wrong_pin", left=MAX_TRIES - row.failed_attempts)


def require_supervisor(session: Session, actor: StaffMember) -> None:
    """Refuse unless ``actor`` is, in the database now, an active supervisor.

    Raises:
        InvalidInput: ``staff.supervisors_only``.
    """
    role = session.scalar(select(Staff.role).where(Staff.id == actor.id, Staff.active.is_(True)))
    if role != SUPERVISOR:
        raise InvalidInput(SUPERVISORS_ONLY)


class StaffDirectory:
    """Signing staff in against the hall database."""

    def __init__(self, db: Database, clock: Clock):
        self._db = db
        self._clock = clock

    def active_members(self) -> list[StaffMember]:
        """Active staff by name, for the console's sign-in list."""
        with self._db.reads() as session:
            rows = session.scalars(select(Staff).where(Staff.active).order_by(Staff.name))
            return [member_of(row) for row in rows]

    def member(self, username: str) -> StaffMember:
        """The active staff member with this username.

        Raises:
            SignInRefused: no such active member (``staff.unknown_user``).
        """
        with self._db.reads() as session:
            row = session.scalar(select(Staff).where(Staff.username == username, Staff.active))
            if row is None:
                raise SignInRefused("staff.unknown_user")
            return member_of(row)

    def sign_in(self, username: str, pin: str) -> StaffMember:
        """Check a user's PIN; the fifth wrong try in a row locks the account for a while.

        Raises:
            SignInRefused: unknown user, wrong PIN (with tries left) or locked.
        """
        if not PIN_PATTERN.match(pin):
            raise SignInRefused(PIN_FORMAT, most=MAX_DIGITS)
        now = self._clock()
        with self._db.sessions.begin() as session:
            row = session.scalar(
                select(Staff).where(Staff.username == username, Staff.active).with_for_update()
            )
            if row is None:
                raise SignInRefused("staff.unknown_user")
            _refuse_if_locked(row, now)
            if verify_pin(pin, row.pin_hash):
                row.failed_attempts = 0
                row.locked_until = None
                return member_of(row)
            refused = _count_miss(row, now)
        raise refused

    def open_gate(self, pin: str, gate: str = KIOSK_GATE) -> StaffMember:
        """The kiosk's PIN-only prompt: the active member whose PIN this is.

        Five wrong PINs in a row lock the prompt for a while, kept in the database, so a
        restart of the kiosk does not open it again.

        Raises:
            SignInRefused: wrong PIN (with tries left) or the prompt is locked.
        """
        now = self._clock()
        with self._db.sessions.begin() as session:
            state = session.get_one(PinGateState, gate, with_for_update=True)
            _refuse_if_locked(state, now)
            rows = (
                session.scalars(select(Staff).where(Staff.active)) if PIN_PATTERN.match(pin) else ()
            )
            member = next((member_of(row) for row in rows if verify_pin(pin, row.pin_hash)), None)
            if member is not None:
                state.failed_attempts = 0
                state.locked_until = None
                return member
            refused = _count_miss(state, now)
        raise refused

    def check_supervisor(self, actor: StaffMember) -> None:
        """What only a supervisor may do (close the kiosk, manage staff): refuse anyone else.

        Raises:
            InvalidInput: ``actor`` is not, in the database now, an active supervisor
                (``staff.supervisors_only``).
        """
        with self._db.reads() as session:
            require_supervisor(session, actor)
