"""What a hall pulls: the centre's changes since its cursor, for its site and for every hall.

Every record a hall pulls (a complaint's status and public notes, a posting, a P3MI, a
rate, a survey answer given on a ticket's page) carries a revision from one global
sequence (:mod:`central.revisions`), given in commit order. A cursor holds the last
revision the hall has seen of each kind, so a pull answers what came after, at most
:data:`PULL_LIMIT` of each kind, oldest first; the hall pulls again with the new cursor
until nothing comes back (or 304). The cursor is opaque to the hall: ``c12.p40.m3.r7.s2``.
A cursor of a centre before the survey (no ``.s``) still parses: its hall has seen no
survey answer yet.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Final, TypeVar
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.models import Complaint, ComplaintNote, P3mi, Posting, Rate, SurveyAnswer
from kiosk.jobs.feed import P3miRecord, PostingRecord, RateRecord
from kiosk.sync.contract import ComplaintNote as NoteWire
from kiosk.sync.contract import ComplaintUpdate, PublishedPosting, PullResult, SurveyAnswered

PULL_LIMIT: Final = 500
"""Records of each kind in one pull, at most."""
_Row = TypeVar("_Row", Posting, P3mi, Rate)
_Site = TypeVar("_Site", Complaint, SurveyAnswer)
_CURSOR: Final = re.compile(r"c(\d{1,15})\.p(\d{1,15})\.m(\d{1,15})\.r(\d{1,15})(?:\.s(\d{1,15}))?")


class MalformedCursorError(ValueError):
    """A cursor this centre did not make."""


@dataclass(frozen=True)
class Cursor:
    """The last revision a hall has seen of each kind it pulls."""

    complaints: int = 0
    postings: int = 0
    p3mi: int = 0
    rates: int = 0
    surveys: int = 0

    @classmethod
    def parse(cls, text: str) -> Cursor:
        """The cursor a hall sent back; empty is a first pull.

        Raises:
            MalformedCursorError: not a cursor this centre made.
        """
        if not text:
            return cls()
        match = _CURSOR.fullmatch(text)
        if match is None:
            raise MalformedCursorError("malformed cursor: send back the one the last pull gave")
        return cls(*(int(part or 0) for part in match.groups()))

    def __str__(self) -> str:
        return f"c{self.complaints}.p{self.postings}.m{self.p3mi}.r{self.rates}.s{self.surveys}"


def changes_since(session: Session, site_id: str, cursor: Cursor) -> PullResult:
    """What changed at the centre after ``cursor``: the site's complaints and survey answers,
    and the feeds."""
    complaints = _of_site(session, Complaint, site_id, cursor.complaints)
    postings = _published(session, Posting, cursor.postings)
    p3mi = _published(session, P3mi, cursor.p3mi)
    rates = _published(session, Rate, cursor.rates)
    surveys = _of_site(session, SurveyAnswer, site_id, cursor.surveys)
    following = Cursor(
        complaints=complaints[-1].revision if complaints else cursor.complaints,
        postings=postings[-1].revision if postings else cursor.postings,
        p3mi=p3mi[-1].revision if p3mi else cursor.p3mi,
        rates=rates[-1].revision if rates else cursor.rates,
        surveys=surveys[-1].revision if surveys else cursor.surveys,
    )
    return PullResult(
        cursor=str(following),
        complaints=_updates(session, site_id, complaints),
        postings=[
            PublishedPosting(token=row.token, record=PostingRecord.model_validate_json(row.record))
            for row in postings
        ],
        p3mi=[P3miRecord.model_validate_json(row.record) for row in p3mi],
        rates=[RateRecord.model_validate_json(row.record) for row in rates],
        surveys=[
            SurveyAnswered(
                token=row.token,
                answered_at=row.answered_at,
                answers=[row.u1, row.u2, row.u3, row.u4, row.u5, row.u6, row.u7, row.u8, row.u9],
            )
            for row in surveys
        ],
    )


def _of_site(session: Session, model: type[_Site], site_id: str, after: int) -> list[_Site]:
    return list(
        session.scalars(
            select(model)
            .where(model.site_id == site_id, model.revision > after)
            .order_by(model.revision)
            .limit(PULL_LIMIT)
        )
    )


def _published(session: Session, model: type[_Row], after: int) -> list[_Row]:
    return list(
        session.scalars(
            select(model).where(model.revision > after).order_by(model.revision).limit(PULL_LIMIT)
        )
    )


def _updates(session: Session, site_id: str, complaints: list[Complaint]) -> list[ComplaintUpdate]:
    notes: dict[str, list[NoteWire]] = defaultdict(list)
    if complaints:
        for note in session.scalars(
            select(ComplaintNote)
            .where(
                ComplaintNote.site_id == site_id,
                ComplaintNote.token.in_([c.token for c in complaints]),
                ComplaintNote.public.is_(True),
            )
            .order_by(ComplaintNote.at, ComplaintNote.note_id)
        ):
            notes[note.token].append(
                NoteWire(note_id=UUID(note.note_id), text=note.text, public=True)
            )
    return [
        ComplaintUpdate.model_validate(
            {
                "token": complaint.token,
                "status": complaint.status,
                "changed_at": complaint.status_changed_at,
                "public_notes": notes[complaint.token],
                "erased": complaint.erased_at is not None,
            }
        )
        for complaint in complaints
    ]
