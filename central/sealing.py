"""The centre's complaints key: what it seals (complaints' personal answers) and where.

The key file and the sealing are ``kiosk.infra.sealed``'s, shared with the hall; the centre
keys its own with :data:`CENTRE`, so a hall's key never opens the centre's data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from kiosk.infra.sealed import Purpose, Sealer, load_key

CENTRE: Final = Purpose(b"mpp-central complaints v1", b"mpp-central complaints key id v1")
"""The labels the centre's key is used under (part of what was stored: never change them)."""
INIT_HINT: Final = "run 'mpp-central init'"


def complaints_sealer(path: Path) -> Sealer:
    """The centre's sealer, with the key in ``path``.

    Raises:
        kiosk.infra.sealed.KeyFileError: no file, a file others may read, or not a key.
    """
    return centre_sealer(load_key(path, hint=INIT_HINT))


def centre_sealer(key: bytes) -> Sealer:
    """A sealer of the centre's kind of data with ``key``."""
    return Sealer(key, CENTRE)


def personal_place(site_id: str, token: str) -> str:
    """Where a complaint's personal answers belong (the associated data they are sealed to)."""
    return f"complaints.personal_sealed:{site_id}:{token}"
