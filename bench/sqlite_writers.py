"""Benchmark: 8 processes issuing tickets at once on one SQLite file, for fairness and waits.

A hall never has 8 writers at once; this is the stress a visitor must still get a number
through quickly. Prints, per writer, the tickets issued, the failures, and the p95 and
longest wait for one ticket; then the spread between the busiest and the idlest writer.
Run: ``python -m bench.sqlite_writers [--seconds 20] [--writers 8]``.
"""

import argparse
import multiprocessing
import statistics
import tempfile
import time
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from pathlib import Path

from bench.queueing import bench_settings, writer_hall
from kiosk.hall import open_hall
from kiosk.settings import Settings

Result = tuple[int, list[float], list[str]]
"""Writer number, the wait of each ticket issued (ms), the failures' messages."""


def writer(
    settings: Settings, number: int, seconds: float, barrier: Barrier, results: "Queue[Result]"
) -> None:
    """Issue tickets for `seconds`, each as soon as the last is done."""
    hall, codes = writer_hall(settings)
    queue = hall.queue
    waits: list[float] = []
    failures: list[str] = []
    barrier.wait()
    end = time.perf_counter() + seconds
    n = 0
    while time.perf_counter() < end:
        begin = time.perf_counter()
        try:
            queue.issue_ticket(codes[n % len(codes)], priority=n % 4 == 0)
        except Exception as error:  # counted and shown: what a visitor would have met
            failures.append(str(error).splitlines()[0][:80])
        else:
            waits.append((time.perf_counter() - begin) * 1000)
        n += 1
    hall.close()
    results.put((number, waits, failures))


def p95(values: list[float]) -> float:
    """The 95th percentile (0 for fewer than two values)."""
    return statistics.quantiles(values, n=20)[18] if len(values) > 1 else 0.0


def main() -> None:
    """Run the writers on a fresh SQLite file and print the figures."""
    parser = argparse.ArgumentParser(prog="python -m bench.sqlite_writers")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--writers", type=int, default=8)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'hall.sqlite3'}"
        settings = bench_settings(url, counters=4, services=22)  # 26 x 999 numbers a day
        open_hall(settings).close()  # migrate and mirror the configuration once
        context = multiprocessing.get_context("spawn")
        barrier, queue = context.Barrier(options.writers), context.Queue()
        processes = [
            context.Process(target=writer, args=(settings, n, options.seconds, barrier, queue))
            for n in range(1, options.writers + 1)
        ]
        for process in processes:
            process.start()
        results = sorted(queue.get(timeout=options.seconds + 300) for _ in processes)
        for process in processes:
            process.join()
    print(f"{options.writers} writer processes on one SQLite file for {options.seconds:g} s")
    for number, waits, failures in results:
        print(
            f"writer {number}: {len(waits):5d} tickets, {len(failures)} failed, "
            f"wait p95 {p95(waits):6.1f} ms, max {max(waits, default=0):7.1f} ms"
        )
    every = [ms for _, waits, _ in results for ms in waits]
    counts = [len(waits) for _, waits, _ in results]
    failed = [message for _, _, failures in results for message in failures]
    print(
        f"all: {sum(counts)} tickets ({sum(counts) / options.seconds:.0f}/s), "
        f"{len(failed)} failed, wait p50 {statistics.median(every):.1f} ms, "
        f"p95 {p95(every):.1f} ms, max {max(every):.1f} ms; "
        f"busiest/idlest writer {max(counts) / max(min(counts), 1):.2f}"
    )
    for message in sorted(set(failed)):
        print(f"  failure: {message}")


if __name__ == "__main__":
    main()
