"""Rows of the central tables written directly, for the public pages' tests (no sync API).

:class:`Records` inserts a hall, its tickets, complaints and the published postings the way
the sync API would leave them, each call one committed transaction, so that a test (or a
real server in another thread) reads them as a phone would.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Any

from fastapi import FastAPI
from sqlalchemy import update
from sqlalchemy.orm import Session

from central.app import create_app
from central.db import Database
from central.deps import get_now
from central.models import (
    Complaint,
    ComplaintNote,
    ComplaintStatus,
    P3mi,
    Posting,
    Rate,
    Site,
    Ticket,
    TicketEvent,
)
from central.pages import router
from central.settings import Settings
from kiosk.jobs.feed import P3miRecord, PostingRecord, RateRecord
from kiosk.references import new_public_token
from kiosk.sync.contract import CounterState, HallState, ServiceState
from tests.helpers import feeds

NOW = datetime(2026, 11, 23, 2, 30, tzinfo=UTC)
"""Monday 23 November 2026, 09:30 WIB: the moment the pages are asked for."""
TODAY = date(2026, 11, 23)
SITE_ID = "mpp-kab-probolinggo"
HALL = HallState(
    name="MPP Kabupaten Probolinggo",
    timezone="Asia/Jakarta",
    hotline="0800-1000",
    services=[
        ServiceState(
            code="jobs",
            letter="A",
            names={"id": "Informasi Lowongan Kerja", "en": "Job information"},
            typical_service_minutes=6,
            active_counters=2,
        ),
        ServiceState(
            code="placement",
            letter="B",
            names={"id": "Pendaftaran Penempatan", "en": "Placement registration"},
            typical_service_minutes=12.5,
            active_counters=1,
        ),
    ],
    counters=[
        CounterState(number=1, names={"id": "Loket 1", "en": "Counter 1"}),
        CounterState(number=2, names={"id": "Loket 2", "en": "Counter 2"}),
    ],
)


class Clock:
    """The moment the app believes it is; a test moves it."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def pages_app(db: Database, clock: Clock, settings: Settings | None = None) -> FastAPI:
    """The central application on ``db`` with the pages' router and the clock of the test."""
    app = create_app(settings or Settings(), db)
    if not any(getattr(route, "path", "") == "/r/{token:path}" for route in app.routes):
        app.include_router(router)
    app.dependency_overrides[get_now] = clock
    return app


