"""Complaint use cases (submit, list, open, note, move status, reprint), one transaction each.

Submitting, a note and a status move put their entries for the centre in the outbox in
the same transaction (``kiosk.complaints.entries``); opening and reprinting do not.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from sqlalchemy import select

from kiosk.clock import Clock, aware_now, local_day
from kiosk.complaints import records
from kiosk.complaints.categories import Status, move
from kiosk.complaints.consent import consent_proof
from kiosk.complaints.entries import note_entry, status_entry, submitted_entry
from kiosk.complaints.form import ComplaintDraft, ComplaintForm
from kiosk.complaints.views import (
    ComplaintDetail,
    ComplaintNoteView,
    ComplaintSummary,
    SubmittedComplaint,
)
from kiosk.db import Database
from kiosk.hall_key import HallKeyError, require
from kiosk.identity import mask_name, mask_phone
from kiosk.infra.sealed import Sealer
from kiosk.models import Complaint, ComplaintAccess, ComplaintNote
from kiosk.records import Fresh, add_fresh
from kiosk.references import RefKind, public_url
from kiosk.settings import Settings
from kiosk.sync import outbox
from kiosk.text import clean_text

NOTE_LENGTH: Final = 2000
OPENED: Final = "open"
SHOWN: Final = "show"
REPRINTED: Final = "reprint"


class ComplaintService:
    """The complaint use cases of one hall; each method is one transaction.

    Args:
        db: the hall database.
        settings: the site configuration (time zone, public base URL).
        sealer: seals and opens the personal fields with this device's key; nothing is
            sealed unless it is the hall's (``kiosk.hall_key.require``).
        clock: the hall's clock.
    """

    def __init__(
        self,
        db: Database,
        settings: Settings,
        sealer: Sealer,
        clock: Clock,
    ) -> None:
        self._db = db
        self._settings = settings
        self._sealer = sealer
        self._clock = clock

    def officer(self, username: str) -> int:
        """The id of the active member with this username (scripts and screenshots; the
        command line signs officers in with their PIN instead).

        Raises:
            InvalidInput: no such active member (``complaints.unknown_staff``).
        """
        with self._db.reads() as session:
            return records.staff_id(session, username)

    def submit(self, form: ComplaintForm | ComplaintDraft) -> SubmittedComplaint:
        """Keep a complete complaint, with proof of consent, and return its receipt data.

        Raises:
            InvalidInput: the form is not complete or consent was not given
                (``complaints.incomplete``); nothing is stored.
            HallKeyError: this device's key is not the hall's; nothing is stored.
        """
        draft = form.draft() if isinstance(form, ComplaintForm) else form
        now = aware_now(self._clock)
        day = local_day(now, self._settings.site.zone)

        def build(fresh: Fresh) -> Complaint:
            row = Complaint(
                reference=fresh.reference,
                public_token=fresh.public_token,
                created_at=now,
                day=day,
                status=Status.RECEIVED,
                urgent=draft.urgent,
                categories=" ".join(draft.categories),
                relation=draft.relation,
                worker_gender=draft.worker_gender,
                destination_country=draft.destination_country,
                departure_year=draft.departure_year,
                official_channel=draft.official_channel,
                consent_proof=consent_proof(draft.consent_language),
                consent_language=draft.consent_language,
                consented_at=now,
            )
            records.seal(row, draft, self._sealer)
            return row

        with self._db.sessions.begin() as session:
            require(session, self._sealer)
            row = add_fresh(session, RefKind.COMPLAINT, day, build)
            outbox.record(session, submitted_entry(row, draft, now), cipher=self._sealer)
        return self._submitted(row, draft.reporter_name, draft.reporter_phone)

    def list_today(self, day: date | None = None) -> list[ComplaintSummary]:
        """The complaints of a local day (today by default), urgent first, then newest first.

        A complaint this device cannot open is listed as unreadable, the others as usual.
        """
        with self._db.reads() as session:
            rows = session.scalars(
                select(Complaint)
                .where(Complaint.day == (day or local_day(self._clock(), self._settings.site.zone)))
                .order_by(Complaint.urgent.desc(), Complaint.created_at.desc(), Complaint.id.desc())
            ).all()
            return [self._summary(row) for row in rows]

    def open(self, reference: str, staff_id: int, *, show: bool = False) -> ComplaintDetail:
        """A handler opens a complaint, its identifying answers masked unless ``show``.

        Only the roles of ``[staff] complaint_roles`` open a complaint; each opening and
        each "show" is recorded (who, when, which).

        Raises:
            InvalidInput: unknown reference or member, or a role that does not handle
                complaints (``staff.complaints_not_allowed``); nothing is recorded.
            HallKeyError: the complaint cannot be opened with this device's key.
        """
        with self._db.sessions.begin() as session:
            records.check_handler(session, staff_id, self._settings.staff.complaint_roles)
            row = records.find(session, reference)
            session.add(self._access(row, staff_id, SHOWN if show else OPENED))
            detail = ComplaintDetail(
                reference=row.reference,
                url=self._url(row.public_token),
                created_at=row.created_at,
                status=Status(row.status),
                complaint=records.draft_of(row, self._sealer),
                consent_proof=row.consent_proof,
                consented_at=row.consented_at,
                notes=tuple(records.note_view(n, row.reference, self._sealer) for n in row.notes),
                shown=True,
            )
        return detail if show else detail.masked()

    def add_note(self, reference: str, staff_id: int, text: str) -> ComplaintNoteView:
        """An officer adds a dated note (kept encrypted).

        Raises:
            InvalidInput: unknown reference or officer, or an empty or too long note.
            HallKeyError: this device's key is not the hall's; nothing is stored.
        """
        return self._append(reference, staff_id, text, None)

    def move_status(
        self, reference: str, status: Status | str, staff_id: int, note: str = ""
    ) -> ComplaintNoteView:
        """An officer moves a complaint along its lifecycle, with an optional note.

        Raises:
            InvalidInput: unknown reference or officer, a move the lifecycle does not
                allow (``complaints.status_not_allowed``), or a too long note.
            HallKeyError: a note to seal, and this device's key is not the hall's.
        """
        return self._append(reference, staff_id, note, status)

    def reprint(self, reference: str, staff_id: int) -> SubmittedComplaint:
        """An officer reprints a receipt; recorded like an opening.

        Raises:
            InvalidInput: unknown reference or officer.
            HallKeyError: the complaint cannot be opened with this device's key.
        """
        with self._db.sessions.begin() as session:
            records.check_handler(session, staff_id, self._settings.staff.complaint_roles)
            row = records.find(session, reference)
            session.add(self._access(row, staff_id, REPRINTED))
            opened = records.unseal(row, self._sealer, ("reporter_name", "reporter_phone"))
            return self._submitted(row, opened["reporter_name"], opened["reporter_phone"])

    def _append(
        self, reference: str, staff_id: int, text: str, status: Status | str | None
    ) -> ComplaintNoteView:
        cleaned = clean_text(text, max_length=NOTE_LENGTH, multiline=True, required=status is None)
        now = aware_now(self._clock)
        with self._db.sessions.begin() as session:
            if cleaned:
                require(session, self._sealer)
            records.check_handler(session, staff_id, self._settings.staff.complaint_roles)
            row = records.find(session, reference, lock=True)
            before = Status(row.status)
            after = None if status is None else move(before, status)
            note = ComplaintNote(
                complaint_id=row.id,
                at=now,
                staff_id=staff_id,
                status_from=None if after is None else before,
                status_to=after,
                text=self._seal_note(cleaned, row.reference) if cleaned else None,
                key_id=self._sealer.key_id if cleaned else None,
            )
            if after is not None:
                row.status = after
                outbox.record(session, status_entry(row, after, now))
            if cleaned:
                outbox.record(session, note_entry(row, cleaned, now), cipher=self._sealer)
            session.add(note)
            session.flush()
            return records.note_view(note, row.reference, self._sealer)

    def _seal_note(self, text: str, reference: str) -> bytes:
        return self._sealer.seal_text(text, records.place("complaint_notes.text", reference))

    def _access(self, row: Complaint, staff_id: int, action: str) -> ComplaintAccess:
        return ComplaintAccess(
            complaint_id=row.id, staff_id=staff_id, at=self._clock(), action=action
        )

    def _url(self, token: str) -> str:
        return public_url(self._settings.central.base_url, token)

    def _summary(self, row: Complaint) -> ComplaintSummary:
        try:
            opened = records.unseal(row, self._sealer, ("reporter_name", "reporter_phone"))
        except HallKeyError:
            opened = {}
        return ComplaintSummary(
            reference=row.reference,
            created_at=row.created_at,
            status=Status(row.status),
            urgent=row.urgent,
            categories=records.categories_of(row),
            reporter_name_masked=mask_name(opened.get("reporter_name") or ""),
            reporter_phone_masked=mask_phone(opened.get("reporter_phone") or ""),
            readable=bool(opened),
        )

    def _submitted(self, row: Complaint, name: str | None, phone: str | None) -> SubmittedComplaint:
        return SubmittedComplaint(
            reference=row.reference,
            public_token=row.public_token,
            url=self._url(row.public_token),
            created_at=row.created_at,
            urgent=row.urgent,
            categories=records.categories_of(row),
            reporter_name_masked=mask_name(name or ""),
            reporter_phone_masked=mask_phone(phone or ""),
        )
