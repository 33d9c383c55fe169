"""The wire format between a hall and the central records service (pydantic, both sides).

A hall pushes its outbox as :class:`PushBatch` to ``POST /api/v1/sync/push`` and gets a
:class:`PushResult`; it pulls what the centre changed with ``GET /api/v1/sync/pull`` and
gets a :class:`PullResult`. Every entry names the record it is about by its public token
(the one in the slip's QR code) and carries a UUID made on the device, so a replayed
entry is recognised and changes nothing. Entries of one record apply in
(``occurred_at``, ``id``) order.

Nothing here knows a database: the hall's outbox and the centre's tables are built on
these models, never the other way round.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Final, Literal
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

from kiosk.complaints.categories import Category, Status
from kiosk.jobs.feed import P3miRecord, PostingRecord, RateRecord
from kiosk.queueing.states import TRANSITIONS, EventKind
from kiosk.survey.index import ELEMENTS, SCALE

PROTOCOL: Final = 1
TICKET_MOVES: Final[dict[tuple[str, str], str]] = {
    (before.value, event.value): after.value for (before, event), after in TRANSITIONS.items()
}
"""The moves a hall's queue engine makes, in wire words: (state before, event) → state after.
The centre checks every reported event against them and projects a ticket's state by them."""
MAX_BATCH: Final = 500
"""Entries in one push, at most."""
MAX_PUSH_BYTES: Final = 4 * 1024 * 1024
"""A push body larger than this (after any gzip) is refused whole with 413."""