class Records:
    """Writes the rows a public page reads, as the sync API would have left them."""

    def __init__(self, db: Database, now: datetime = NOW) -> None:
        self.db = db
        self.now = now
        self._minute = 0
        self._moves = 0

    @contextmanager
    def _session(self) -> Iterator[Session]:
        with self.db.sessions.begin() as session:
            yield session

    def site(
        self,
        hall: HallState | None = HALL,
        *,
        site_id: str = SITE_ID,
        synced: datetime | None = None,
        timezone: str = "Asia/Jakarta",
    ) -> str:
        """A hall that last synced at ``synced`` (default: ten seconds ago)."""
        with self._session() as session:
            session.add(
                Site(
                    site_id=site_id,
                    name=hall.name if hall else "MPP",
                    timezone=hall.timezone if hall else timezone,
                    hotline=hall.hotline if hall else "0800-1000",
                    state=hall.model_dump_json() if hall else None,
                    last_sync_at=synced or self.now - timedelta(seconds=10),
                    created_at=self.now - timedelta(days=30),
                )
            )
        return site_id

    def synced(self, at: datetime | None, site_id: str = SITE_ID) -> None:
        """Move the hall's last sync."""
        with self._session() as session:
            session.execute(update(Site).where(Site.site_id == site_id).values(last_sync_at=at))

    def hall(self, hall: HallState, site_id: str = SITE_ID) -> None:
        """Replace the hall's reported services and counters."""
        with self._session() as session:
            session.execute(
                update(Site).where(Site.site_id == site_id).values(state=hall.model_dump_json())
            )

    def ticket(
        self,
        number: str = "A-007",
        *,
        service: str = "jobs",
        state: str = "waiting",
        priority: bool = False,
        counter: int | None = None,
        day: date = TODAY,
        queued_at: datetime | None = None,
        site_id: str = SITE_ID,
        reference: str = "Q-261123-7K3M",
    ) -> str:
        """A ticket; tickets made one after another are queued a minute apart."""
        self._minute += 1
        queued = queued_at or datetime.combine(day, datetime.min.time(), UTC) + timedelta(
            minutes=self._minute
        )
        token = new_public_token()
        with self._session() as session:
            session.add(
                Ticket(
                    site_id=site_id,
                    token=token,
                    reference=reference,
                    number=number,
                    service_code=service,
                    day=day,
                    priority=priority,
                    state=state,
                    counter_number=counter,
                    issued_at=queued,
                    queued_at=queued,
                    called_at=queued + timedelta(minutes=30) if counter else None,
                    finished_at=None,
                    posting_token=None,
                    updated_at=queued,
                )
            )
            session.flush()
            session.add(self._event(token, "issued", queued, None, service, site_id))
        return token

    def move(
        self,
        token: str,
        event: str,
        *,
        state: str,
        counter: int | None = None,
        service: str | None = None,
        site_id: str = SITE_ID,
    ) -> None:
        """An event happened to a ticket: its state, counter and service as the hall says."""
        values: dict[str, Any] = {"state": state, "counter_number": counter}
        if service is not None:
            values["service_code"] = service
        with self._session() as session:
            session.execute(
                update(Ticket)
                .where(Ticket.site_id == site_id, Ticket.token == token)
                .values(**values)
            )
            self._moves += 1
            at = self.now - timedelta(minutes=5) + timedelta(seconds=self._moves)
            session.add(self._event(token, event, at, counter, service, site_id))

    @staticmethod
    def _event(
        token: str,
        event: str,
        at: datetime,
        counter: int | None,
        service: str | None,
        site_id: str,
    ) -> TicketEvent:
        return TicketEvent(
            site_id=site_id,
            entry_id=str(uuid.uuid4()),
            token=token,
            event=event,
            at=at,
            counter_number=counter,
            service_code=service,
        )

    def complaint(
        self,
        *,
        status: str = "received",
        categories: str = "unpaid_wages lost_contact",
        urgent: bool = False,
        reporter: str = "0812•••••678",
        created_at: datetime | None = None,
        status_changed_at: datetime | None = None,
        site_id: str = SITE_ID,
        reference: str = "P-261123-4D2Q",
    ) -> str:
        """A complaint; its sealed personal answers are never read by the pages."""
        created = created_at or self.now - timedelta(hours=1)
        token = new_public_token()
        with self._session() as session:
            session.add(
                Complaint(
                    site_id=site_id,
                    token=token,
                    reference=reference,
                    day=created.date(),
                    created_at=created,
                    urgent=urgent,
                    categories=categories,
                    destination_country="TW",
                    reporter_masked=reporter,
                    personal_sealed=b"SEALED: Siti Aminah, NIK 3507123456780012",
                    key_id="k1",
                    status=status,
                    status_changed_at=status_changed_at or created,
                    revision=1,
                )
            )
        return token

    def note(
        self, token: str, text: str, *, public: bool, at: datetime, site_id: str = SITE_ID
    ) -> None:
        """A note on a complaint, public or for officers only."""
        with self._session() as session:
            session.add(
                ComplaintNote(
                    site_id=site_id,
                    note_id=str(uuid.uuid4()),
                    token=token,
                    at=at,
                    text=text,
                    public=public,
                    origin="desk",
                )
            )

    def status(
        self, token: str, status: str, *, at: datetime, reason: str = "", site_id: str = SITE_ID
    ) -> None:
        """A complaint moved to ``status``."""
        with self._session() as session:
            session.add(
                ComplaintStatus(
                    site_id=site_id,
                    entry_id=str(uuid.uuid4()),
                    token=token,
                    status=status,
                    at=at,
                    reason=reason,
                )
            )
            session.execute(
                update(Complaint)
                .where(Complaint.site_id == site_id, Complaint.token == token)
                .values(status=status, status_changed_at=at)
            )

    def posting(self, **fields: Any) -> str:
        """A published posting (the test feed's caregiver in Taiwan, ``fields`` replaced)."""
        record = PostingRecord.model_validate(feeds.posting(**fields))
        token = new_public_token()
        with self._session() as session:
            session.add(
                Posting(
                    token=token,
                    feed_id=record.id,
                    record=record.model_dump_json(),
                    revision=1,
                )
            )
        return token

    def p3mi(self, **fields: Any) -> None:
        """A company of the P3MI registry (the test feed's, ``fields`` replaced)."""
        record = P3miRecord.model_validate(feeds.p3mi(**fields))
        with self._session() as session:
            session.add(
                P3mi(
                    licence_number=record.licence_number,
                    record=record.model_dump_json(),
                    revision=1,
                )
            )

    def rate(self, currency: str, idr: str, as_of: date) -> None:
        """An exchange rate."""
        record = RateRecord.model_validate({"currency": currency, "idr": idr, "as_of": as_of})
        with self._session() as session:
            session.add(Rate(currency=currency, record=record.model_dump_json(), revision=1))
