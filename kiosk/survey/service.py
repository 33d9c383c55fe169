"""The survey's use cases: who may answer, keeping an answer, and the index per service.

A ticket may answer once it was served (``done``), within :data:`ANSWER_DAYS` of its day;
once only. The answer keeps the ticket's service and day for the reports and nothing of
the visitor.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final, Literal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.clock import Clock, aware_now, local_day
from kiosk.db import Database
from kiosk.errors import InvalidInput
from kiosk.i18n import pick
from kiosk.models import SurveyAnswer, Ticket
from kiosk.queueing.states import TicketState
from kiosk.references import RefKind, parse_reference
from kiosk.settings import Settings
from kiosk.survey.index import ANSWER_DAYS, ELEMENTS, SCALE, Answers, SkmIndex, skm_index

NOT_A_TICKET: Final = "survey.not_a_ticket"
UNKNOWN_TICKET: Final = "survey.unknown_ticket"
NOT_SERVED: Final = "survey.not_served"
TOO_LATE: Final = "survey.too_late"
ANSWERED: Final = "survey.answered"
INCOMPLETE: Final = "survey.incomplete"
BAD_PERIOD: Final = "survey.bad_period"
UNKNOWN_SERVICE: Final = "survey.unknown_service"
Channel = Literal["kiosk"]


@dataclass(frozen=True, slots=True)
class SkmRow:
    """One line of the report: a service, or the whole hall (``code`` ``None``)."""

    code: str | None
    title: str
    index: SkmIndex | None


@dataclass(frozen=True, slots=True)
class SkmReport:
    """The survey's index over a period, for the hall and each service."""

    site: str
    first: date
    last: date
    rows: tuple[SkmRow, ...]


class SurveyService:
    """The satisfaction survey of one hall.

    Args:
        db: the hall database.
        settings: the site configuration (services and their names).
        clock: the hall's clock.
    """

    def __init__(self, db: Database, settings: Settings, clock: Clock) -> None:
        self._db = db
        self._settings = settings
        self._clock = clock

    def check(self, reference: str) -> str:
        """The canonical reference of a ticket that may answer now.

        Raises:
            InvalidInput: not a ticket's reference, unknown here, not served, too old, or
                already answered (a catalog key each).
        """
        with self._db.reads() as session:
            return self._ticket(session, reference).reference

    def submit(self, reference: str, answers: Sequence[int], channel: Channel = "kiosk") -> None:
        """Keep one ticket's answers to the nine elements (1 to 4 each).

        Raises:
            InvalidInput: the ticket may not answer (see :meth:`check`), or the answers are
                not nine values of 1 to 4; nothing is written.
        """
        values = tuple(answers)
        if len(values) != len(ELEMENTS) or any(
            type(value) is not int or value not in SCALE for value in values
        ):
            raise InvalidInput(INCOMPLETE)
        now = aware_now(self._clock)
        try:
            with self._db.sessions.begin() as session:
                ticket = self._ticket(session, reference)
                session.add(
                    SurveyAnswer(
                        ticket_id=ticket.id,
                        service_code=ticket.service_code,
                        day=ticket.day,
                        answered_at=now,
                        channel=channel,
                        **{f"u{n}": value for n, value in enumerate(values, start=1)},
                    )
                )
        except IntegrityError:  # answered from two places at once: the first one counts
            raise InvalidInput(ANSWERED) from None

    def report(self, first: date, last: date, service: str | None = None) -> SkmReport:
        """The index of the answers of tickets of ``first`` to ``last`` (local days), for the
        hall and each service (or only ``service``), in the configured order.

        Raises:
            InvalidInput: the period ends before it starts, or the service is unknown.
        """
        if last < first:
            raise InvalidInput(BAD_PERIOD)
        services = self._settings.services
        if service is not None and service not in {s.code for s in services}:
            raise InvalidInput(UNKNOWN_SERVICE, service=service)
        query = select(SurveyAnswer).where(SurveyAnswer.day.between(first, last))
        if service is not None:
            query = query.where(SurveyAnswer.service_code == service)
        by_service: dict[str, list[Answers]] = defaultdict(list)
        with self._db.reads() as session:
            for row in session.scalars(query):
                by_service[row.service_code].append(_answers(row))
        language = self._settings.kiosk.languages[0]
        rows = [
            SkmRow(s.code, pick(s.name, language), skm_index(by_service.get(s.code, [])))
            for s in services
            if service is None or s.code == service
        ]
        if service is None:
            every = [answer for answers in by_service.values() for answer in answers]
            rows.insert(0, SkmRow(None, self._settings.site.name, skm_index(every)))
        return SkmReport(self._settings.site.name, first, last, tuple(rows))

    def _ticket(self, session: Session, reference: str) -> Ticket:
        try:
            parsed = parse_reference(reference)
        except InvalidInput:
            raise InvalidInput(NOT_A_TICKET) from None
        if parsed.kind is not RefKind.TICKET:
            raise InvalidInput(NOT_A_TICKET)
        ticket = session.scalar(select(Ticket).where(Ticket.reference == str(parsed)))
        if ticket is None:
            raise InvalidInput(UNKNOWN_TICKET)
        if ticket.state != TicketState.DONE:
            raise InvalidInput(NOT_SERVED)
        today = local_day(aware_now(self._clock), self._settings.site.zone)
        if today - ticket.day > timedelta(days=ANSWER_DAYS):
            raise InvalidInput(TOO_LATE, days=ANSWER_DAYS)
        answered = session.scalar(
            select(SurveyAnswer.id).where(SurveyAnswer.ticket_id == ticket.id)
        )
        if answered is not None:
            raise InvalidInput(ANSWERED)
        return ticket


def _answers(row: SurveyAnswer) -> Answers:
    return (row.u1, row.u2, row.u3, row.u4, row.u5, row.u6, row.u7, row.u8, row.u9)
