"""``mpp-kiosk sync``: push the outbox and pull the centre's changes, once or until stopped.

Online, the loop polls the outbox's newest id every :data:`POLL_SECONDS` (as the board
polls the queue's change marker), so a new entry leaves within a second, and pulls
every ``central.sync_interval_seconds``. Offline it waits with exponential back-off and
jitter (up to five minutes) and does not wake for new entries: no busy loop in a service
car without a network. ``Retry-After`` of a busy centre is honoured. A stop (SIGTERM,
SIGINT) is seen between requests, so the last batch is either marked or sent again later.
An outage (of the centre, or of the hall's own PostgreSQL) is logged when it starts and
when it ends, not at every try.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from sqlalchemy.exc import OperationalError

from kiosk.clock import Clock, aware_now
from kiosk.db import Database
from kiosk.infra.sealed import KeyFileError
from kiosk.settings import Settings
from kiosk.sync import outbox
from kiosk.sync.backoff import Backoff
from kiosk.sync.client import (
    CentreBusyError,
    CentreClient,
    SyncError,
    TokenRejectedError,
)
from kiosk.sync.enrolment import Enrolment, EnrolmentError
from kiosk.sync.inbox import Inbox
from kiosk.sync.push import Pushed, newest_entry, push_outbox

log = logging.getLogger(__name__)

POLL_SECONDS: Final = 0.5
"""How often the loop looks for a new outbox entry while the centre is reachable."""
RETRY_REFUSED_SECONDS: Final = 3600.0
"""How often refused entries are offered again (the centre may take them now)."""
BUSY_WAITS_ONCE: Final = 3
"""How many ``Retry-After`` waits ``sync --once`` sits through before giving up."""
MAX_PULL_PAGES: Final = 10_000
"""A bound on the pages of one pull (a centre whose cursor never stops is a fault)."""


@dataclass(frozen=True)
class SyncReport:
    """What one round did."""

    pushed: Pushed
    pulled_pages: int
    pulled_records: int


class Syncer:
    """One hall device's sync with the centre.

    Args:
        db: the hall database.
        settings: the site configuration (``central.*``).
        clock: the hall's clock (moments stamped on sent entries and pulls).
        enrolment: reads the enrolment; called every round, so a new ``central enrol``
            takes effect without a restart.
        stop: set to stop (by a signal handler, or a test).
    """

    def __init__(
        self,
        db: Database,
        settings: Settings,
        clock: Clock,
        enrolment: Callable[[], Enrolment],
        stop: threading.Event | None = None,
    ) -> None:
        self.db = db
        self.settings = settings
        self.stop = stop or threading.Event()
        self._clock = clock
        self._enrolment = enrolment
        self._inbox = Inbox(db, settings.site.zone, settings.central.pull_feed)
        self._client: CentreClient | None = None
        self._client_for: Enrolment | None = None

    def _now(self) -> datetime:
        return aware_now(self._clock)

    def client(self) -> CentreClient:
        """The HTTP client for the current enrolment (made again when it changed).

        Raises:
            EnrolmentError: not enrolled, or the file is unusable.
        """
        enrolment = self._enrolment()
        if self._client is None or enrolment != self._client_for:
            if self._client is not None:
                self._client.close()
            self._client, self._client_for = CentreClient(enrolment), enrolment
        return self._client

    def close(self) -> None:
        """Close the connections to the centre."""
        if self._client is not None:
            self._client.close()

    def retry_refused(self) -> int:
        """Offer every refused entry again; how many."""
        with self.db.sessions.begin() as session:
            return outbox.retry(session, [item.id for item in outbox.refused(session)])

    def push(self) -> Pushed:
        """Push every pending entry.

        Raises:
            SyncError: the centre could not take a batch.
            EnrolmentError: not enrolled.
        """
        return push_outbox(self.db, self.client(), self._now, stop=self.stop)

    def pull(self) -> tuple[int, int]:
        """Pull until nothing changed (304) or the cursor stops; (pages, records) applied.

        Raises:
            SyncError: the centre could not be asked.
            EnrolmentError: not enrolled.
        """
        client = self.client()
        cursor = self._inbox.cursor()
        pages = records = 0
        complete = False
        try:
            while pages < MAX_PULL_PAGES and not self.stop.is_set():
                pulled = client.pull(cursor)
                if pulled.result is None:
                    self._inbox.touch(self._now())
                    complete = True
                    break
                records += self._inbox.apply(pulled.result, self._now())
                pages += 1
                if pulled.cursor == cursor:
                    complete = True
                    break
                cursor = pulled.cursor
        finally:
            self._inbox.end_pull(complete=complete)
        return pages, records

    def once(self) -> SyncReport:
        """Push, then pull; a busy centre's ``Retry-After`` is waited a few times.

        Raises:
            SyncError: the fault that ended the round.
            EnrolmentError: not enrolled.
        """
        self.retry_refused()
        for attempt in range(BUSY_WAITS_ONCE + 1):
            try:
                pushed = self.push()
                pages, records = self.pull()
                return SyncReport(pushed, pages, records)
            except CentreBusyError as busy:
                if attempt == BUSY_WAITS_ONCE or self.stop.wait(busy.wait or 1.0):
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    def forever(self) -> None:
        """Sync until :attr:`stop` is set."""
        backoff = Backoff()
        outage: str | None = None
        interval = float(self.settings.central.sync_interval_seconds)
        next_pull = next_retry = 0.0
        while not self.stop.is_set():
            try:
                if time.monotonic() >= next_retry:
                    self.retry_refused()
                    next_retry = time.monotonic() + RETRY_REFUSED_SECONDS
                marker = newest_entry(self.db)
                self.push()
                if time.monotonic() >= next_pull:
                    self.pull()
                    next_pull = time.monotonic() + interval
            except (SyncError, EnrolmentError, KeyFileError, OperationalError) as fault:
                wait = _wait_after(fault, backoff, interval)
                said = _one_line(fault)
                if outage != said:
                    log.warning("sync paused: %s (next try in %.0f s)", said, wait)
                    outage = said
                self.stop.wait(wait)
                continue
            if outage is not None:
                log.info("sync resumed: the centre took the outbox")
                outage = None
            backoff.reset()
            self._wait_for_entry(marker, next_pull)

    def _wait_for_entry(self, marker: str | None, until: float) -> None:
        """Sleep until a new outbox entry appears, ``until`` (monotonic) comes, or a stop."""
        while not self.stop.wait(POLL_SECONDS) and time.monotonic() < until:
            if newest_entry(self.db) != marker:
                return


def _one_line(fault: Exception) -> str:
    """A fault in one line (a database driver's message runs over several)."""
    if isinstance(fault, OperationalError):
        origin = str(fault.orig).strip().splitlines() if fault.orig else []
        return f"the hall database is unreachable: {origin[0] if origin else 'no detail'}"
    return str(fault)


def _wait_after(fault: Exception, backoff: Backoff, interval: float) -> float:
    """Seconds to wait before trying again after ``fault``."""
    if isinstance(fault, CentreBusyError) and fault.wait is not None:
        backoff.next_wait()
        return max(fault.wait, 1.0)
    if isinstance(fault, TokenRejectedError | EnrolmentError | KeyFileError):
        return max(interval, backoff.next_wait())  # an operator must act: look now and then
    return backoff.next_wait()
