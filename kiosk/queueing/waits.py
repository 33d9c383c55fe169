"""Estimated wait per service, from the day's real service times and the counters at work.

The formula (the README cites it)::

    wait = ceil(people_ahead × typical_service_minutes ÷ active_counters)

- ``typical_service_minutes`` is the median of the last ``queue.wait_window`` services of
  that service finished today, each measured from its call to its finish (the time a
  counter is taken by one visitor); before the first finish of the day it is
  ``queue.default_service_minutes``.
- ``active_counters`` is the number of counters configured for the service that called
  anyone in the last ``queue.active_counter_minutes`` minutes, and at least 1.
- ``people_ahead`` is the waiting tickets of the service that would be called first: all of
  them for a regular visitor, the priority ones for a priority visitor.

It is an estimate: a counter that serves several services is counted whole for each.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Collection
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.models import TicketEvent
from kiosk.queueing.states import EventKind
from kiosk.settings import QueueSection

MIN_SERVICE_MINUTES = 1.0
"""No visit is counted as shorter than this, so people waiting never read as no wait."""


def estimate_minutes(people_ahead: int, service_minutes: float, active_counters: int) -> int:
    """The wait in whole minutes, rounded up, for ``people_ahead`` visitors."""
    per_visit = max(service_minutes, MIN_SERVICE_MINUTES)
    return math.ceil(people_ahead * per_visit / max(active_counters, 1))


def typical_service_minutes(
    session: Session, service_code: str, since: datetime, config: QueueSection
) -> float:
    """Median call-to-finish minutes of the service's last finished visits since ``since``."""
    finished = session.execute(
        select(TicketEvent.ticket_id, TicketEvent.at)
        .where(
            TicketEvent.kind == EventKind.FINISHED,
            TicketEvent.service_code == service_code,
            TicketEvent.at >= since,
        )
        .order_by(TicketEvent.id.desc())
        .limit(config.wait_window)
    ).all()
    if not finished:
        return float(config.default_service_minutes)
    called = dict(
        session.execute(
            select(TicketEvent.ticket_id, func.max(TicketEvent.at))
            .where(
                TicketEvent.kind == EventKind.CALLED,
                TicketEvent.ticket_id.in_([ticket_id for ticket_id, _ in finished]),
            )
            .group_by(TicketEvent.ticket_id)
        ).all()
    )
    minutes = [(at - called[ticket_id]).total_seconds() / 60 for ticket_id, at in finished]
    return statistics.median(minutes)


def active_counters(
    session: Session, counters: Collection[int], now: datetime, config: QueueSection
) -> int:
    """How many of ``counters`` called someone recently; at least 1."""
    recent = now - timedelta(minutes=config.active_counter_minutes)
    count = session.scalar(
        select(func.count(func.distinct(TicketEvent.counter_number))).where(
            TicketEvent.kind == EventKind.CALLED,
            TicketEvent.at >= recent,
            TicketEvent.counter_number.in_(list(counters)),
        )
    )
    return max(count or 0, 1)
