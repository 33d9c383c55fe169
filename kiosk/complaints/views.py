"""What the complaint use cases return: frozen snapshots, never ORM objects."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from kiosk.complaints.categories import Category, Status
from kiosk.complaints.fields import FIELDS
from kiosk.complaints.form import ComplaintDraft, describe
from kiosk.complaints.masking import masked
from kiosk.i18n import DEFAULT_LANGUAGE


@dataclass(frozen=True)
class SubmittedComplaint:
    """What the kiosk shows and prints after a complaint is kept; personal data only masked."""

    reference: str
    public_token: str
    url: str
    created_at: datetime
    urgent: bool
    categories: tuple[Category, ...]
    reporter_name_masked: str
    reporter_phone_masked: str


@dataclass(frozen=True)
class ComplaintSummary:
    """A line of the staff console's list of complaints.

    ``readable`` is false for a complaint this device cannot open (sealed with another
    key, or altered): its clear facts are shown, its contact is not.
    """

    reference: str
    created_at: datetime
    status: Status
    urgent: bool
    categories: tuple[Category, ...]
    reporter_name_masked: str
    reporter_phone_masked: str
    readable: bool


@dataclass(frozen=True)
class ComplaintNoteView:
    """A dated entry of a complaint's history."""

    at: datetime
    staff_id: int
    text: str
    status_from: Status | None
    status_to: Status | None


@dataclass(frozen=True, repr=False)
class ComplaintDetail:
    """A complaint opened by a handler, with its history: names, NIKs, passport and phone
    masked unless ``shown``."""

    reference: str
    url: str
    created_at: datetime
    status: Status
    complaint: ComplaintDraft
    consent_proof: str
    consented_at: datetime
    notes: tuple[ComplaintNoteView, ...]
    shown: bool = False
    """Whether the identifying answers are in full (a "show", recorded); else masked."""

    def masked(self) -> ComplaintDetail:
        """The same complaint with its identifying answers masked again."""
        return replace(self, complaint=masked(self.complaint), shown=False)

    def __repr__(self) -> str:
        return f"ComplaintDetail({self.reference}, {self.status.value})"

    def lines(self, language: str = DEFAULT_LANGUAGE) -> list[tuple[str, str]]:
        """Every answer as (label, value) lines, in the wizard's order."""
        return [
            (spec.label(language), describe(spec, getattr(self.complaint, name), language))
            for name, spec in FIELDS.items()
            if name != "consent"
        ]
