"""Build the configured printer back-end."""

from pathlib import Path

from printing.cups import CupsPrinter
from printing.devices import parse_device
from printing.model import Paper
from printing.printer import Printer
from printing.spool import SpoolPrinter

BACKENDS = ("spool", "cups", "escpos")


def make_printer(
    backend: str,
    *,
    name: str | None,
    spool_dir: Path,
    timeout_s: float,
    device: str | None = None,
    paper: Paper = Paper.MM80,
) -> Printer:
    """Return the back-end the ``printer`` configuration section names.

    Args:
        backend: "spool" (PDF files into `spool_dir`), "cups" (the CUPS queue `name`) or
            "escpos" (the thermal printer at `device`).
        name: the CUPS queue; required for "cups", ignored otherwise.
        spool_dir: the folder the spool back-end writes into.
        timeout_s: how long the CUPS back-end waits for a job to finish; for "escpos",
            the limit on opening the device and on each write.
        device: "usb:VVVV:PPPP", "tcp:HOST[:PORT]" or "serial:/dev/NAME[:BAUD]"; required
            for "escpos".
        paper: the roll width ("escpos" draws the slip for its head).

    Raises:
        ValueError: unknown back-end, "cups" without a queue name, "escpos" without a
            usable device.
    """
    if backend == "spool":
        return SpoolPrinter(spool_dir)
    if backend == "cups":
        if not name:
            raise ValueError("the cups printer back-end needs a queue name")
        return CupsPrinter(name, timeout_s)
    if backend == "escpos":
        if not device:
            raise ValueError("the escpos printer back-end needs a device")
        from printing.escpos import EscposPrinter  # python-escpos and Pillow load only here

        return EscposPrinter.on(parse_device(device), paper, timeout_s)
    raise ValueError(f"unknown printer back-end {backend!r}; expected one of {', '.join(BACKENDS)}")
