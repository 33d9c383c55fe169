"""Benchmark: time from the visitor's last tap ("No" to priority) to the slip's PDF spooled.

Drives the real kiosk window offscreen on a demo SQLite hall and spool printer; the
clock is fixed on a Monday morning so every service is open. Target: p95 under 100 ms.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication

from kiosk.hall import open_hall
from kiosk.settings import PROJECT_CONFIG, DatabaseSection, PrinterSection, load_settings
from printing import PrintJob
from printing.spool import SpoolPrinter
from ui.app import application
from ui.kiosk.window import KioskWindow

TAPS = 60
MONDAY_MORNING = datetime(2026, 11, 23, 2, 30, tzinfo=UTC)


class TimedSpool(SpoolPrinter):
    """The spool back-end, noting when each PDF has been written."""

    spooled_at: float | None = None

    def print_pdf(self, pdf: bytes, job_name: str) -> PrintJob:
        job = super().print_pdf(pdf, job_name)
        self.spooled_at = time.perf_counter()
        return job


def _until(condition: Callable[[], bool]) -> None:
    deadline = time.perf_counter() + 10
    while not condition():
        QCoreApplication.processEvents()
        if time.perf_counter() > deadline:
            raise TimeoutError("the kiosk did not get there in 10 s")


def main() -> None:
    """Print the median and p95 tap-to-spooled time over a morning of tickets."""
    application()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        settings = load_settings(PROJECT_CONFIG).model_copy(
            update={
                "database": DatabaseSection(url=f"sqlite:///{folder / 'hall.sqlite3'}"),
                "printer": PrinterSection(spool_dir=str(folder / "spool")),
            }
        )
        hall = open_hall(settings, lambda: MONDAY_MORNING)
        printer = TimedSpool(folder / "spool")
        window = KioskWindow(hall, printer=printer)
        window.show()
        durations: list[float] = []
        for _ in range(TAPS):
            window.go_home()
            window.home.tiles["queue"].click()
            _until(lambda: window.screens.currentWidget() is window.services)
            window.services.tiles["jobs"].click()
            printer.spooled_at = None
            tapped = time.perf_counter()
            window.priority.no.click()
            _until(lambda: printer.spooled_at is not None)
            assert printer.spooled_at is not None
            durations.append((printer.spooled_at - tapped) * 1000)
        window.worker.wait()
        hall.close()
    p95 = statistics.quantiles(durations, n=20)[-1]
    print(
        f"tap to slip spooled: median {statistics.median(durations):.1f} ms, "
        f"p95 {p95:.1f} ms over {TAPS} tickets (target p95 < 100 ms)"
    )


if __name__ == "__main__":
    main()
