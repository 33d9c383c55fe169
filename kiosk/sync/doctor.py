"""What ``mpp-kiosk doctor`` says about sync: the centre reachable, the token valid, the outbox."""

from __future__ import annotations

from datetime import datetime

from kiosk.db import Database
from kiosk.settings import Settings
from kiosk.sync.client import CentreClient, SyncError, TokenRejectedError
from kiosk.sync.enrolment import EnrolmentError, enrolment_path, load_enrolment
from kiosk.sync.inbox import Inbox
from kiosk.sync.status import sync_status


def centre_check(settings: Settings, db: Database) -> tuple[bool, str]:
    """Whether the enrolled centre answers this device's token: (ok, detail)."""
    if settings.central.kiosk_token:
        return False, (
            "central.kiosk_token in the TOML is ignored: the token belongs in a file of its own;"
            " run 'mpp-kiosk central enrol URL TOKEN' and delete the line"
        )
    try:
        enrolment = load_enrolment(enrolment_path())
    except EnrolmentError as fault:
        return False, str(fault)
    client = CentreClient(enrolment, timeout=(5.0, 15.0))
    try:
        client.pull(Inbox(db, settings.site.zone).cursor())
    except TokenRejectedError:
        return False, f"{enrolment.base_url}: reachable, but the token is revoked or unknown"
    except SyncError as fault:
        return False, f"{enrolment.base_url}: unreachable ({fault})"
    finally:
        client.close()
    return True, f"{enrolment.base_url}: reachable, token valid"


def outbox_check(db: Database, now: datetime) -> tuple[bool, str]:
    """The backlog, the age of the oldest unsent entry, and the refused: (ok, detail)."""
    status = sync_status(db)
    return status.ok(now), status.line(now)
