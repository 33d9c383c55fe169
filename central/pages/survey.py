"""The satisfaction survey (SKM) on a ticket's public page: who may answer, and the answer kept.

A ticket whose projected state is ``done`` may be answered once, for
:data:`~kiosk.survey.index.ANSWER_DAYS` days after its day in its hall's zone; the answer is
anonymous (the ticket's token and the nine values) and carries a revision, so the ticket's
hall pulls it into its own survey (channel ``web``). Nothing here knows the web: a route
hands in a session and the form's fields and gets the ticket, or a :class:`SurveyRefusedError`.

The hall keeps a kiosk answer given meanwhile; the centre cannot know of it, so a ticket
answered at both places counts once, at the hall, with the first answer.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import datetime
from typing import Final
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from central.models import Site, SurveyAnswer
from central.models import Ticket as TicketRow
from central.revisions import next_revision
from kiosk.survey.index import ANSWER_DAYS, ELEMENTS, SCALE

DONE: Final = "done"
"""The projected state of a ticket that was served."""
VALUES: Final = {str(value): value for value in SCALE}
"""A form's answer ("1" … "4") and the value it stands for."""


class Refusal(enum.StrEnum):
    """Why a ticket's survey cannot be answered, named by its ``survey`` catalog key."""

    UNKNOWN = "unknown_ticket"
    NOT_SERVED = "not_served"
    TOO_LATE = "too_late"
    ANSWERED = "answered"
    INCOMPLETE = "incomplete"


class SurveyRefusedError(Exception):
    """The survey of a ticket cannot be answered now (nothing was written)."""

    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.value)
        self.refusal = refusal


def survey_path(token: str, language: str, root: str = "") -> str:
    """Where a ticket's survey is, in ``language`` (``root``: where the service is mounted)."""
    return f"{root}/survey/{token}?lang={language}"


def find_ticket(session: Session, token: str) -> TicketRow | None:
    """The ticket a public token names, whatever its state."""
    return session.scalars(select(TicketRow).where(TicketRow.token == token)).first()


def open_ticket(session: Session, token: str, now: datetime) -> TicketRow:
    """The ticket ``token`` names, if its survey may be answered now.

    Raises:
        SurveyRefusedError: unknown token, not served, too long ago, or answered already.
    """
    ticket = find_ticket(session, token)
    site = session.get(Site, ticket.site_id) if ticket is not None else None
    if ticket is None or site is None:
        raise SurveyRefusedError(Refusal.UNKNOWN)
    if ticket.state != DONE:
        raise SurveyRefusedError(Refusal.NOT_SERVED)
    if (now.astimezone(ZoneInfo(site.timezone)).date() - ticket.day).days > ANSWER_DAYS:
        raise SurveyRefusedError(Refusal.TOO_LATE)
    if session.get(SurveyAnswer, (ticket.site_id, ticket.token)) is not None:
        raise SurveyRefusedError(Refusal.ANSWERED)
    return ticket


def may_answer(session: Session, token: str, now: datetime) -> bool:
    """Whether the ticket ``token`` names may answer the survey now."""
    try:
        open_ticket(session, token, now)
    except SurveyRefusedError:
        return False
    return True


def answers_of(form: Mapping[str, str]) -> tuple[int, ...]:
    """The nine answers of a form (one field per element, ``1`` to ``4``).

    Raises:
        SurveyRefusedError: a field is missing or holds anything else (``INCOMPLETE``).
    """
    values = tuple(VALUES.get(form.get(element, "")) for element in ELEMENTS)
    found = tuple(value for value in values if value is not None)
    if len(found) != len(ELEMENTS):
        raise SurveyRefusedError(Refusal.INCOMPLETE)
    return found


def keep_answer(session: Session, token: str, form: Mapping[str, str], now: datetime) -> None:
    """Keep the form's answers for the ticket ``token``, in the caller's transaction.

    Raises:
        SurveyRefusedError: the ticket may not answer (see :func:`open_ticket`) or the form is
            incomplete; nothing is added to the session.
    """
    ticket = open_ticket(session, token, now)
    values = answers_of(form)
    row = SurveyAnswer(
        site_id=ticket.site_id,
        token=ticket.token,
        answered_at=now,
        revision=next_revision(session),
        **{f"u{n}": value for n, value in enumerate(values, start=1)},
    )
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:  # answered from two phones at once: the first one counts
        raise SurveyRefusedError(Refusal.ANSWERED) from None
