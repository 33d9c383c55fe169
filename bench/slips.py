"""Benchmark: median and p95 render time of a queue-ticket slip on 80 and 58 mm paper."""

import base64
import dataclasses
import secrets
import statistics
import time

from printing import Paper, render_slip
from tools.samples import TICKET

RENDERS = 200


def _token() -> str:
    return base64.b32encode(secrets.token_bytes(16)).decode().rstrip("=")


def time_renders(paper: Paper, renders: int = RENDERS) -> list[float]:
    """Render the ticket `renders` times and return each duration in milliseconds.

    Every slip gets its own URL, as real tickets do, so no QR code is reused.
    """
    render_slip(TICKET, paper)  # the first render registers the fonts
    slips = [
        dataclasses.replace(TICKET, qr_url=f"https://layanan.kp2mi.go.id/r/{_token()}")
        for _ in range(renders)
    ]
    durations = []
    for slip in slips:
        start = time.perf_counter()
        render_slip(slip, paper)
        durations.append((time.perf_counter() - start) * 1000)
    return durations


def main() -> None:
    """Print the figures, one line per paper width."""
    for paper in Paper:
        durations = time_renders(paper)
        p95 = statistics.quantiles(durations, n=20)[-1]
        print(
            f"{paper.value} mm: median {statistics.median(durations):.2f} ms, "
            f"p95 {p95:.2f} ms over {len(durations)} renders"
        )


if __name__ == "__main__":
    main()
