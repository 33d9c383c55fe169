"""The hall's complaints key: one key per hall, its fingerprint kept in the hall database.

Every device of a hall seals what a person typed (complaints, officers' notes, the sealed
outbox payloads) with the one key in its file ``complaints.key`` beside the hall database
(mode 0600). The hall database records the key's fingerprint (``hall_key``), so:

- a key is made only for a hall that has none recorded (``mpp-kiosk init``, or the
  embedded SQLite box on first need); a device without the hall's key is told to import it
  (``mpp-kiosk key export`` / ``key import``), never given a new one;
- a device whose key is not the hall's refuses to seal anything (:func:`require`, in the
  use case's transaction), and ``doctor`` says why (:func:`health`);
- a rotation (``kiosk.key_rotation``) writes the next key beside the file as
  ``complaints.key.next`` before its transaction commits; whoever next opens the key moves
  it into place once the database names it (:func:`open_device_key`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from kiosk.clock import aware_now, system_clock
from kiosk.db import Database, data_dir
from kiosk.i18n import translate
from kiosk.infra.sealed import (
    KeyFileError,
    Purpose,
    Sealer,
    load_key,
    new_key,
    sync_folder,
    write_key,
)
from kiosk.models import Complaint, ComplaintNote, HallKey, OutboxEntry

KEY_FILE: Final = "complaints.key"
NEXT: Final = ".next"
"""Suffix of the key a rotation made, beside the key file until the database names it."""
_ROW: Final = 1
HALL: Final = Purpose(b"mpp-kiosk complaints fields v1", b"mpp-kiosk complaints key id v1")
"""The labels the hall's key is used under (part of what was stored: never change them)."""


class HallKeyError(KeyFileError):
    """This device's key is not the hall's, or the hall's key is not on this device.

    ``str()`` is the English line for the command line and the log (no personal data);
    :meth:`message` says it in a language for a screen.
    """

    def __init__(self, name: str, /, **params: object) -> None:
        self.key = f"hallkey.{name}"
        self.params: dict[str, object] = dict(params)
        super().__init__(translate(self.key, "en", **self.params))

    def message(self, language: str) -> str:
        """The same line in ``language``."""
        return translate(self.key, language, **self.params)


@dataclass(frozen=True)
class DeviceKey:
    """This device's key and the fingerprint the hall database records.

    Attributes:
        key: the key itself (for ``mpp-kiosk key export``).
        sealer: seals and opens with the device's key.
        hall: the fingerprint the hall records (``None``: no key recorded yet).
    """

    key: bytes = field(repr=False)
    sealer: Sealer
    hall: str | None

    def check(self) -> Sealer:
        """The sealer, if its key is the hall's.

        Raises:
            HallKeyError: it is another key.
        """
        if self.hall != self.sealer.key_id:
            raise HallKeyError("mismatch", device=self.sealer.key_id, hall=self.hall)
        return self.sealer


def key_path() -> Path:
    """Where the device's key lives: beside the hall database in the data directory."""
    return data_dir() / KEY_FILE


def next_path(path: Path) -> Path:
    """Where a rotation leaves the next key until the database names it."""
    return path.with_name(path.name + NEXT)


def sealer_of(key: bytes) -> Sealer:
    """A sealer of the hall's kind of data with ``key``."""
    return Sealer(key, HALL)


def recorded(session: Session, *, lock: bool = False) -> str | None:
    """The fingerprint of the hall's key, if one is recorded.

    Args:
        session: the caller's session.
        lock: hold the record (shared) until the transaction ends, so no rotation
            commits in between (PostgreSQL; a SQLite writer holds the whole file).
    """
    query = select(HallKey.key_id).where(HallKey.id == _ROW)
    return session.scalar(query.with_for_update(read=True) if lock else query)


def record(session: Session, key_id: str) -> str:
    """Record ``key_id`` as the hall's key unless one is recorded; the hall's key after.

    Two devices racing to record theirs both end with the one that was first.
    """
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.execute(
        insert(HallKey)
        .values(id=_ROW, key_id=key_id, recorded_at=aware_now(system_clock))
        .on_conflict_do_nothing(index_elements=["id"])
    )
    found = recorded(session, lock=True)
    assert found is not None
    return found


def replace_record(session: Session, key_id: str, *, expected: str) -> None:
    """The hall's key is now ``key_id`` (a rotation, in its transaction), if it was ``expected``.

    The record stays locked until the transaction ends: no device seals in between.

    Raises:
        HallKeyError: the hall's key is not ``expected`` (another device rotated it).
    """
    row = session.get(HallKey, _ROW, with_for_update=True)
    if row is None or row.key_id != expected:
        raise HallKeyError("mismatch", device=expected, hall=None if row is None else row.key_id)
    row.key_id = key_id
    row.recorded_at = aware_now(system_clock)


