"""What the hall pulls from the centre, applied: each page of a pull in one transaction.

A page carries the desk's word on this site's complaints (status and public notes), and
the postings, P3MI registry and exchange rates the centre publishes to every hall. The
complaints go to ``central_complaints`` (what the staff console and "Cek Status" show as
the centre's latest); the feed goes through the jobs importer's own upserts, each posting
under the centre's public token so a QR code of it opens the same page from every hall,
unless the site takes its feed by hand (``central.pull_feed = false``). Survey answers
given on a ticket's public page go to ``survey_answers`` (channel ``web``) beside the
kiosk's; a ticket answered at the kiosk meanwhile keeps that first answer. The cursor the
page ends at is stored in the same transaction, so a crash never skips nor half-applies a
page, and applying one again changes nothing.

A posting whose P3MI has not come yet is held until a later page brings it; while one is
held, the cursor stored is the one before the page that brought it, so a sync killed in
between pulls that page again rather than losing the posting. A pull that reaches the
centre's end gives the held ones up (logged) and stores the cursor it reached.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.clock import local_day
from kiosk.db import Database
from kiosk.jobs.upsert import known_licences, upsert_p3mi, upsert_postings, upsert_rates
from kiosk.models import (
    CentralComplaint,
    Complaint,
    ComplaintNote,
    OutboxEntry,
    PullState,
    SurveyAnswer,
    Ticket,
)
from kiosk.sync.contract import PublishedPosting, PullResult
from kiosk.sync.outbox import SEALED_KINDS

log = logging.getLogger(__name__)
FEED_SOURCE = "central"
"""The ``source`` of a pulled posting that names none."""


@dataclass
class Inbox:
    """Applies pulled pages to the hall database.

    Args:
        db: the hall database.
        zone: the site's time zone (new postings' references carry its day).
        pull_feed: whether postings, P3MI and rates are taken from the centre.

    Attributes:
        held: postings whose P3MI has not come yet (the registry comes page by page too);
            tried again with every page, and given up when the pull ends without it.
    """

    db: Database
    zone: ZoneInfo
    pull_feed: bool = True
    held: dict[str, PublishedPosting] = field(default_factory=dict)
    _resume: str | None = field(default=None, init=False, repr=False)
    """The stored cursor before the first page whose posting is still held."""
    _reached: str | None = field(default=None, init=False, repr=False)
    """The cursor of the last page applied."""

    def cursor(self) -> str:
        """The cursor the last applied page ended at ("" before the first pull)."""
        with self.db.reads() as session:
            return session.scalar(select(PullState.cursor).where(PullState.id == 1)) or ""

    def apply(self, page: PullResult, now: datetime) -> int:
        """Apply one page and keep its cursor, in one transaction; how many records changed."""
        with self.db.sessions.begin() as session:
            state = session.get(PullState, 1) or PullState(id=1, cursor="")
            changed = _complaints(session, page, now) + _surveys(session, page)
            if self.pull_feed:
                changed += self._feed(session, page, now)
            if not self.held:
                self._resume = None
            elif self._resume is None:
                self._resume = state.cursor
            state.cursor = page.cursor if self._resume is None else self._resume
            state.pulled_at = now
            session.add(state)
        self._reached = page.cursor
        return changed

    def touch(self, now: datetime) -> None:
        """Note that the centre was asked at ``now`` and had nothing new (a 304)."""
        with self.db.sessions.begin() as session:
            state = session.get(PullState, 1) or PullState(id=1, cursor="")
            state.pulled_at = now
            session.add(state)

    def _feed(self, session: Session, page: PullResult, now: datetime) -> int:
        rates = upsert_rates(session, page.rates)
        p3mi = upsert_p3mi(session, page.p3mi, now)
        for posting in page.postings:
            self.held[posting.record.id] = posting
        licences = known_licences(session)
        ready = [
            posting
            for posting in self.held.values()
            if posting.record.p3mi_licence is None or posting.record.p3mi_licence in licences
        ]
        for posting in ready:
            del self.held[posting.record.id]
        written = upsert_postings(
            session,
            [posting.record for posting in ready],
            feed_source=FEED_SOURCE,
            rates=rates,
            today=local_day(now, self.zone),
            now=now,
            tokens={posting.record.id: posting.token for posting in ready},
        )
        return len(page.rates) + p3mi.added + p3mi.updated + written.added + written.updated

    def end_pull(self, *, complete: bool) -> list[str]:
        """The end of a pull: what is held is forgotten here.

        Args:
            complete: the pull reached the centre's end. The postings still held then name a
                P3MI the centre did not send: they are given up (logged) and the cursor
                reached is stored. After an interrupted pull the stored cursor stays before
                them, so the next pull asks for them again.

        Returns:
            The feed ids of the postings given up.
        """
        left = sorted(self.held) if complete else []
        if left and self._reached is not None:
            with self.db.sessions.begin() as session:
                state = session.get(PullState, 1) or PullState(id=1)
                state.cursor = self._reached
                session.add(state)
        for feed_id in left:
            log.warning("pulled posting %s names a P3MI the centre did not send; left out", feed_id)
        self.held.clear()
        self._resume = self._reached = None
        return left


def _complaints(session: Session, page: PullResult, now: datetime) -> int:
    if not page.complaints:
        return 0
    tokens = [update.token for update in page.complaints]
    stored = {
        row.token: row
        for row in session.scalars(
            select(CentralComplaint).where(CentralComplaint.token.in_(tokens))
        )
    }
    for update in page.complaints:
        row = stored.get(update.token) or CentralComplaint(token=update.token, public_notes=[])
        known = {note["note_id"]: note["known_at"] for note in row.public_notes}
        row.status = update.status.value
        row.changed_at = update.changed_at
        row.public_notes = [
            {
                "note_id": str(note.note_id),
                "text": note.text,
                "known_at": known.get(str(note.note_id), now.isoformat()),
            }
            for note in update.public_notes
        ]
        row.pulled_at = now
        session.add(row)
        stored[update.token] = row
        if update.erased:
            erase_personal(session, update.token)
    return len(page.complaints)


def _surveys(session: Session, page: PullResult) -> int:
    """Keep the web answers of this hall's tickets not answered yet; how many were kept."""
    if not page.surveys:
        return 0
    tickets = {
        ticket.public_token: ticket
        for ticket in session.scalars(
            select(Ticket).where(Ticket.public_token.in_([a.token for a in page.surveys]))
        )
    }
    answered = set(
        session.scalars(
            select(SurveyAnswer.ticket_id).where(
                SurveyAnswer.ticket_id.in_([t.id for t in tickets.values()])
            )
        )
    )
    kept = 0
    for answer in page.surveys:
        ticket = tickets.get(answer.token)
        if ticket is None:
            log.warning("pulled survey answer names no ticket of this hall; left out")
            continue
        if ticket.id in answered:
            continue
        session.add(
            SurveyAnswer(
                ticket_id=ticket.id,
                service_code=ticket.service_code,
                day=ticket.day,
                answered_at=answer.answered_at,
                channel="web",
                **{f"u{n}": value for n, value in enumerate(answer.answers, start=1)},
            )
        )
        answered.add(ticket.id)
        kept += 1
    return kept


def erase_personal(session: Session, token: str) -> bool:
    """Erase what the hall holds of a person in the complaint ``token`` (the centre erased its
    copy: retention, or the data subject's request); False when the hall has no such complaint.

    Every sealed answer (each binary column of ``complaints``: what a person typed) is
    emptied (a nullable one becomes NULL), as are the texts of its notes and the payloads
    of its sent outbox entries that held them; the reference, the codes, the dates and the
    statuses stay. Applying it again changes nothing.
    """
    complaint = session.scalar(select(Complaint).where(Complaint.public_token == token))
    if complaint is None:
        return False
    for column in Complaint.__table__.c:
        if isinstance(column.type, sa.LargeBinary):
            setattr(complaint, column.name, None if column.nullable else b"")
    session.execute(
        sa.update(ComplaintNote).where(ComplaintNote.complaint_id == complaint.id).values(text=None)
    )
    session.execute(
        sa.update(OutboxEntry)
        .where(
            OutboxEntry.token == token,
            OutboxEntry.kind.in_(SEALED_KINDS),
            OutboxEntry.sent_at.is_not(None),
        )
        .values(payload="{}")
    )
    return True
