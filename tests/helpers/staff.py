"""Staff for core tests: a supervisor and an officer added straight to the hall database."""

from __future__ import annotations

from kiosk.hall import Hall
from kiosk.models import Staff
from kiosk.pins import hash_pin
from kiosk.staff import SUPERVISOR, StaffMember


def add_member(hall: Hall, username: str, role: str, pin: str = "4826") -> StaffMember:
    """Add an active staff member with this role and PIN; returns them as the core sees them."""
    with hall.db.sessions.begin() as session:
        member = Staff(username=username, name=username.title(), role=role, pin_hash=hash_pin(pin))
        session.add(member)
    return hall.staff.member(username)


def supervisor(hall: Hall) -> StaffMember:
    """An active supervisor (kepala)."""
    return add_member(hall, "kepala", SUPERVISOR)


def officer(hall: Hall) -> StaffMember:
    """An active counter officer, who is not a supervisor."""
    return add_member(hall, "siti", "officer")