def require(session: Session, sealer: Sealer) -> None:
    """Make sure ``sealer`` holds the hall's key before it seals anything in this transaction.

    A hall with no key recorded takes this one. Call it first in the use case's
    transaction: the record stays locked until the end, so no rotation slips in between.

    Raises:
        HallKeyError: the hall's key is another one (nothing is written).
    """
    hall = recorded(session, lock=True) or record(session, sealer.key_id)
    if hall != sealer.key_id:
        raise HallKeyError("mismatch", device=sealer.key_id, hall=hall)


def open_device_key(db: Database, *, create: bool, path: Path | None = None) -> DeviceKey:
    """This device's key, with the hall's fingerprint; a hall with none recorded takes it.

    A rotation that committed while this device held the old file is finished here (the
    next key moved into place); one that did not commit leaves nothing behind.

    Args:
        db: the hall database.
        create: make a key if this device has none and the hall has none recorded.
        path: the key file (by default :func:`key_path`).

    Raises:
        KeyFileError: the key file is unreadable, readable by others or damaged.
        HallKeyError: no key here, and the hall has one (or none is recorded and
            ``create`` is off).
    """
    path = path or key_path()
    with db.sessions.begin() as session:
        hall = recorded(session, lock=True)
        settle_rotation(path, hall)
        made = False
        if not path.exists():
            if hall is not None:
                raise HallKeyError("missing", hall=hall, path=path)
            if not create:
                raise HallKeyError("none", path=path)
            made = write_key(path, new_key())
        key = load_key(path)
        sealer = sealer_of(key)
        hall = hall or record(session, sealer.key_id)
        if made and hall != sealer.key_id:  # another device was first: ours sealed nothing
            path.unlink()
            sync_folder(path.parent)
            raise HallKeyError("missing", hall=hall, path=path)
    return DeviceKey(key, sealer, hall)


@dataclass(frozen=True)
class Installed:
    """What importing a key did: the key's id, whether it was here already, and where the
    key this device held before was moved (``None``: there was none)."""

    key_id: str
    already: bool
    set_aside: Path | None


def install_key(db: Database, key: bytes, path: Path | None = None) -> Installed:
    """Make ``key`` this device's key, if it is the hall's (a hall with none takes it).

    A different key this device held is moved aside (``complaints.key.<id>.old``), never
    deleted: rows it sealed can still be read with it.

    Raises:
        HallKeyError: the hall's key is another one (nothing changed).
    """
    path = path or key_path()
    sealer = sealer_of(key)
    with db.sessions.begin() as session:
        hall = recorded(session, lock=True)
        settle_rotation(path, hall)
        if (hall or record(session, sealer.key_id)) != sealer.key_id:
            raise HallKeyError("not_the_halls", file_key=sealer.key_id, hall=hall)
        set_aside = None
        if path.exists():
            try:
                held: str | None = sealer_of(load_key(path)).key_id
            except KeyFileError:
                held = None
            if held == sealer.key_id:
                return Installed(sealer.key_id, already=True, set_aside=None)
            set_aside = path.with_name(f"{path.name}.{held or 'unusable'}.old")
            os.replace(path, set_aside)
        write_key(path, key)
    return Installed(sealer.key_id, already=False, set_aside=set_aside)


def settle_rotation(path: Path, hall: str | None) -> None:
    """Finish or forget a rotation cut short: keep the next key only if the hall names it."""
    following = next_path(path)
    if not following.exists():
        return
    try:
        named = sealer_of(load_key(following)).key_id == hall
    except KeyFileError:
        named = False
    if named:
        os.replace(following, path)
    else:
        following.unlink()
    sync_folder(path.parent)


def health(db: Database, path: Path | None = None) -> tuple[bool, str]:
    """Whether this device can seal and open the hall's data, and why not in one line.

    Reads only: a hall with no key recorded yet is fine (its first complaint records one).

    Raises:
        kiosk.db.DatabaseError: the database cannot be read.
    """
    path = path or key_path()
    with db.reads() as session:
        hall = recorded(session)
        if hall is not None and not path.exists():
            return False, str(HallKeyError("missing", hall=hall, path=path))
        try:
            sealer = sealer_of(load_key(path, hint="run 'mpp-kiosk init'"))
        except KeyFileError as exc:
            return False, str(exc)
        if hall is None:
            return True, f"{path}, key {sealer.key_id} (the hall records none yet)"
        if hall != sealer.key_id:
            return False, str(HallKeyError("mismatch", device=sealer.key_id, hall=hall))
        others = foreign_rows(session, hall)
    if others:
        return False, str(HallKeyError("foreign_rows", count=others, hall=hall))
    return True, f"{path}, the hall's key {hall} (readable by this user only)"


def foreign_rows(session: Session, key_id: str) -> int:
    """How many sealed rows carry another key id than ``key_id`` (they cannot be opened)."""
    return sum(
        session.scalar(select(func.count()).where(column.is_not(None), column != key_id)) or 0
        for column in (Complaint.key_id, ComplaintNote.key_id, OutboxEntry.key_id)
    )
