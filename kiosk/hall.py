"""The hall: the one facade every face (kiosk, console, board, command line) opens.

``open_hall(settings, clock)`` brings the configured database up to date, mirrors the
configured services and counters into it, and gives the use cases of the hall, each built
once on the one database and the one clock (as Anki's ``Collection`` gives ``col.decks``)::

    hall = open_hall(settings)
    hall.queue.issue_ticket("jobs")
    hall.jobs.search(JobQuery(country="TW"))
    hall.complaints.submit(form)
    hall.staff.sign_in("siti", "1111")
    hall.look_up("Q-261123-7K3M")
"""

from __future__ import annotations

from datetime import date
from functools import cached_property
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.clock import Clock, aware_now, local_day, system_clock
from kiosk.complaints.store import ComplaintService
from kiosk.db import Database, data_dir, migrate, open_database, resolve_url
from kiosk.hall_key import open_device_key
from kiosk.jobs.search import JobBoard
from kiosk.models import Counter, Service
from kiosk.queueing.entries import hall_state
from kiosk.queueing.service import QueueService
from kiosk.settings import Settings
from kiosk.staff import StaffDirectory
from kiosk.status import StatusAnswer, look_up
from kiosk.survey.service import SurveyService
from kiosk.sync import hall_entry
from printing import Paper, Printer, make_printer
from printing.breaker import RestingPrinter


class Hall:
    """One hall: its settings, database and clock, and its use cases built once.

    Args:
        settings: the validated site configuration.
        db: the hall database, already migrated.
        clock: the one clock every use case of the hall reads.
    """

    def __init__(self, settings: Settings, db: Database, clock: Clock = system_clock) -> None:
        self.settings = settings
        self.db = db
        self.clock = clock

    @property
    def zone(self) -> ZoneInfo:
        """The site's time zone."""
        return self.settings.site.zone

    def today(self) -> date:
        """The site's local date now."""
        return local_day(self.clock(), self.zone)

    @cached_property
    def queue(self) -> QueueService:
        """The queue (antrian): tickets, calls, the supervisor's day."""
        return QueueService(self.db, self.settings, self.clock)

    @cached_property
    def jobs(self) -> JobBoard:
        """Jobs information: vacancies, P3MI, exchange rates."""
        return JobBoard(self.db, self.zone, self.clock)

    @cached_property
    def complaints(self) -> ComplaintService:
        """Complaints (pengaduan), sealed with this device's key (``kiosk.hall_key``).

        The embedded SQLite box of a hall with no key recorded makes one on first use;
        otherwise the key is the one ``mpp-kiosk init`` or ``key import`` left here, never
        a new one. A key that is not the hall's opens nothing and seals nothing: the use
        cases say so.

        Raises:
            kiosk.infra.sealed.KeyFileError: the key is missing or unusable (raised again
                on the next use; once the key is fixed it works).
        """
        device = open_device_key(self.db, create=self.db.is_sqlite)
        return ComplaintService(self.db, self.settings, device.sealer, self.clock)

    @cached_property
    def staff(self) -> StaffDirectory:
        """Staff sign-in."""
        return StaffDirectory(self.db, self.clock)

    @cached_property
    def survey(self) -> SurveyService:
        """The satisfaction survey (SKM): answers of served tickets, the index."""
        return SurveyService(self.db, self.settings, self.clock)

    def look_up(self, text: str) -> StatusAnswer:
        """Cek Status: what a typed reference or a scanned QR link names in this hall.

        One read transaction of the hall database; works with the network down.
        """
        return look_up(text, self.db, self.settings, self.clock)

    @property
    def spool_dir(self) -> Path:
        """Where the spool printer back-end writes slips."""
        return spool_dir_for(self.settings)

    def printer(self) -> Printer:
        """The configured slip printer."""
        return printer_for(self.settings)

    def close(self) -> None:
        """Release the database connections."""
        self.db.dispose()


def spool_dir_for(settings: Settings) -> Path:
    """The spool folder a configuration names, or the default in the data directory."""
    configured = settings.printer.spool_dir
    return Path(configured) if configured else data_dir() / "spool"


def printer_for(settings: Settings) -> Printer:
    """The slip printer a configuration names (spool folder, CUPS queue, ESC/POS device).

    Once it fails it rests (``printing.breaker``): the next visitors' slips fail at once
    instead of each waiting out the time-out, and a slip a minute later tries it again.
    """
    config = settings.printer
    printer = make_printer(
        config.backend,
        name=config.name or None,
        spool_dir=spool_dir_for(settings),
        timeout_s=config.timeout_seconds,
        device=config.device or None,
        paper=Paper(config.paper_width),
    )
    return RestingPrinter(printer)


def open_hall(settings: Settings, clock: Clock = system_clock) -> Hall:
    """Connect, migrate to this app's schema and mirror services and counters.

    A configuration that differs from the one last told to the centre (or the first one)
    goes into the outbox as a ``hall`` entry in the same transaction.

    Raises:
        kiosk.db.DatabaseError: unreachable, or a schema from a newer app.
    """
    db = open_database(resolve_url(settings.database.url))
    try:
        migrate(db)
        with db.sessions.begin() as session:
            _mirror_configuration(session, settings)
            now = aware_now(clock)
            hall_entry.record_hall_if_changed(session, hall_state(session, settings, now), now)
    except BaseException:
        db.dispose()
        raise
    return Hall(settings, db, clock)


def _mirror_configuration(session: Session, settings: Settings) -> None:
    services = {s.code: s for s in session.scalars(select(Service))}
    for position, configured in enumerate(settings.services):
        service = services.get(configured.code)
        if service is None:
            service = Service(code=configured.code)
            session.add(service)
            services[configured.code] = service
        service.letter = configured.letter
        service.daily_quota = configured.daily_quota
        service.priority_allowed = configured.priority_allowed
        service.position = position
    counters = {c.number: c for c in session.scalars(select(Counter))}
    for configured_counter in settings.counters:
        counter = counters.get(configured_counter.number)
        if counter is None:
            counter = Counter(number=configured_counter.number)
            session.add(counter)
        counter.location = configured_counter.location
        counter.services = [services[code] for code in configured_counter.services]
