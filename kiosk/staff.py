"""Staff sign-in with a personal PIN: five wrong tries lock the account (or the kiosk panel)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from kiosk.clock import Clock
from kiosk.db import Database
from kiosk.errors import InvalidInput
from kiosk.models import Staff
from kiosk.pins import MAX_DIGITS, PIN_PATTERN, verify_pin

MAX_TRIES = 5
LOCK_TIME = timedelta(minutes=5)
SUPERVISOR = "supervisor"


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


def _member(row: Staff) -> StaffMember:
    return StaffMember(id=row.id, username=row.username, name=row.name, role=row.role)


def _minutes_left(until: datetime, now: datetime) -> int:
    return max(1, math.ceil((until - now).total_seconds() / 60))


class StaffDirectory:
    """Signing staff in against the hall database."""

    def __init__(self, db: Database, clock: Clock):
        self._db = db
        self._clock = clock

    def usernames(self) -> list[str]:
        """Active staff, for the console's sign-in list."""
        with self._db.reads() as session:
            return list(
                session.scalars(select(Staff.username).where(Staff.active).order_by(Staff.name))
            )

    def member(self, username: str) -> StaffMember:
        """The active staff member with this username.

        Raises:
            SignInRefused: no such active member (``staff.unknown_user``).
        """
        with self._db.reads() as session:
            row = session.scalar(select(Staff).where(Staff.username == username, Staff.active))
            if row is None:
                raise SignInRefused("staff.unknown_user")
            return _member(row)

    def sign_in(self, username: str, pin: str) -> StaffMember:
        """Check a user's PIN; the fifth wrong try in a row locks the account for a while.

        Raises:
            SignInRefused: unknown user, wrong PIN (with tries left) or locked.
        """
        if not PIN_PATTERN.match(pin):
            raise SignInRefused("staff.pin_format", most=MAX_DIGITS)
        now = self._clock()
        with self._db.sessions.begin() as session:
            row = session.scalar(select(Staff).where(Staff.username == username, Staff.active))
            if row is None:
                raise SignInRefused("staff.unknown_user")
            if row.locked_until is not None and row.locked_until > now:
                raise SignInRefused("staff.locked", minutes=_minutes_left(row.locked_until, now))
            if verify_pin(pin, row.pin_hash):
                row.failed_attempts = 0
                row.locked_until = None
                return _member(row)
            row.failed_attempts += 1
            if row.failed_attempts >= MAX_TRIES:
                row.failed_attempts = 0
                row.locked_until = now + LOCK_TIME
                locked = SignInRefused("staff.locked", minutes=_minutes_left(row.locked_until, now))
            else:
                locked = SignInRefused("staff.wrong_pin", left=MAX_TRIES - row.failed_attempts)
        raise locked

    def member_with_pin(self, pin: str) -> StaffMember | None:
        """The active staff member whose PIN this is, if any (the kiosk's PIN-only prompt)."""
        with self._db.reads() as session:
            rows = list(session.scalars(select(Staff).where(Staff.active)))
        return next((_member(row) for row in rows if verify_pin(pin, row.pin_hash)), None)


class PinGate:
    """The kiosk's PIN-only staff prompt: five wrong PINs lock it for a while."""

    def __init__(self, directory: StaffDirectory, clock: Clock):
        self._directory = directory
        self._clock = clock
        self._failures = 0
        self._locked_until: datetime | None = None

    def open(self, pin: str) -> StaffMember:
        """The staff member a PIN belongs to.

        Raises:
            SignInRefused: wrong PIN (with tries left) or the prompt is locked.
        """
        now = self._clock()
        if self._locked_until is not None and self._locked_until > now:
            raise SignInRefused("staff.locked", minutes=_minutes_left(self._locked_until, now))
        member = self._directory.member_with_pin(pin) if PIN_PATTERN.match(pin) else None
        if member is not None:
            self._failures = 0
            return member
        self._failures += 1
        if self._failures >= MAX_TRIES:
            self._failures = 0
            self._locked_until = now + LOCK_TIME
            raise SignInRefused("staff.locked", minutes=_minutes_left(self._locked_until, now))
        raise SignInRefused("staff.wrong_pin", left=MAX_TRIES - self._failures)
