"""Benchmark: the central service as a real ``mpp-central serve`` process, on SQLite and PostgreSQL.

Prints, for each database:
- push ingest: entries per second, 20 simulated halls pushing batches of 500 at once;
- a public ticket page under 200 phones polling at once, each every 5 s as the page itself
  does when its visitor is near the front: p50 / p95 / max latency;
- how many ticket pages a second the service answers when asked back to back.

Targets (issue 10): ingest >= 5,000 entries/s on PostgreSQL; public page p95 < 50 ms.
Everything runs over loopback on this machine, so the clients share its cores with the
server; the figures are what one small node does, not a cluster.
"""

from __future__ import annotations

import itertools
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests

from tools.central_load import SimulatedHall, batches
from tools.postgres import PostgresAbsentError, scratch_database

HALLS = 20
BATCHES_PER_HALL = 4  # x 500 entries
PHONES = 200
POLLS_PER_PHONE = 6
POLL_SECONDS = 5.0
WORKERS = 2
MPP_CENTRAL = str(Path(sys.executable).with_name("mpp-central"))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _central(config: Path, *args: str) -> str:
    done = subprocess.run(
        [MPP_CENTRAL, "--config", str(config), *args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"mpp-central {' '.join(args)}: {done.stderr.strip()}")
    return done.stdout


@contextmanager
def serving(folder: Path, url: str) -> Iterator[tuple[str, Path]]:
    """A migrated central service on ``url`` listening on a free loopback port."""
    port = _free_port()
    config = folder / "central.toml"
    config.write_text(
        f'[server]\nhost = "127.0.0.1"\nport = {port}\nworkers = {WORKERS}\n'
        f'[database]\nurl = "{url}"\n'
        f'[public]\nbase_url = "http://127.0.0.1:{port}"\n'
        f'[keys]\ncomplaints_key = "{folder / "complaints.key"}"\n',
        encoding="utf-8",
    )
    _central(config, "init")
    server = subprocess.Popen(
        [MPP_CENTRAL, "--config", str(config), "serve"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                requests.get(f"{base}/r/{'A' * 26}", timeout=1)
                break
            except requests.ConnectionError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("mpp-central serve did not start") from None
                time.sleep(0.2)
        yield base, config
    finally:
        server.terminate()
        server.wait(timeout=20)


def _bodies(hall: SimulatedHall, count: int) -> list[bytes]:
    """A hall's opening and ``count`` entries, as the JSON bodies of its pushes."""
    opening = iter([hall.opening(), *itertools.islice(hall.visits(count), count)])
    return [batch.model_dump_json().encode() for batch in batches(opening)]


def _push_all(base: str, token: str, bodies: list[bytes]) -> int:
    entries = 0
    with requests.Session() as session:
        session.headers["Authorization"] = f"Bearer {token}"
        for body in bodies:
            answer = session.post(
                f"{base}/api/v1/sync/push",
                data=body,
                headers={"Content-Type": "application/json"},
                timeout=60,
            )
            answer.raise_for_status()
            result = answer.json()
            if result["refused"]:
                raise SystemExit(f"refused: {result['refused'][:2]}")
            entries += len(result["accepted"])
    return entries


def ingest(base: str, config: Path) -> tuple[float, list[str]]:
    """Entries per second with every hall pushing at once; waiting tickets' tokens to poll."""
    tokens = []
    for n in range(HALLS):
        added = json.loads(_central(config, "device", "add", f"bench-hall-{n:02d}", "--json"))
        tokens.append(added["token"])
    opening = datetime.now(UTC) - timedelta(hours=3)  # today's tickets: older ones expire
    halls = [SimulatedHall(seed=n, day_start=opening) for n in range(HALLS)]
    # Made and serialised before the clock starts: the figure is the server's, not the
    # cost of 20 client threads building JSON on the same cores.
    bodies = [_bodies(hall, BATCHES_PER_HALL * 500 - 1) for hall in halls]
    started = time.perf_counter()
    with ThreadPoolExecutor(HALLS) as pool:
        total = sum(
            pool.map(
                lambda pair: _push_all(base, pair[0], pair[1]), zip(tokens, bodies, strict=True)
            )
        )
    rate = total / (time.perf_counter() - started)
    waiting = []
    for token, hall in zip(tokens, halls, strict=True):  # a queue still waiting, to poll
        issued = [hall.issue("jobs") for _ in range(PHONES // HALLS)]
        for batch in batches(iter(issued)):
            requests.post(
                f"{base}/api/v1/sync/push",
                data=batch.model_dump_json(),
                headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
                timeout=60,
            ).raise_for_status()
        waiting += [entry.token for entry in issued]
    return rate, waiting


def poll(base: str, tokens: list[str]) -> list[float]:
    """Each phone polls its own ticket page every ``POLL_SECONDS`` (the page's own rate when
    five or fewer are ahead), starting at a random moment; every request's latency in ms."""
    latencies: list[float] = []
    lock = threading.Lock()
    begin_all = time.monotonic() + 1

    def phone(index_token: tuple[int, str]) -> None:
        index, token = index_token
        mine = []
        with requests.Session() as session:
            due = begin_all + POLL_SECONDS * index / len(tokens)
            for _ in range(POLLS_PER_PHONE):
                time.sleep(max(0.0, due - time.monotonic()))
                begin = time.perf_counter()
                answer = session.get(f"{base}/r/{token}", timeout=30)
                mine.append((time.perf_counter() - begin) * 1000)
                if answer.status_code != 200:
                    raise SystemExit(f"ticket page answered {answer.status_code}")
                due += POLL_SECONDS
        with lock:
            latencies.extend(mine)

    with ThreadPoolExecutor(len(tokens)) as pool:
        list(pool.map(phone, enumerate(tokens)))
    return latencies


def saturate(base: str, token: str, seconds: float = 5.0) -> float:
    """Ticket pages per second the service answers with eight clients asking back to back."""
    stop = time.monotonic() + seconds
    counts: list[int] = []

    def client(_: int) -> None:
        done = 0
        with requests.Session() as session:
            while time.monotonic() < stop:
                session.get(f"{base}/r/{token}", timeout=30).raise_for_status()
                done += 1
        counts.append(done)

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(client, range(8)))
    return sum(counts) / seconds


def run(name: str, url: str, folder: Path) -> None:
    """Measure one database and print its two lines."""
    with serving(folder, url) as (base, config):
        rate, waiting = ingest(base, config)
        print(f"{name:<10} ingest {rate:8,.0f} entries/s ({HALLS} halls, batches of 500)")
        latencies = sorted(poll(base, waiting[:PHONES]))
        p95 = latencies[int(len(latencies) * 0.95) - 1]
        print(
            f"{name:<10} ticket page p50 {statistics.median(latencies):6.1f} ms, "
            f"p95 {p95:6.1f} ms, max {latencies[-1]:6.1f} ms "
            f"({PHONES} phones each polling every {POLL_SECONDS:g} s; "
            f"{len(latencies)} requests)"
        )
        print(f"{name:<10} ticket pages at saturation: {saturate(base, waiting[0]):,.0f}/s")


def main() -> None:
    """Both databases, each in a fresh service."""
    with tempfile.TemporaryDirectory() as scratch, ExitStack() as stack:
        folder = Path(scratch)
        (folder / "sqlite").mkdir()
        run("sqlite", f"sqlite:///{folder / 'sqlite' / 'central.sqlite3'}", folder / "sqlite")
        try:
            url = stack.enter_context(scratch_database("mpp_bench_central"))
        except PostgresAbsentError as absent:
            print(f"postgresql skipped: {absent}")
            return
        (folder / "pg").mkdir()
        run("postgresql", url, folder / "pg")


if __name__ == "__main__":
    main()
