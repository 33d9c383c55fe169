"""Build the configured printer back-end."""

from pathlib import Path

from printing.cups import CupsPrinter
from printing.printer import Printer
from printing.spool import SpoolPrinter

BACKENDS = ("spool", "cups")


def make_printer(backend: str, *, name: str | None, spool_dir: Path, timeout_s: float) -> Printer:
    """Return the back-end the ``printer`` configuration section names.

    Args:
        backend: "spool" (PDF files into `spool_dir`) or "cups" (the CUPS queue `name`).
        name: the CUPS queue; required for "cups", ignored for "spool".
        spool_dir: the folder the spool back-end writes into.
        timeout_s: how long the CUPS back-end waits for a job to finish.

    Raises:
        ValueError: unknown back-end, or "cups" without a queue name.
    """
    if backend == "spool":
        return SpoolPrinter(spool_dir)
    if backend == "cups":
        if not name:
            raise ValueError("the cups printer back-end needs a queue name")
        return CupsPrinter(name, timeout_s)
    raise ValueError(f"unknown printer back-end {backend!r}; expected one of {', '.join(BACKENDS)}")
