"""Benchmark: queue throughput and p95 latency with 4 writer processes, on SQLite and PostgreSQL."""

import multiprocessing
import statistics
import tempfile
import time
import tomllib
from datetime import UTC, datetime, timedelta
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from kiosk.db import open_database
from kiosk.hall import Hall, open_hall
from kiosk.models import Ticket, TicketEvent
from kiosk.settings import PROJECT_CONFIG, Settings
from tools.postgres import PostgresAbsentError, scratch_database

WRITERS = 4
TICKETS_PER_WRITER = 250
MONDAY_9 = datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
Timings = tuple[list[float], list[float], float, float]


def bench_settings(url: str, counters: int = WRITERS, services: int = 0) -> Settings:
    """The default site with `counters` counters serving every service and room for every
    ticket; `services` more copies of its first service (letters E, F, ...) for long runs."""
    with PROJECT_CONFIG.open("rb") as handle:
        raw = tomllib.load(handle)
    first = raw["services"][0]
    raw["services"] += [
        {**first, "code": f"copy{n}", "letter": chr(ord("E") + n)} for n in range(services)
    ]
    codes = [service["code"] for service in raw["services"]]
    raw["database"] = {"url": url}
    raw["services"] = [{**service, "daily_quota": 999} for service in raw["services"]]
    raw["counters"] = [
        {"number": n, "name": {"id": f"Loket {n}"}, "services": codes}
        for n in range(1, counters + 1)
    ]
    return Settings.model_validate(raw)


def writer_hall(settings: Settings) -> tuple[Hall, list[str]]:
    """A writer process's hall, connected, on a clock running from Monday 09:00; the codes."""
    started = time.monotonic()
    hall = Hall(
        settings,
        open_database(settings.database.url),
        lambda: MONDAY_9.astimezone(UTC) + timedelta(seconds=time.monotonic() - started),
    )
    hall.queue.change_marker()  # connect before the clock starts
    return hall, [service.code for service in settings.services]


def writer(settings: Settings, counter: int, barrier: Barrier, results: "Queue[Timings]") -> None:
    """Issue tickets, then call (each call followed by a no-show to free the counter).

    Puts the issue latencies, the call latencies (ms) and each phase's wall time (s).
    """
    hall, codes = writer_hall(settings)
    queue = hall.queue
    issues: list[float] = []
    barrier.wait()
    phase = time.perf_counter()
    for n in range(TICKETS_PER_WRITER):
        begin = time.perf_counter()
        queue.issue_ticket(codes[n % len(codes)], priority=n % 4 == 0)
        issues.append((time.perf_counter() - begin) * 1000)
    issue_wall = time.perf_counter() - phase
    calls: list[float] = []
    barrier.wait()
    phase = time.perf_counter()
    while True:
        begin = time.perf_counter()
        called = queue.call_next(counter)
        calls.append((time.perf_counter() - begin) * 1000)
        if called is None:
            break
        queue.no_show(counter)
    call_wall = time.perf_counter() - phase
    hall.close()
    results.put((issues, calls, issue_wall, call_wall))


def p95(values: list[float]) -> float:
    """The 95th percentile."""
    return statistics.quantiles(values, n=20)[18]


def run(name: str, url: str) -> None:
    """Print one line of figures for one database."""
    settings = bench_settings(url)
    open_hall(settings).close()  # migrate and mirror the configuration once
    context = multiprocessing.get_context("spawn")
    barrier, queue = context.Barrier(WRITERS), context.Queue()
    writers = [
        context.Process(target=writer, args=(settings, n, barrier, queue))
        for n in range(1, WRITERS + 1)
    ]
    for process in writers:
        process.start()
    results: list[Timings] = [queue.get(timeout=300) for _ in writers]
    for process in writers:
        process.join()
    issues = [ms for result in results for ms in result[0]]
    calls = [ms for result in results for ms in result[1]]
    issued_per_s = len(issues) / max(result[2] for result in results)
    calls_made = sum(len(result[1]) - 1 for result in results)  # the last call found nobody
    calls_per_s = calls_made / max(result[3] for result in results)
    numbers, called_twice = count_duplicates(settings)
    print(
        f"{name:<10} issue {issued_per_s:6.0f}/s p95 {p95(issues):5.1f} ms | "
        f"call {calls_per_s:6.0f}/s p95 {p95(calls):5.1f} ms | "
        f"duplicate numbers {numbers}, tickets called twice {called_twice}"
    )


def count_duplicates(settings: Settings) -> tuple[int, int]:
    """Numbers given twice in a day, and tickets with more than one call."""
    hall = Hall(settings, open_database(settings.database.url))
    try:
        with hall.db.reads() as session:
            numbers = (
                select(Ticket.issued_service, Ticket.day, Ticket.sequence)
                .group_by(Ticket.issued_service, Ticket.day, Ticket.sequence)
                .having(func.count() > 1)
            )
            calls = (
                select(TicketEvent.ticket_id)
                .where(TicketEvent.kind == "called")
                .group_by(TicketEvent.ticket_id)
                .having(func.count() > 1)
            )
            return (
                len(session.execute(numbers).all()),
                len(session.execute(calls).all()),
            )
    finally:
        hall.close()


def main() -> None:
    """Print the figures, one line per database."""
    print(f"{WRITERS} writer processes, {WRITERS * TICKETS_PER_WRITER} tickets")
    with tempfile.TemporaryDirectory() as folder:
        run("sqlite", f"sqlite:///{Path(folder) / 'hall.sqlite3'}")
    try:
        with scratch_database("mpp_bench") as url:
            run("postgresql", url)
    except PostgresAbsentError as absent:
        print(f"postgresql: skipped ({absent})")


if __name__ == "__main__":
    main()
