"""Benchmark: peak memory of importing a jobs feed of 100,000 postings, hall and centre.

Each reading runs in a process of its own and reports its own peak resident memory
(``VmHWM``; ``ru_maxrss`` would keep the parent's peak across the exec) and what the process
held before it (Python, SQLAlchemy, pydantic, the migrated database): the streamed import into
a fresh SQLite hall, the same into a fresh central database, and for comparison the first step
of reading the file whole (``json.loads``), which the import did before it streamed. Run as
``python -m bench.feed_memory [POSTINGS]``.
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

from bench.jobs import generated_feed

POSTINGS = 100_000


def _peak_mb() -> float:
    """This process's peak resident memory so far, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def _child(kind: str, feed: Path, folder: Path) -> None:
    """Do one reading of ``feed``; print the seconds, the memory before and the peak, in MB."""
    started = time.perf_counter()
    before = _peak_mb()
    if kind == "whole":
        import json
        from decimal import Decimal

        json.loads(feed.read_bytes(), parse_float=Decimal)
    elif kind == "hall":
        from kiosk.clock import system_clock
        from kiosk.db import migrate, open_database
        from kiosk.jobs.importer import import_feed

        db = open_database(f"sqlite:///{folder / 'hall.sqlite3'}")
        migrate(db)
        started, before = time.perf_counter(), _peak_mb()
        report = import_feed(
            db, feed, clock=system_clock, zone=ZoneInfo("Asia/Jakarta"), max_mb=1024
        )
        assert not report.rejected, report.rejected[:3]
    else:
        from central.db import migrate as migrate_centre
        from central.db import open_database as open_centre
        from central.feed import import_feed as import_at_centre

        db = open_centre(f"sqlite:///{folder / 'central.sqlite3'}")
        migrate_centre(db)
        started, before = time.perf_counter(), _peak_mb()
        assert not import_at_centre(db, feed, max_mb=1024).rejected
    print(f"{time.perf_counter() - started:.1f} {before:.0f} {_peak_mb():.0f}")


def main() -> None:
    """Write the feed once, then measure each reading of it in its own process."""
    count = int(sys.argv[1]) if len(sys.argv) > 1 else POSTINGS
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        feed = folder / "feed.json"
        feed.write_bytes(generated_feed(random.Random(100_000), count))
        size_mb = feed.stat().st_size / 2**20
        print(f"feed of {count:,} postings: {size_mb:.0f} MB")
        for kind, what in (
            ("whole", "read whole (json.loads, the old import's first step)"),
            ("hall", "mpp-kiosk jobs import, streamed, SQLite"),
            ("centre", "mpp-central feed import, streamed, SQLite"),
        ):
            result = subprocess.run(
                [sys.executable, "-m", "bench.feed_memory", "--child", kind, str(feed), tmp],
                capture_output=True,
                text=True,
                check=True,
            )
            seconds, before, peak = (float(part) for part in result.stdout.split())
            grown = peak - before
            print(
                f"{what}: peak {peak:.0f} MB, {grown:.0f} MB over the {before:.0f} MB before "
                f"({grown / size_mb:.1f}x the file), {seconds:.1f} s"
            )


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        _child(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))
    else:
        main()
