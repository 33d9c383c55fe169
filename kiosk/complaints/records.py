"""Query helpers of the complaint store: sealing rows, finding them; they never commit."""

from __future__ import annotations

from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.complaints.categories import Category, Channel, Relation, Status, destination
from kiosk.complaints.crypto import FieldCipher
from kiosk.complaints.form import ComplaintDraft
from kiosk.complaints.views import ComplaintNoteView
from kiosk.errors import InvalidInput
from kiosk.models import Complaint, ComplaintNote, Staff
from kiosk.references import InvalidReference, RefKind, parse_reference
from kiosk.vocab import Gender

UNKNOWN_REFERENCE: Final = "complaints.unknown_reference"
UNKNOWN_STAFF: Final = "complaints.unknown_staff"
MESSAGE_KEYS: Final = frozenset({UNKNOWN_REFERENCE, UNKNOWN_STAFF})
PERSONAL: Final = (
    "reporter_name",
    "reporter_nik",
    "reporter_phone",
    "reporter_region",
    "worker_name",
    "worker_nik",
    "worker_passport",
    "destination_city",
    "employer",
    "p3mi",
    "job",
    "chronology",
    "request",
)
"""The columns of ``complaints`` that hold AES-GCM ciphertexts of what a person typed."""


def place(column: str, reference: str) -> str:
    """The associated data a value is sealed with: its table, column and complaint."""
    return f"{column}:{reference}"


def seal(row: Complaint, draft: ComplaintDraft, cipher: FieldCipher) -> None:
    """Fill the personal columns of ``row`` (its reference set) with ``draft``'s values sealed."""
    for column in PERSONAL:
        value: str | None = getattr(draft, column)
        sealed = (
            None
            if value is None
            else cipher.seal(value, place(f"complaints.{column}", row.reference))
        )
        setattr(row, column, sealed)


def unseal(
    row: Complaint, cipher: FieldCipher, columns: tuple[str, ...] = PERSONAL
) -> dict[str, str | None]:
    """The personal values of ``row`` in ``columns``, decrypted."""
    opened: dict[str, str | None] = {}
    for column in columns:
        blob: bytes | None = getattr(row, column)
        opened[column] = (
            None
            if blob is None
            else cipher.open(blob, place(f"complaints.{column}", row.reference))
        )
    return opened


def draft_of(row: Complaint, cipher: FieldCipher) -> ComplaintDraft:
    """The complaint as it was submitted, rebuilt from ``row``."""
    opened = unseal(row, cipher)

    def required(column: str) -> str:
        value = opened[column]
        assert value is not None, column
        return value

    return ComplaintDraft(
        reporter_name=required("reporter_name"),
        reporter_nik=opened["reporter_nik"],
        reporter_region=required("reporter_region"),
        relation=Relation(row.relation),
        worker_name=required("worker_name"),
        worker_nik=opened["worker_nik"],
        worker_passport=opened["worker_passport"],
        worker_gender=Gender(row.worker_gender),
        destination_country=destination(row.destination_country),
        destination_city=opened["destination_city"],
        employer=opened["employer"],
        p3mi=opened["p3mi"],
        departure_year=row.departure_year,
        job=opened["job"],
        official_channel=Channel(row.official_channel),
        categories=categories_of(row),
        chronology=required("chronology"),
        request=required("request"),
        urgent=row.urgent,
        reporter_phone=required("reporter_phone"),
        consent_language=row.consent_language,
    )


def categories_of(row: Complaint) -> tuple[Category, ...]:
    """The complaint's categories, from the clear space-separated column."""
    return tuple(Category(code) for code in row.categories.split())


def find(session: Session, reference: str, *, lock: bool = False) -> Complaint:
    """The complaint with a reference as typed or read out (``p 261123 7k3m`` will do).

    Raises:
        InvalidInput: not a complaint reference, or no such complaint.
    """
    try:
        parsed = parse_reference(reference)
    except InvalidReference:
        raise InvalidInput(UNKNOWN_REFERENCE) from None
    query = select(Complaint).where(Complaint.reference == str(parsed))
    row = session.scalars(query.with_for_update() if lock else query).first()
    if parsed.kind is not RefKind.COMPLAINT or row is None:
        raise InvalidInput(UNKNOWN_REFERENCE)
    return row


def check_staff(session: Session, staff_id: int) -> None:
    """Make sure an active officer is acting.

    Raises:
        InvalidInput: no such officer, or the account is disabled.
    """
    if not session.scalar(select(Staff.active).where(Staff.id == staff_id)):
        raise InvalidInput(UNKNOWN_STAFF)


def staff_id(session: Session, username: str) -> int:
    """The id of the active officer with ``username``.

    Raises:
        InvalidInput: no such officer, or the account is disabled.
    """
    found = session.scalar(select(Staff.id).where(Staff.username == username, Staff.active))
    if found is None:
        raise InvalidInput(UNKNOWN_STAFF)
    return found


def note_view(note: ComplaintNote, reference: str, cipher: FieldCipher) -> ComplaintNoteView:
    """A history entry, its text decrypted."""
    text = (
        ""
        if note.text is None
        else cipher.open(note.text, place("complaint_notes.text", reference))
    )
    return ComplaintNoteView(
        at=note.at,
        staff_id=note.staff_id,
        text=text,
        status_from=None if note.status_from is None else Status(note.status_from),
        status_to=None if note.status_to is None else Status(note.status_to),
    )
