"""The hall device's enrolment: the centre's URL and its device token, in a file of its own.

The token is a secret that lets a device write its site's records at the centre, so it
never sits in the site TOML (which is copied, mailed and committed): ``mpp-kiosk central
enrol URL TOKEN`` writes it to ``central-device.json`` in the data directory, mode 0600,
through a temporary file opened with ``O_EXCL``, synced, then renamed into place
(``kiosk.infra.sealed.write_secret``, as the complaints key is written), so the file is
never seen half-written. Enrolling again replaces it, so a revoked token is swapped for a
new one without editing anything.
"""

from __future__ import annotations

import json
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from kiosk.db import data_dir
from kiosk.infra.sealed import write_secret

ENROLMENT_FILE: Final = "central-device.json"
_URL: Final = re.compile(r"^https?://[^\s/]+(/[^\s]*)?$")
_TOKEN: Final = re.compile(r"^[A-Za-z0-9_\-.~+/=]{16,200}$")


class EnrolmentError(Exception):
    """The enrolment file is missing, unreadable, too open or damaged; the message says which."""


@dataclass(frozen=True)
class Enrolment:
    """Where the centre is and the device token this hall device signs its requests with."""

    base_url: str
    token: str

    def __post_init__(self) -> None:
        if not _URL.fullmatch(self.base_url):
            raise ValueError(f"{self.base_url!r} is not an http(s) URL like https://rekam.example")
        if not _TOKEN.fullmatch(self.token):
            raise ValueError("the device token is not one `mpp-central device add` prints")

    def __repr__(self) -> str:  # the token never reaches a log or a traceback
        return f"Enrolment(base_url={self.base_url!r}, token=…)"


def enrolment_path() -> Path:
    """Where the enrolment lives: beside the hall database in the data directory."""
    return data_dir() / ENROLMENT_FILE


def save_enrolment(path: Path, enrolment: Enrolment) -> None:
    """Write ``enrolment`` to ``path`` (mode 0600), replacing any earlier one atomically."""
    body = json.dumps({"base_url": enrolment.base_url.rstrip("/"), "token": enrolment.token})
    write_secret(path, (body + "\n").encode("utf-8"), replace=True)


def load_enrolment(path: Path) -> Enrolment:
    """The enrolment in ``path``.

    Raises:
        EnrolmentError: no file (not enrolled), others may read it, or it is damaged.
    """
    try:
        mode = path.stat().st_mode
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise EnrolmentError(
            f"this device is not enrolled ({path} is missing): run "
            "'mpp-kiosk central enrol URL TOKEN' with a token from 'mpp-central device add'"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8"
        raise EnrolmentError(f"cannot read the enrolment {path}: {reason}") from None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise EnrolmentError(f"the enrolment {path} is readable by others: chmod 600 it")
    try:
        data = json.loads(raw)
        return Enrolment(base_url=str(data["base_url"]), token=str(data["token"]))
    except (ValueError, KeyError, TypeError):
        raise EnrolmentError(
            f"the enrolment {path} is damaged: run 'mpp-kiosk central enrol URL TOKEN' again"
        ) from None
