"""Officers of the complaint desk: accounts, Argon2id passwords, sign-in with a lockout, sessions.

A password is kept only as its Argon2id hash (argon2-cffi's defaults, RFC 9106's
recommended profile). Before a password is checked, the attempt is counted in the database
by one conditional ``UPDATE`` that refuses once ``lockout_attempts`` are used up: however
many guesses arrive at once, from however many workers, no more than that many are ever
checked until ``lockout_minutes`` have passed; a success clears the count. A session is a
random token in a cookie; the centre keeps its SHA-256 and a CSRF token, and ends it after
``session_idle_minutes`` without use or ``session_max_hours`` in all.
"""

from __future__ import annotations

import enum
import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Final

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from central import audit
from central.audit import Action
from central.db import Database
from central.devices import SITE_ID
from central.models import DeskSession, Officer
from central.settings import DeskSection

USERNAME: Final = re.compile(r"^[a-z][a-z0-9._-]{1,63}$")
MIN_PASSWORD: Final = 12
MAX_PASSWORD: Final = 1024


class Role(enum.StrEnum):
    """What an officer may do: look (viewer), handle cases (handler), and everything (admin)."""

    VIEWER = "viewer"
    HANDLER = "handler"
    ADMIN = "admin"


class OfficerError(Exception):
    """An account command that cannot be done as asked; the message is one line."""


@dataclass(frozen=True)
class OfficerView:
    """A signed-in (or listed) officer: never the password's hash."""

    id: int
    username: str
    role: Role
    sites: tuple[str, ...]
    """The halls the officer may see; empty for every hall."""

    def sees(self, site_id: str) -> bool:
        """Whether the officer may see a complaint of ``site_id``."""
        return not self.sites or site_id in self.sites

    @property
    def handles(self) -> bool:
        """Whether the officer may reveal personal data, write notes and move a status."""
        return self.role in (Role.HANDLER, Role.ADMIN)


@dataclass(frozen=True)
class DeskPolicy:
    """The ``[desk]`` rules of sessions and of the lockout."""

    idle: timedelta
    lifetime: timedelta
    attempts: int
    lockout: timedelta

    @classmethod
    def of(cls, desk: DeskSection) -> DeskPolicy:
        """The policy of the configured ``[desk]`` section."""
        return cls(
            idle=timedelta(minutes=desk.session_idle_minutes),
            lifetime=timedelta(hours=desk.session_max_hours),
            attempts=desk.lockout_attempts,
            lockout=timedelta(minutes=desk.lockout_minutes),
        )


class Outcome(enum.StrEnum):
    """How a sign-in ended."""

    SIGNED_IN = "signed_in"
    REFUSED = "refused"
    """Unknown name, wrong password or disabled account: the same answer for each."""
    LOCKED = "locked"


@dataclass(frozen=True)
class SignIn:
    """A sign-in's outcome; the session's cookie token and CSRF token when it succeeded."""

    outcome: Outcome
    token: str = ""
    csrf: str = ""


@dataclass(frozen=True)
class Signed:
    """A live session: who, and the CSRF token its forms carry."""

    officer: OfficerView
    csrf: str
    token_hash: str


@cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()


@cache
def _decoy() -> str:
    """A hash checked for unknown names, so a refusal takes as long whoever was named."""
    return _hasher().hash(secrets.token_hex(16))


def _view(row: Officer) -> OfficerView:
    return OfficerView(row.id, row.username, Role(row.role), tuple(row.sites.split()))


