"""Staff accounts: add, change a PIN, disable, list (``mpp-kiosk staff``); supervisors manage.

The first supervisor of a hall is added by whoever runs the command on the hall's PC; once
a hall has an active supervisor, every change needs one (signed in with their PIN), except
that a member may change their own PIN.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.clock import Clock
from kiosk.db import Database
from kiosk.errors import InvalidInput
from kiosk.models import Staff
from kiosk.pins import DEMO_PINS, check_new_pin, hash_pin, verify_pin
from kiosk.settings import StaffSection
from kiosk.staff import ROLES, SUPERVISOR, StaffMember, member_of, require_supervisor
from kiosk.text import clean_text

USERNAME: Final = re.compile(r"^[a-z][a-z0-9._-]{1,39}$")
NAME_LENGTH: Final = 120
USERNAME_FORMAT: Final = "staff.username_format"
USERNAME_TAKEN: Final = "staff.username_taken"
UNKNOWN_USER: Final = "staff.unknown_user"
UNKNOWN_ROLE: Final = "staff.unknown_role"
SUPERVISOR_NEEDED: Final = "staff.supervisor_needed"
LAST_SUPERVISOR: Final = "staff.last_supervisor"


@dataclass(frozen=True, slots=True)
class StaffAccount:
    """A line of ``mpp-kiosk staff list`` (a lock only while it holds); never a PIN or hash."""

    username: str
    name: str
    role: str
    active: bool
    locked_until: datetime | None


class StaffAccounts:
    """The hall's staff accounts; each method is one transaction.

    Args:
        db: the hall database.
        policy: the site's ``[staff]`` settings (how many digits a PIN needs).
        clock: the hall's clock.
    """

    def __init__(self, db: Database, policy: StaffSection, clock: Clock) -> None:
        self._db = db
        self._policy = policy
        self._clock = clock

    def add(
        self, actor: StaffMember | None, username: str, name: str, role: str, pin: str
    ) -> StaffMember:
        """Add an active member with a PIN of their own.

        Args:
            actor: the supervisor adding them; None only while the hall has no active
                supervisor (its first one).

        Raises:
            InvalidInput: a bad username, name, role or PIN, a username in use, or no
                supervisor acting; nothing is stored.
        """
        if not USERNAME.match(username):
            raise InvalidInput(USERNAME_FORMAT)
        if role not in ROLES:
            raise InvalidInput(UNKNOWN_ROLE, roles=", ".join(ROLES))
        cleaned = clean_text(name, max_length=NAME_LENGTH, multiline=False)
        pin_hash = hash_pin(check_new_pin(pin, self._policy.pin_length))
        with self._db.sessions.begin() as session:
            _authorise(session, actor)
            if session.scalar(select(Staff.id).where(Staff.username == username)) is not None:
                raise InvalidInput(USERNAME_TAKEN, username=username)
            row = Staff(
                username=username,
                name=cleaned,
                role=role,
                pin_hash=pin_hash,
                failed_attempts=0,
                active=True,
            )
            session.add(row)
            session.flush()
            return member_of(row)

    def set_pin(self, actor: StaffMember, username: str, pin: str) -> None:
        """Give a member a new PIN (their own, or a supervisor's reset); clears a lock.

        Raises:
            InvalidInput: a PIN too short or too easy, an unknown user, or an actor who
                is neither the member nor a supervisor.
        """
        pin_hash = hash_pin(check_new_pin(pin, self._policy.pin_length))
        with self._db.sessions.begin() as session:
            row = _find(session, username)
            if row.id != actor.id:
                require_supervisor(session, actor)
            row.pin_hash = pin_hash
            row.failed_attempts = 0
            row.locked_until = None

    def disable(self, actor: StaffMember, username: str) -> None:
        """Disable an account: it can no longer sign in; its history stays.

        Raises:
            InvalidInput: not a supervisor acting, an unknown user, or the hall's last
                active supervisor.
        """
        with self._db.sessions.begin() as session:
            require_supervisor(session, actor)
            row = _find(session, username)
            if row.role == SUPERVISOR and _supervisors(session) <= 1:
                raise InvalidInput(LAST_SUPERVISOR)
            row.active = False

    def listing(self) -> list[StaffAccount]:
        """Every account, active or not, by username."""
        now = self._clock()
        with self._db.reads() as session:
            rows = session.scalars(select(Staff).order_by(Staff.username))
            return [
                StaffAccount(
                    username=row.username,
                    name=row.name,
                    role=row.role,
                    active=row.active,
                    locked_until=row.locked_until
                    if row.locked_until is not None and row.locked_until > now
                    else None,
                )
                for row in rows
            ]

    def demo_pins_in_use(self) -> list[str]:
        """The usernames of active members who still sign in with a demo PIN."""
        with self._db.reads() as session:
            rows = session.scalars(select(Staff).where(Staff.active).order_by(Staff.username))
            return [
                row.username
                for row in rows
                if any(verify_pin(pin, row.pin_hash) for pin in DEMO_PINS)
            ]

    def has_supervisor(self) -> bool:
        """Whether the hall has an active supervisor (``init`` says how to add the first)."""
        with self._db.reads() as session:
            return _supervisors(session) > 0


def _supervisors(session: Session) -> int:
    return (
        session.scalar(select(func.count()).where(Staff.role == SUPERVISOR, Staff.active.is_(True)))
        or 0
    )


def _authorise(session: Session, actor: StaffMember | None) -> None:
    if actor is not None:
        require_supervisor(session, actor)
    elif _supervisors(session) > 0:
        raise InvalidInput(SUPERVISOR_NEEDED)


def _find(session: Session, username: str) -> Staff:
    row = session.scalar(select(Staff).where(Staff.username == username).with_for_update())
    if row is None:
        raise InvalidInput(UNKNOWN_USER)
    return row
