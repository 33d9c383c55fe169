"""A Cek Status answer in plain words, in one language: what the kiosk screen draws.

The screen draws a :class:`StatusCard` as it is: a caption and a big number, a headline
and what it means, a few facts, a history, when the data is from, and where to get help.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Final

from kiosk.complaints.categories import label
from kiosk.i18n import pick, translate
from kiosk.queueing.lookup import TicketPhase
from kiosk.settings import Settings
from kiosk.slips import local_time_text
from kiosk.status.answers import ComplaintFound, NotFound, TicketFound

Fact = tuple[str, str]

_TONES: Final = {
    TicketPhase.WAITING: "waiting",
    TicketPhase.TRANSFERRED: "waiting",
    TicketPhase.CALLED: "called",
    TicketPhase.SERVING: "called",
    TicketPhase.DONE: "done",
    TicketPhase.NO_SHOW: "ended",
    TicketPhase.CANCELLED: "ended",
    TicketPhase.EXPIRED: "ended",
}
"""The look of a ticket's card by phase (the theme's ``tone`` property)."""


@dataclass(frozen=True, slots=True)
class StatusCard:
    """One answer as the screen shows it, every text already in the visitor's language.

    ``tone`` picks the card's look in the theme: ``waiting``, ``called``, ``done``,
    ``ended``, ``complaint`` or ``unknown``. ``help`` (where to ask) is empty while a
    ticket is on its way: the footer names the hotline anyway.
    """

    tone: str
    caption: str
    number: str
    headline: str
    hint: str
    facts: tuple[Fact, ...] = ()
    history: tuple[Fact, ...] = ()
    as_of: str = ""
    privacy: str = ""
    help: str = ""


def describe(
    answer: TicketFound | ComplaintFound | NotFound, settings: Settings, language: str
) -> StatusCard:
    """The card of an answer in ``language``."""
    hotline = settings.site.hotline
    help_text = translate("status.help", language, hotline=hotline)
    if isinstance(answer, TicketFound):
        return _ticket(answer, settings, language, help_text)
    if isinstance(answer, ComplaintFound):
        return _complaint(answer, settings, language, help_text)
    hint = translate(answer.detail or f"{answer.reason}_hint", language)
    return StatusCard(
        tone="unknown",
        caption="",
        number="",
        headline=translate(answer.reason, language),
        hint=hint,
        help=help_text,
    )


def _ticket(found: TicketFound, settings: Settings, language: str, help_text: str) -> StatusCard:
    ticket = found.ticket
    service = pick(found.service, language)
    counter = (
        pick(found.counter, language)
        if found.counter is not None
        else translate("status.counter", language, number=ticket.counter_number)
    )
    day = _date(ticket.day, language)
    phase = ticket.phase.value
    params = {"service": service, "counter": counter, "date": day}
    facts: list[Fact] = [(translate("status.service", language), service)]
    if ticket.people_ahead is not None:
        facts.append((translate("status.ahead", language), _ahead(ticket.people_ahead, language)))
    if ticket.estimated_wait_minutes is not None:
        wait = _wait(ticket.estimated_wait_minutes, language)
        facts.append((translate("status.wait", language), wait))
    if ticket.priority:
        facts.append((translate("status.priority", language), translate("status.yes", language)))
    tone = _TONES[ticket.phase]
    return StatusCard(
        tone=tone,
        caption=translate("status.ticket_caption", language),
        number=ticket.number,
        headline=translate(f"status.ticket_{phase}", language, **params),
        hint=translate(f"status.ticket_{phase}_hint", language, **params),
        facts=tuple(facts),
        as_of=translate("status.as_of", language, time=_time(found.as_of, settings, language)),
        help=help_text if tone == "ended" else "",
    )


def _complaint(
    found: ComplaintFound, settings: Settings, language: str, help_text: str
) -> StatusCard:
    complaint = found.complaint
    history: list[Fact] = [
        (
            _time(complaint.submitted_at, settings, language),
            translate("status.complaint_submitted", language),
        )
    ]
    events: list[tuple[datetime, str]] = [
        (
            move.at,
            translate("status.complaint_moved", language, status=label(move.status, language)),
        )
        for move in complaint.moves
    ]
    events += [
        (note.known_at, translate("status.complaint_note", language, text=note.text))
        for note in complaint.notes
    ]
    # By time; at one moment a status comes before the note the officer wrote with it.
    events.sort(key=lambda event: event[0])
    history += [(_time(at, settings, language), text) for at, text in events]
    status = complaint.status
    hotline = settings.site.hotline
    return StatusCard(
        tone="complaint",
        caption=translate("status.complaint_caption", language),
        number=complaint.reference,
        headline=translate("status.complaint_status", language, status=label(status, language)),
        hint=translate(f"status.complaint_next_{status.value}", language, hotline=hotline),
        history=tuple(history),
        as_of=translate(
            "status.complaint_as_of", language, time=_time(complaint.as_of, settings, language)
        ),
        privacy=translate("status.complaint_privacy", language),
        help=help_text,
    )


def _ahead(count: int, language: str) -> str:
    if count == 0:
        return translate("status.ahead_none", language)
    key = "status.people_one" if count == 1 else "status.people_many"
    return translate(key, language, count=count)


def _wait(minutes: int, language: str) -> str:
    if minutes == 0:
        return translate("status.wait_soon", language)
    return translate("status.wait_minutes", language, minutes=minutes)


def _date(day: date, language: str) -> str:
    name = translate("slip.months", language).split(",")[day.month - 1]
    return f"{day.day} {name} {day.year}"


def _time(moment: datetime, settings: Settings, language: str) -> str:
    return local_time_text(moment, settings, language)
