"""Four processes issuing and calling at once: no duplicate number, double call or lost event."""

from __future__ import annotations

import multiprocessing
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, timedelta
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event
from pathlib import Path

from sqlalchemy import func, select

from kiosk.db import open_database
from kiosk.hall import Hall, open_hall
from kiosk.models import Ticket, TicketEvent
from kiosk.queueing import EventKind, rebuild_state
from kiosk.settings import load_settings
from tests.helpers.queue_site import MONDAY_9, counters_for_all, queue_config

PROCESSES = 4
ROUNDS = 40


@dataclass
class Outcome:
    """What one process did: its issued numbers, the tickets it called, the events it caused."""

    numbers: list[tuple[str, str]] = field(default_factory=list)
    called: list[int] = field(default_factory=list)
    events: int = 0


def run_counter(config: str, counter: int, go: Event, results: Queue[Outcome | str]) -> None:
    """One front desk with its own kiosk; puts its outcome, or the error that stopped it."""
    try:
        results.put(_work(config, counter, go))
    except Exception as exc:  # reported to the test instead of leaving it waiting
        results.put(f"counter {counter}: {exc!r}")


def _work(config: str, counter: int, go: Event) -> Outcome:
    """Issue a ticket, call the next, serve or mark absent: ``ROUNDS`` times."""
    settings = load_settings(Path(config))
    started = time.monotonic()
    hall = Hall(
        settings,
        open_database(settings.database.url),
        lambda: MONDAY_9.astimezone(UTC) + timedelta(seconds=time.monotonic() - started),
    )
    queue = hall.queue
    rng = random.Random(counter)
    codes = [service.code for service in settings.services]
    outcome = Outcome()
    go.wait()
    for _ in range(ROUNDS):
        issued = queue.issue_ticket(rng.choice(codes), priority=rng.random() < 0.3)
        outcome.numbers.append((issued.service, issued.number))
        outcome.events += 1
        called = queue.call_next(counter)
        if called is None:
            continue
        outcome.called.append(called.id)
        if rng.random() < 0.2:
            queue.no_show(counter)
            outcome.events += 2  # the call and the no-show
        else:
            queue.start(counter)
            queue.finish(counter)
            outcome.events += 3  # the call, start and finish
    hall.close()
    return outcome


def test_four_processes_issue_and_call_without_clashes(tmp_path: Path, database_url: str) -> None:
    config = queue_config(tmp_path, database_url, counters=counters_for_all(PROCESSES))
    hall = open_hall(load_settings(config))
    try:
        context = multiprocessing.get_context("spawn")
        go, results = context.Event(), context.Queue()
        workers = [
            context.Process(target=run_counter, args=(str(config), n, go, results))
            for n in range(1, PROCESSES + 1)
        ]
        for worker in workers:
            worker.start()
        go.set()
        reported = [results.get(timeout=60) for _ in workers]
        outcomes = [outcome for outcome in reported if isinstance(outcome, Outcome)]
        assert outcomes == reported, [error for error in reported if isinstance(error, str)]
        for worker in workers:
            worker.join(timeout=10)
            assert worker.exitcode == 0
        _check(hall, outcomes)
    finally:
        hall.close()


def _check(hall: Hall, outcomes: list[Outcome]) -> None:
    numbers = [number for outcome in outcomes for number in outcome.numbers]
    called = [ticket_id for outcome in outcomes for ticket_id in outcome.called]
    assert len(numbers) == PROCESSES * ROUNDS
    assert len(set(numbers)) == len(numbers), "a number was issued twice"
    assert len(set(called)) == len(called), "a ticket was called twice"
    assert called, "no counter called anyone"
    with hall.db.reads() as session:
        tickets = session.scalars(select(Ticket)).all()
        per_number = Counter((t.issued_service, t.day, t.number) for t in tickets)
        assert len(tickets) == len(numbers)
        assert max(per_number.values()) == 1
        calls = Counter(
            session.scalars(
                select(TicketEvent.ticket_id).where(TicketEvent.kind == EventKind.CALLED)
            )
        )
        assert sorted(calls) == sorted(called)
        assert max(calls.values()) == 1
        events = session.scalar(select(func.count()).select_from(TicketEvent))
        assert events == sum(outcome.events for outcome in outcomes)
        for ticket in tickets:
            assert rebuild_state(e.kind for e in ticket.events) == ticket.state
        for code, count in Counter(t.issued_service for t in tickets).items():
            sequences = sorted(t.sequence for t in tickets if t.issued_service == code)
            assert sequences == list(range(1, count + 1)), f"a {code} number was skipped"
