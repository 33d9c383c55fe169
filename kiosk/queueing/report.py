"""The day's queue figures per service, per counter and for the hall, and their CSV.

- issued: tickets taken for the service that day (by the service they were issued for);
- called, served, no-shows: ``called``, ``finished`` and ``no_show`` events, counted for
  the service the ticket was in at that moment and for the counter that acted;
- wait: from issue to the first call, counted for the issued service and the counter
  that called first;
- service time: from the last start to the finish, for the service and counter that
  finished it.

Times are minutes with one decimal: the median and the 90th percentile (nearest rank).
"""

from __future__ import annotations

import csv
import io
import math
import statistics
from collections import defaultdict
from dataclasses import astuple, dataclass, field, fields
from datetime import date, datetime
from typing import Final, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.i18n import pick, translate
from kiosk.models import Ticket, TicketEvent
from kiosk.queueing.states import EventKind
from kiosk.settings import Settings

Scope = Literal["hall", "service", "counter"]
HALL: Final = "all"


@dataclass(frozen=True, slots=True)
class FigureRow:
    """The figures of one service, one counter, or the whole hall."""

    scope: Scope
    name: str
    title: str
    issued: int | None
    called: int
    served: int
    no_shows: int
    wait_median: float | None
    wait_p90: float | None
    service_median: float | None
    service_p90: float | None


@dataclass(frozen=True, slots=True)
class DayFigures:
    """A local day's figures: the hall first, then each service, then each counter."""

    site: str
    day: date
    rows: tuple[FigureRow, ...]


@dataclass
class _Tally:
    issued: int = 0
    called: int = 0
    served: int = 0
    no_shows: int = 0
    waits: list[float] = field(default_factory=list)
    services: list[float] = field(default_factory=list)


def percentile(values: list[float], share: float) -> float | None:
    """The nearest-rank percentile (``share`` 0.9 for the 90th), None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)), 1) - 1]


def _minutes(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _between(start: datetime, end: datetime) -> float:
    return (end - start).total_seconds() / 60


def _tally(rows: list[tuple[TicketEvent, Ticket]]) -> dict[tuple[Scope, str], _Tally]:
    tallies: dict[tuple[Scope, str], _Tally] = defaultdict(_Tally)
    first_call: set[int] = set()
    started: dict[int, datetime] = {}
    for event, ticket in rows:
        keys: list[tuple[Scope, str]] = [("hall", HALL), ("service", event.service_code or "")]
        if event.counter_number is not None:
            keys.append(("counter", str(event.counter_number)))
        kind = EventKind(event.kind)
        if kind is EventKind.ISSUED:
            for key in keys:
                tallies[key].issued += 1
        elif kind is EventKind.CALLED:
            wait = None
            if ticket.id not in first_call:
                first_call.add(ticket.id)
                wait = _between(ticket.issued_at, event.at)  # a first call is in the issued service
            for key in keys:
                tallies[key].called += 1
                if wait is not None:
                    tallies[key].waits.append(wait)
        elif kind is EventKind.STARTED:
            started[ticket.id] = event.at
        elif kind is EventKind.FINISHED:
            for key in keys:
                tallies[key].served += 1
                tallies[key].services.append(_between(started[ticket.id], event.at))
        elif kind is EventKind.NO_SHOW:
            for key in keys:
                tallies[key].no_shows += 1
    return tallies


def day_figures(
    session: Session, settings: Settings, day: date, language: str = "id"
) -> DayFigures:
    """The figures of a local day, read in the caller's session."""
    rows = [
        (event, ticket)
        for event, ticket in session.execute(
            select(TicketEvent, Ticket)
            .join(Ticket, TicketEvent.ticket_id == Ticket.id)
            .where(Ticket.day == day)
            .order_by(TicketEvent.id)
        )
    ]
    tallies = _tally(rows)
    titles: list[tuple[Scope, str, str]] = [
        ("hall", HALL, translate("queue.report_scope_hall", language))
    ]
    titles += [("service", s.code, pick(s.name, language)) for s in settings.services]
    titles += [("counter", str(c.number), pick(c.name, language)) for c in settings.counters]
    return DayFigures(
        site=settings.site.name,
        day=day,
        rows=tuple(
            _row(scope, name, title, tallies.get((scope, name))) for scope, name, title in titles
        ),
    )


def _row(scope: Scope, name: str, title: str, tally: _Tally | None) -> FigureRow:
    tally = tally or _Tally()
    return FigureRow(
        scope=scope,
        name=name,
        title=title,
        issued=None if scope == "counter" else tally.issued,
        called=tally.called,
        served=tally.served,
        no_shows=tally.no_shows,
        wait_median=_minutes(statistics.median(tally.waits) if tally.waits else None),
        wait_p90=_minutes(percentile(tally.waits, 0.9)),
        service_median=_minutes(statistics.median(tally.services) if tally.services else None),
        service_p90=_minutes(percentile(tally.services, 0.9)),
    )


def figures_csv(figures: DayFigures) -> str:
    """The figures as CSV with stable column names (``scope,name,title,issued,...``)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([f.name for f in fields(FigureRow)])
    for row in figures.rows:
        writer.writerow(["" if value is None else value for value in astuple(row)])
    return out.getvalue()
