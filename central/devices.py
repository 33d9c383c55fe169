"""Hall devices and their tokens: made once, shown once, kept only as a SHA-256, revocable.

A token is 128 random bits in base32 without padding (26 characters). The centre keeps
its SHA-256 in hex: a leaked database gives no token, and a lookup by hash is one index
probe (a token has the entropy a slow hash would guard a password with).
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.db import Database
from central.models import Device, Site

SITE_ID: Final = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}$")
"""A site id as the hall's configuration spells it (``mpp-kab-probolinggo``)."""
NEW_SITE_TIMEZONE: Final = "Asia/Jakarta"


class DeviceError(Exception):
    """A device command cannot be done as asked (unknown id, malformed site); one line."""


@dataclass(frozen=True)
class DeviceInfo:
    """A device as the operator sees it (never its token)."""

    id: int
    site_id: str
    name: str
    created_at: datetime
    revoked_at: datetime | None
    last_seen_at: datetime | None


@dataclass(frozen=True)
class NewDevice:
    """A device just made, with the token shown this once, and whether its site is new."""

    device: DeviceInfo
    token: str
    site_created: bool


def new_token() -> str:
    """A fresh device token: 128 random bits, RFC 4648 base32 without padding."""
    return base64.b32encode(secrets.token_bytes(16)).decode("ascii").rstrip("=")


def token_hash(token: str) -> str:
    """What the centre keeps of a token: its SHA-256 in hex."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def device_for_token(session: Session, token: str) -> Device | None:
    """The device a bearer token belongs to, revoked or not, or None."""
    return session.scalar(select(Device).where(Device.token_hash == token_hash(token)))


def info_of(device: Device) -> DeviceInfo:
    """The operator's view of a device row."""
    return DeviceInfo(
        id=device.id,
        site_id=device.site_id,
        name=device.name,
        created_at=device.created_at,
        revoked_at=device.revoked_at,
        last_seen_at=device.last_seen_at,
    )


def ensure_site(session: Session, site_id: str, now: datetime) -> bool:
    """Make the site's row if there is none; True if it was made.

    A new site carries its id as its name until the hall's first sync sends its name,
    time zone and hotline.

    Raises:
        DeviceError: ``site_id`` is not a site id.
    """
    if not SITE_ID.match(site_id):
        raise DeviceError(
            f"{site_id!r} is not a site id (lower-case letters, digits and dashes, "
            "as in the hall's site.id)"
        )
    if session.get(Site, site_id) is not None:
        return False
    session.add(
        Site(site_id=site_id, name=site_id, timezone=NEW_SITE_TIMEZONE, hotline="", created_at=now)
    )
    session.flush()
    return True


def add_device(db: Database, site_id: str, name: str, now: datetime) -> NewDevice:
    """Make a device for a site (and the site if it is new); its token is returned once.

    Raises:
        DeviceError: the site id or the name is malformed.
    """
    name = name.strip()
    if not name or len(name) > 120:
        raise DeviceError("a device name has 1 to 120 characters")
    token = new_token()
    with db.sessions.begin() as session:
        created = ensure_site(session, site_id, now)
        device = Device(site_id=site_id, name=name, token_hash=token_hash(token), created_at=now)
        session.add(device)
        session.flush()
        info = info_of(device)
    return NewDevice(device=info, token=token, site_created=created)


def list_devices(db: Database) -> list[DeviceInfo]:
    """Every device, by site and id."""
    with db.reads() as session:
        rows = session.scalars(select(Device).order_by(Device.site_id, Device.id))
        return [info_of(device) for device in rows]


def revoke_device(db: Database, device_id: int, now: datetime) -> tuple[DeviceInfo, bool]:
    """Refuse a device's token from now on; returns the device and whether it was live.

    Raises:
        DeviceError: no device has this id.
    """
    with db.sessions.begin() as session:
        device = session.get(Device, device_id)
        if device is None:
            raise DeviceError(f"no device {device_id} (see 'mpp-central device list')")
        was_live = device.revoked_at is None
        if was_live:
            device.revoked_at = now
        return info_of(device), was_live
