"""Query helpers of the complaint store: sealing rows, finding them; they never commit."""

from __future__ import annotations

from collections.abc import Collection
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from kiosk.complaints.categories import Category, Channel, Relation, Status, destination
from kiosk.complaints.form import ComplaintDraft
from kiosk.complaints.views import ComplaintNoteView
from kiosk.errors import InvalidInput
from kiosk.hall_key import HallKeyError
from kiosk.infra.sealed import KeyFileError, Sealer
from kiosk.models import Complaint, ComplaintNote, Staff
from kiosk.references import InvalidReference, RefKind, parse_reference
from kiosk.vocab import Gender

UNKNOWN_REFERENCE: Final = "complaints.unknown_reference"
UNKNOWN_STAFF: Final = "complaints.unknown_staff"
NOT_A_HANDLER: Final = "staff.complaints_not_allowed"
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


def seal(row: Complaint, draft: ComplaintDraft, sealer: Sealer) -> None:
    """Fill the personal columns of ``row`` (its reference set) with ``draft``'s values sealed."""
    row.key_id = sealer.key_id
    for column in PERSONAL:
        value: str | None = getattr(draft, column)
        sealed = (
            None
            if value is None
            else sealer.seal_text(value, place(f"complaints.{column}", row.reference))
        )
        setattr(row, column, sealed)


def unseal(
    row: Complaint, sealer: Sealer, columns: tuple[str, ...] = PERSONAL
) -> dict[str, str | None]:
    """The personal values of ``row`` in ``columns``, decrypted; an erased one (emptied by
    the retention purge or a data subject's request, see ``sync.inbox.erase_personal``)
    reads as "".

    Raises:
        HallKeyError: another key sealed them, or they were altered.
    """
    opened: dict[str, str | None] = {}
    for column in columns:
        blob: bytes | None = getattr(row, column)
        opened[column] = (
            None
            if blob is None
            else ""
            if blob == b""
            else open_sealed(
                sealer,
                blob,
                row.key_id,
                place(f"complaints.{column}", row.reference),
                row.reference,
            )
        )
    return opened


def open_sealed(sealer: Sealer, blob: bytes, key_id: str, where: str, reference: str) -> str:
    """A value of complaint ``reference`` sealed for ``where`` with the key ``key_id``.

    Raises:
        HallKeyError: ``key_id`` is not ``sealer``'s key, or the value was altered.
    """
    if key_id != sealer.key_id:
        raise HallKeyError("unreadable", reference=reference, key_id=key_id)
    try:
        return sealer.open_text(blob, where)
    except KeyFileError:
        raise HallKeyError("altered", reference=reference) from None


def reseal_complaints(session: Session, old: Sealer, new: Sealer) -> tuple[int, int, list[str]]:
    """Seal every complaint and note sealed with ``old`` again with ``new`` (a key rotation).

    Returns:
        How many complaints and notes were re-sealed, and the references of the
        complaints ``old`` cannot open (they and their notes are left as they were).
    """
    complaints = notes = 0
    unreadable: list[str] = []
    rows = select(Complaint).options(selectinload(Complaint.notes)).order_by(Complaint.id)
    for row in session.scalars(rows):
        try:
            opened = unseal(row, old)
            texts = [(note, note_view(note, row.reference, old).text) for note in row.notes]
        except HallKeyError:
            unreadable.append(row.reference)
            continue
        for column, value in opened.items():
            where = place(f"complaints.{column}", row.reference)
            setattr(row, column, None if value is None else new.seal_text(value, where))
        row.key_id = new.key_id
        complaints += 1
        for note, text in texts:
            if note.text is not None:
                note.text = new.seal_text(text, place("complaint_notes.text", row.reference))
                note.key_id = new.key_id
                notes += 1
    return complaints, notes, unreadable


def draft_of(row: Complaint, sealer: Sealer) -> ComplaintDraft:
    """The complaint as it was submitted, rebuilt from ``row``.

    Raises:
        HallKeyError: another key sealed it, or it was altered.
    """
    opened = unseal(row, sealer)

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


def check_handler(session: Session, staff_id: int, roles: Collection[str]) -> None:
    """Make sure an active member whose role handles complaints is acting.

    Raises:
        InvalidInput: no such member, the account is disabled
            (``complaints.unknown_staff``), or the role does not handle complaints
            (``staff.complaints_not_allowed``).
    """
    role = session.scalar(select(Staff.role).where(Staff.id == staff_id, Staff.active))
    if role is None:
        raise InvalidInput(UNKNOWN_STAFF)
    if role not in roles:
        raise InvalidInput(NOT_A_HANDLER)


def staff_id(session: Session, username: str) -> int:
    """The id of the active officer with ``username``.

    Raises:
        InvalidInput: no such officer, or the account is disabled.
    """
    found = session.scalar(select(Staff.id).where(Staff.username == username, Staff.active))
    if found is None:
        raise InvalidInput(UNKNOWN_STAFF)
    return found


def note_view(note: ComplaintNote, reference: str, sealer: Sealer) -> ComplaintNoteView:
    """A history entry, its text decrypted.

    Raises:
        HallKeyError: another key sealed the text, or it was altered.
    """
    text = (
        ""
        if note.text is None
        else open_sealed(
            sealer,
            note.text,
            note.key_id or "",
            place("complaint_notes.text", reference),
            reference,
        )
    )
    return ComplaintNoteView(
        at=note.at,
        staff_id=note.staff_id,
        text=text,
        status_from=None if note.status_from is None else Status(note.status_from),
        status_to=None if note.status_to is None else Status(note.status_to),
    )