def _hash_of(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def check_password(password: str) -> str:
    """``password`` when it is long enough to keep.

    Raises:
        OfficerError: too short or too long.
    """
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise OfficerError(f"a password has {MIN_PASSWORD} to {MAX_PASSWORD} characters")
    return password


def _sites(sites: list[str]) -> str:
    for site in sites:
        if not SITE_ID.fullmatch(site):
            raise OfficerError(f"{site!r} is not a site id (lower-case letters, digits and -)")
    return " ".join(sorted(set(sites)))


def add_officer(
    db: Database, username: str, password: str, role: Role, sites: list[str], now: datetime
) -> OfficerView:
    """A new officer account.

    Raises:
        OfficerError: a malformed name or site, a short password, or a name already taken.
    """
    if not USERNAME.fullmatch(username):
        raise OfficerError(
            f"{username!r} is not a user name (2-64 of a-z 0-9 . _ -, starting with a letter)"
        )
    row = Officer(
        username=username,
        password_hash=_hasher().hash(check_password(password)),
        role=role.value,
        sites=_sites(sites),
        created_at=now,
        failed_attempts=0,
    )
    with db.sessions.begin() as session:
        if session.scalar(select(Officer.id).where(Officer.username == username)) is not None:
            raise OfficerError(f"officer {username} already exists")
        session.add(row)
        session.flush()
        _account_changed(session, now, f"added {username} as {role.value}")
        return _view(row)


def _account_changed(session: Session, now: datetime, detail: str) -> None:
    """The audit row of an account change made by a command on the centre's machine."""
    audit.record(
        session,
        officer=audit.SYSTEM,
        action=Action.OFFICER,
        address=audit.LOCAL,
        at=now,
        detail=detail,
    )


def _officer(session: Session, username: str) -> Officer:
    row = session.scalar(select(Officer).where(Officer.username == username))
    if row is None:
        raise OfficerError(f"no officer {username}")
    return row


def set_password(db: Database, username: str, password: str, now: datetime) -> None:
    """A new password; it also lifts a lockout and ends the officer's sessions.

    Raises:
        OfficerError: no such officer, or a short password.
    """
    hashed = _hasher().hash(check_password(password))
    with db.sessions.begin() as session:
        row = _officer(session, username)
        row.password_hash, row.failed_attempts, row.locked_at = hashed, 0, None
        session.execute(delete(DeskSession).where(DeskSession.officer_id == row.id))
        _account_changed(session, now, f"new password for {username}")


def disable_officer(db: Database, username: str, now: datetime) -> bool:
    """Refuse the officer's sign-ins and end their sessions; False when already disabled.

    Raises:
        OfficerError: no such officer.
    """
    with db.sessions.begin() as session:
        row = _officer(session, username)
        was_live = row.disabled_at is None
        row.disabled_at = row.disabled_at or now
        session.execute(delete(DeskSession).where(DeskSession.officer_id == row.id))
        if was_live:
            _account_changed(session, now, f"disabled {username}")
        return was_live


def sign_in(
    db: Database, username: str, password: str, address: str, now: datetime, policy: DeskPolicy
) -> SignIn:
    """Check a name and password; a new session when they match.

    The attempt is counted (and committed) before the password is checked, so parallel
    attempts cannot exceed ``policy.attempts``; every outcome is in the audit log.
    """
    with db.sessions.begin() as session:
        # A lockout that has run its time is lifted first.
        session.execute(
            update(Officer)
            .where(
                Officer.username == username,
                Officer.locked_at.is_not(None),
                Officer.locked_at <= now - policy.lockout,
            )
            .values(failed_attempts=0, locked_at=None)
        )
        taken = session.execute(
            update(Officer)
            .where(
                Officer.username == username,
                Officer.disabled_at.is_(None),
                Officer.failed_attempts < policy.attempts,
            )
            .values(failed_attempts=Officer.failed_attempts + 1, locked_at=now)
            .returning(Officer.id, Officer.password_hash, Officer.failed_attempts)
        ).first()
        if taken is not None and taken.failed_attempts < policy.attempts:
            # Not the last attempt allowed: no lockout yet (set only by the last one).
            session.execute(update(Officer).where(Officer.id == taken.id).values(locked_at=None))
        locked = taken is None and (
            session.scalar(
                select(Officer.id).where(
                    Officer.username == username,
                    Officer.disabled_at.is_(None),
                    Officer.locked_at.is_not(None),
                )
            )
            is not None
        )
    stored = taken.password_hash if taken is not None else _decoy()
    try:
        matched = _hasher().verify(stored, password) and taken is not None
    except (VerificationError, InvalidHashError):
        matched = False
    with db.sessions.begin() as session:
        if not matched:
            reason = "locked" if locked else "refused"
            audit.record(
                session,
                officer=username[:64],
                action=Action.SIGN_IN_FAILED,
                address=address,
                at=now,
                detail=reason,
            )
            return SignIn(Outcome.LOCKED if locked else Outcome.REFUSED)
        assert taken is not None
        row = session.get_one(Officer, taken.id)
        row.failed_attempts, row.locked_at = 0, None
        if _hasher().check_needs_rehash(row.password_hash):
            row.password_hash = _hasher().hash(password)
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        session.add(
            DeskSession(
                token_hash=_hash_of(token),
                officer_id=row.id,
                csrf=csrf,
                created_at=now,
                last_seen_at=now,
                address=address[:64],
            )
        )
        audit.record(session, officer=row.username, action=Action.SIGN_IN, address=address, at=now)
    return SignIn(Outcome.SIGNED_IN, token, csrf)


def session_of(session: Session, token: str, now: datetime, policy: DeskPolicy) -> Signed | None:
    """The live session of a cookie's token, its last use moved to ``now``; None when there
    is none, it expired (then it is ended) or its officer was disabled."""
    if not token or len(token) > 128 or not token.isascii():
        return None
    hashed = _hash_of(token)
    found = session.execute(
        select(DeskSession, Officer)
        .join(Officer, Officer.id == DeskSession.officer_id)
        .where(DeskSession.token_hash == hashed)
    ).first()
    if found is None:
        return None
    live, officer = found
    if (
        officer.disabled_at is not None
        or now - live.last_seen_at > policy.idle
        or now - live.created_at > policy.lifetime
    ):
        session.delete(live)
        return None
    live.last_seen_at = now
    return Signed(_view(officer), live.csrf, hashed)


def sign_out(session: Session, signed: Signed, address: str, now: datetime) -> None:
    """End the session, and say so in the audit log."""
    session.execute(delete(DeskSession).where(DeskSession.token_hash == signed.token_hash))
    audit.record(
        session, officer=signed.officer.username, action=Action.SIGN_OUT, address=address, at=now
    )


def list_officers(db: Database) -> list[tuple[OfficerView, bool]]:
    """Every officer, and whether their account is live."""
    with db.reads() as session:
        return [
            (_view(row), row.disabled_at is None)
            for row in session.scalars(select(Officer).order_by(Officer.username))
        ]
