"""What the complaint desk tells the central records service: the contract's complaint entries.

A submitted complaint's entry carries, in ``personal``, every answer the agency's officers
need to handle the case, as plain strings named as the draft names them (the P3MI as
``placement_company``), and the consent proof. It is kept sealed in the hall's outbox as
the complaint is (``kiosk.sync.outbox``), leaves the hall only over the sync API and is
sealed again at the centre; nothing here logs it, and a payload that does not validate is
reported by field name only, never with the values.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable
from datetime import datetime
from typing import Final, TypeVar

from pydantic import ValidationError

from kiosk.complaints.categories import Status
from kiosk.complaints.form import ComplaintDraft
from kiosk.identity import mask_name
from kiosk.models import Complaint
from kiosk.sync import contract
from kiosk.sync.ids import uuid7

IN_PAYLOAD: Final = frozenset({"categories", "urgent", "destination_country"})
"""The draft's answers the payload carries in the clear beside ``personal``."""
WIRE_NAMES: Final = {"p3mi": "placement_company"}
"""Answers named otherwise in ``personal``, whose keys are lower-case letters and ``_`` only."""
_T = TypeVar("_T")


class EntryError(ValueError):
    """A complaint entry that does not fit the contract; the message names fields, not values."""


def submitted_entry(
    row: Complaint, draft: ComplaintDraft, at: datetime
) -> contract.ComplaintSubmittedEntry:
    """The entry of a complaint just kept (its reference, token and consent proof set)."""
    personal = {
        WIRE_NAMES.get(field.name, field.name): _plain(value)
        for field in dataclasses.fields(draft)
        if field.name not in IN_PAYLOAD and (value := getattr(draft, field.name)) is not None
    }
    personal["consent_proof"] = row.consent_proof
    return _checked(
        lambda: contract.ComplaintSubmittedEntry(
            id=uuid7(at),
            kind="complaint.submitted",
            token=row.public_token,
            occurred_at=at,
            payload=contract.ComplaintSubmitted(
                reference=row.reference,
                day=row.day,
                urgent=row.urgent,
                categories=list(draft.categories),
                destination_country=row.destination_country,
                reporter_masked=mask_name(draft.reporter_name),
                personal=personal,
            ),
        )
    )


def note_entry(row: Complaint, text: str, at: datetime) -> contract.ComplaintNoteEntry:
    """The entry of an officer's note at the hall: not public (the hall has no public notes)."""
    return _checked(
        lambda: contract.ComplaintNoteEntry(
            id=uuid7(at),
            kind="complaint.note",
            token=row.public_token,
            occurred_at=at,
            payload=contract.ComplaintNote(note_id=uuid7(at), text=text, public=False),
        )
    )


def status_entry(row: Complaint, status: Status, at: datetime) -> contract.ComplaintStatusEntry:
    """The entry of a status move; the officer's words on it travel as a note of their own."""
    return contract.ComplaintStatusEntry(
        id=uuid7(at),
        kind="complaint.status",
        token=row.public_token,
        occurred_at=at,
        payload=contract.ComplaintStatus(status=status),
    )


def _plain(value: object) -> str:
    if isinstance(value, enum.Enum):
        return str(value.value)
    return str(value)


def _checked(build: Callable[[], _T]) -> _T:
    """``build()``, its validation error replaced by one that names the fields only."""
    try:
        return build()
    except ValidationError as error:
        fields = sorted({".".join(str(part) for part in e["loc"]) for e in error.errors()})
        raise EntryError(
            f"complaint entry does not fit the contract: {', '.join(fields)}"
        ) from None