Token = Annotated[str, StringConstraints(pattern=r"^[A-Z2-7]{26}$")]
"""A record's public token: 128 random bits in base32 without padding."""
Reference = Annotated[str, StringConstraints(pattern=r"^[QPL]-\d{6}-[0-9A-HJKMNP-TV-Z]{4}$")]
"""A human reference such as ``Q-261123-7K3M``."""
Code = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,31}$")]
"""A configured service code."""
Text = Annotated[str, StringConstraints(max_length=4000)]
ShortText = Annotated[str, StringConstraints(max_length=200)]
Names = Annotated[dict[Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")], ShortText],
                  Field(max_length=8)]  # fmt: skip
"""A label per language (``{"id": "Loket 1", "en": "Counter 1"}``)."""


class _Wire(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ServiceState(_Wire):
    """A service of the hall as the public pages need it, with what the wait estimate needs."""

    code: Code
    letter: Annotated[str, StringConstraints(pattern=r"^[A-Z]$")]
    names: Names
    typical_service_minutes: float = Field(ge=0, le=600)
    active_counters: int = Field(ge=1, le=99)


class CounterState(_Wire):
    """A counter (loket) of the hall."""

    number: int = Field(ge=1, le=99)
    names: Names


class HallState(_Wire):
    """The hall itself: its name, zone, services and counters, sent when they change."""

    name: ShortText
    timezone: Literal["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"]
    hotline: ShortText
    services: list[ServiceState] = Field(max_length=50)
    counters: list[CounterState] = Field(max_length=99)


class TicketIssued(_Wire):
    """A queue number was given."""

    reference: Reference
    number: Annotated[str, StringConstraints(pattern=r"^[A-Z]-\d{3,4}$")]
    service_code: Code
    day: date
    priority: bool
    posting_token: Token | None = None


class TicketEvent(_Wire):
    """Something happened to a ticket at a counter (called, started, transferred, …)."""

    event: EventKind
    counter_number: int | None = Field(default=None, ge=1, le=99)
    service_code: Code | None = None
    """The service the ticket is in after the event (a transfer's target)."""


class ComplaintSubmitted(_Wire):
    """A complaint (pengaduan) was kept at the kiosk.

    ``personal`` holds the answers the agency's officers need to handle the case (names,
    NIK, phone, places, chronology, what the family asks for); it travels only over the
    sync API and is sealed at rest at the centre. ``reporter_masked`` is what a public page
    may show.
    """

    reference: Reference
    day: date
    urgent: bool
    categories: list[Category] = Field(min_length=1, max_length=len(Category))
    destination_country: Annotated[str, StringConstraints(max_length=8)] | None = None
    reporter_masked: ShortText
    personal: dict[Annotated[str, StringConstraints(pattern=r"^[a-z_]{1,40}$")], Text] = Field(
        max_length=60
    )


class ComplaintNote(_Wire):
    """A note on a complaint; a public one is shown on the family's page."""

    note_id: UUID
    text: Text
    public: bool


class ComplaintStatus(_Wire):
    """A complaint moved along its lifecycle."""

    status: Status
    reason: Text = ""


class _Entry(_Wire):
    id: UUID
    """Made on the device (UUIDv7: ordered by time); the same id twice is one entry."""
    token: Token
    """The public token of the record the entry is about (the hall's own for ``hall``)."""
    occurred_at: AwareDatetime


class HallEntry(_Entry):
    """An outbox entry: the hall's services and counters as they are now."""

    kind: Literal["hall"]
    payload: HallState


class TicketIssuedEntry(_Entry):
    """An outbox entry: a ticket was issued."""

    kind: Literal["ticket.issued"]
    payload: TicketIssued


class TicketEventEntry(_Entry):
    """An outbox entry: a ticket event."""

    kind: Literal["ticket.event"]
    payload: TicketEvent


class ComplaintSubmittedEntry(_Entry):
    """An outbox entry: a complaint was submitted."""

    kind: Literal["complaint.submitted"]
    payload: ComplaintSubmitted


class ComplaintNoteEntry(_Entry):
    """An outbox entry: a note was added to a complaint."""

    kind: Literal["complaint.note"]
    payload: ComplaintNote


class ComplaintStatusEntry(_Entry):
    """An outbox entry: a complaint's status moved."""

    kind: Literal["complaint.status"]
    payload: ComplaintStatus


Entry = Annotated[
    HallEntry
    | TicketIssuedEntry
    | TicketEventEntry
    | ComplaintSubmittedEntry
    | ComplaintNoteEntry
    | ComplaintStatusEntry,
    Field(discriminator="kind"),
]
ENTRY_KINDS: Final = (
    "hall",
    "ticket.issued",
    "ticket.event",
    "complaint.submitted",
    "complaint.note",
    "complaint.status",
)


class PushBatch(_Wire):
    """What a hall sends in one push: at most :data:`MAX_BATCH` entries, in id order."""

    protocol: Literal[1] = PROTOCOL
    entries: list[Entry] = Field(min_length=1, max_length=MAX_BATCH)


class Refusal(_Wire):
    """An entry the centre will not apply, and why (kept by the hall, shown to doctor)."""

    id: UUID
    reason: ShortText


class PushResult(_Wire):
    """The centre's answer: the ids it holds now (applied or seen before) and the refused."""

    accepted: list[UUID]
    refused: list[Refusal]


class ComplaintUpdate(_Wire):
    """A complaint's status and public notes as the desk left them (pulled by its hall).

    ``erased``: the centre erased its personal data (retention run out, or the data
    subject asked); the hall erases its own copy when it applies the update.
    """

    token: Token
    status: Status
    changed_at: AwareDatetime
    public_notes: list[ComplaintNote]
    erased: bool = False


class PublishedPosting(_Wire):
    """A vacancy the centre publishes, with the public token its QR codes carry everywhere."""

    token: Token
    record: PostingRecord


class SurveyAnswered(_Wire):
    """A visitor answered the satisfaction survey (SKM) on the ticket's public page.

    Anonymous: the ticket's token, when, and the nine answers (U1…U9, 1 to 4 each).
    """

    token: Token
    answered_at: AwareDatetime
    answers: list[Annotated[int, Field(ge=SCALE.start, le=SCALE.stop - 1)]] = Field(
        min_length=len(ELEMENTS), max_length=len(ELEMENTS)
    )


class PullResult(_Wire):
    """What changed at the centre since the hall's cursor, and the cursor to send next."""

    protocol: Literal[1] = PROTOCOL
    cursor: Annotated[str, StringConstraints(max_length=64)]
    complaints: list[ComplaintUpdate]
    postings: list[PublishedPosting]
    p3mi: list[P3miRecord]
    rates: list[RateRecord]
    surveys: list[SurveyAnswered] = Field(default_factory=list)
    """The site's web survey answers (a centre before them sends none)."""
