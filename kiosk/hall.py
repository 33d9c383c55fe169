"""Opening the hall: the configured database brought up to date and mirrored from configuration."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.db import Database, data_dir, migrate, open_database, resolve_url
from kiosk.models import Counter, Service
from kiosk.settings import Settings
from printing import Printer, make_printer


@dataclass(frozen=True)
class Hall:
    """What every face of the hall (kiosk, console, board, CLI) works with."""

    settings: Settings
    db: Database

    @property
    def spool_dir(self) -> Path:
        """Where the spool printer back-end writes slips."""
        return self.spool_dir_for(self.settings)

    @staticmethod
    def spool_dir_for(settings: Settings) -> Path:
        """The spool folder a configuration names, or the default in the data directory."""
        configured = settings.printer.spool_dir
        return Path(configured) if configured else data_dir() / "spool"

    def printer(self) -> Printer:
        """The configured slip printer."""
        return printer_for(self.settings)

    def close(self) -> None:
        """Release the database connections."""
        self.db.dispose()


def printer_for(settings: Settings) -> Printer:
    """The slip printer a configuration names (spool folder or CUPS queue)."""
    config = settings.printer
    return make_printer(
        config.backend,
        name=config.name or None,
        spool_dir=Hall.spool_dir_for(settings),
        timeout_s=config.timeout_seconds,
    )


def open_hall(settings: Settings) -> Hall:
    """Connect, migrate to this app's schema and mirror services and counters.

    Raises:
        kiosk.db.DatabaseError: unreachable, or a schema from a newer app.
    """
    db = open_database(resolve_url(settings.database.url))
    try:
        migrate(db)
        with db.sessions.begin() as session:
            _mirror_configuration(session, settings)
    except BaseException:
        db.dispose()
        raise
    return Hall(settings=settings, db=db)


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
