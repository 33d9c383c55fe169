"""Benchmark: a slip through the ESC/POS back-end (drawn at 203 dpi, status asked, dots
sent, cut) to a simulated network printer, and the bytes a slip costs on the wire."""

import statistics
import time

from printing import Paper, render_slip
from printing.devices import NetworkDevice
from printing.escpos import EscposPrinter
from tests.helpers.escpos_printer import FakeNetworkPrinter
from tools.samples import TICKET

SLIPS = 40


def main() -> None:
    """Print the figures, one line per paper width."""
    for paper in Paper:
        fake = FakeNetworkPrinter().start()
        printer = EscposPrinter.on(NetworkDevice("127.0.0.1", fake.port), paper, timeout_s=10)
        pdf = render_slip(TICKET, paper)
        durations = []
        for index in range(SLIPS):
            start = time.perf_counter()
            printer.print_pdf(pdf, f"slip-{index}")
            durations.append((time.perf_counter() - start) * 1000)
        sent = len(fake.job_bytes()) / SLIPS
        fake.stop()
        p95 = statistics.quantiles(durations, n=20)[-1]
        print(
            f"{paper.value} mm: median {statistics.median(durations):.0f} ms, p95 {p95:.0f} ms "
            f"a slip (PDF to cut) over {SLIPS}; {sent / 1024:.0f} KiB sent a slip"
        )


if __name__ == "__main__":
    main()
