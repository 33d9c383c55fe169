"""A new key for the hall: every sealed row re-sealed under it, in one transaction.

The next key is written beside the key file (``complaints.key.next``) before the
transaction starts, so it is on disk before any row depends on it; the transaction
re-seals the complaints (and their notes) and the sealed outbox payloads and records the
new fingerprint; then the next key takes the key file's place. Cut short after the commit,
the move is finished by whoever opens the key next (``kiosk.hall_key.settle_rotation``);
before it, nothing changed and the next key is forgotten.

A row the hall's key cannot open stops the rotation before anything is changed: re-sealing
the others would leave it behind under a key nobody holds any more.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from kiosk.complaints.records import reseal_complaints
from kiosk.db import Database
from kiosk.hall_key import (
    HallKeyError,
    key_path,
    next_path,
    open_device_key,
    replace_record,
    sealer_of,
)
from kiosk.infra.sealed import KeyFileError, new_key, sync_folder, write_key
from kiosk.sync.outbox import reseal_outbox


@dataclass(frozen=True)
class Rotation:
    """What a rotation did: the key ids before and after, and the rows it re-sealed."""

    old: str
    new: str
    complaints: int
    notes: int
    outbox: int


def rotate(db: Database, path: Path | None = None) -> Rotation:
    """Seal everything again under a new key and make it this device's and the hall's.

    Other devices of the hall refuse to seal until they import the new key.

    Raises:
        KeyFileError: this device's key is missing, unusable or not the hall's.
        HallKeyError: some rows cannot be opened with the hall's key (nothing changed).
    """
    path = path or key_path()
    old = open_device_key(db, create=False, path=path).check()
    following = next_path(path)
    key = new_key()
    if not write_key(following, key):
        raise KeyFileError(f"{following} exists: another rotation is under way")
    new = sealer_of(key)
    try:
        with db.sessions.begin() as session:
            replace_record(session, new.key_id, expected=old.key_id)
            complaints, notes, unreadable = reseal_complaints(session, old, new)
            outbox, unopened = reseal_outbox(session, old, new)
            blocked = unreadable + unopened
            if blocked:
                raise HallKeyError(
                    "rotate_blocked", count=len(blocked), hall=old.key_id, first=blocked[0]
                )
    except BaseException:
        following.unlink()
        sync_folder(path.parent)
        raise
    os.replace(following, path)
    sync_folder(path.parent)
    return Rotation(old.key_id, new.key_id, complaints, notes, outbox)
