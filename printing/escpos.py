"""The ESC/POS back-end: a thermal printer on USB, the network (port 9100) or a serial line.

Each job opens the device, asks the printer its state (DLE EOT), sends the slip as raster
dots (GS v 0) drawn from the same PDF every back-end gets, cuts, and closes the device
again: a USB printer that was switched off and on comes back under a new address.
"""

import contextlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from escpos.exceptions import Error as EscposError
from escpos.image import EscposImage
from PIL import Image

from printing import raster
from printing.devices import Device
from printing.model import Paper
from printing.printer import PrintError, PrinterStatus, PrintFault, PrintJob

DLE_EOT_PRINTER = b"\x10\x04\x01"
DLE_EOT_OFFLINE = b"\x10\x04\x02"
DLE_EOT_PAPER = b"\x10\x04\x04"
OFFLINE = 0x08
"""DLE EOT 1: the printer is off line."""
COVER_OPEN = 0x04
PAPER_END_STOP = 0x20
ERROR = 0x40
"""DLE EOT 2: why it is off line: cover open, printing stopped at paper end, an error."""
NEAR_END = 0x0C
PAPER_END = 0x60
"""DLE EOT 4: the roll paper near-end and end sensors."""
_FIXED_BITS, _FIXED_VALUE = 0x93, 0x12
"""Every status byte reads 0xx1xx10 in binary."""
_BAND_LINES = 256
"""Raster lines per GS v 0 command: small enough for the receive buffer of cheap printers."""
_ANSWER_S = 2.0
"""How long the printer has to answer one status query."""


@dataclass(frozen=True)
class State:
    """What the printer answered to DLE EOT 1, 2 and 4."""

    printer: int
    offline: int
    paper: int

    def fault(self) -> tuple[PrintFault, str] | None:
        """Why no slip can be printed now, in a few words, or None."""
        if self.offline & COVER_OPEN:
            return PrintFault.COVER_OPEN, "cover open"
        if self.paper & PAPER_END or self.offline & PAPER_END_STOP:
            return PrintFault.PAPER_OUT, "out of paper"
        if self.offline & ERROR:
            return PrintFault.OFFLINE, "in error (a paper jam or the cutter)"
        if self.printer & OFFLINE:
            return PrintFault.OFFLINE, "off line"
        return None

    @property
    def near_end(self) -> bool:
        """The roll is nearly used up (still printing)."""
        return bool(self.paper & NEAR_END)


class EscposPrinter:
    """Prints slips as raster dots on an ESC/POS thermal printer and cuts after each.

    Args:
        connect: opens the device afresh and returns a python-escpos printer; called once
            per job and per status check, and closed after it.
        where: how staff and the log name the printer (e.g. "tcp 10.0.0.9:9100").
        paper: the roll width, which decides the dots across.
    """

    def __init__(self, connect: Callable[[], Any], where: str, paper: Paper) -> None:
        self.connect = connect
        self.where = where
        self.paper = paper

    @classmethod
    def on(cls, device: Device, paper: Paper, timeout_s: float) -> "EscposPrinter":
        """The printer at `device`, each opening and write limited to `timeout_s`."""
        return cls(lambda: device.connect(timeout_s), str(device), paper)

    def print_pdf(self, pdf: bytes, job_name: str) -> PrintJob:
        """Draw `pdf` at the head's resolution, check the printer, then print and cut.

        Raises:
            PrintError: the slip cannot be drawn, the printer cannot be reached or does not
                answer, its paper is out (PAPER_OUT) or its cover open (COVER_OPEN), it is
                off line, or the connection breaks while sending. Nothing of the slip is
                sent when the printer said it cannot print.
        """
        pages = raster.rasterise(pdf, self.paper)
        with self._device() as device:
            state = self._state(device)
            fault = state.fault()
            if fault is not None:
                raise PrintError(fault[0], f"printer: {fault[1]}")
            try:
                device._raw(b"\x1b@")
                for page in pages:
                    for command in raster_commands(page):
                        device._raw(command)
                device.cut(feed=False)
            except (OSError, EscposError) as error:
                reason = f"printer {self.where}: the connection broke while printing ({error})"
                raise PrintError(PrintFault.UNREACHABLE, reason) from error
        return PrintJob(backend="escpos", job_id=job_name, path=None)

    def status(self) -> PrinterStatus:
        """Ask the printer whether it could print now (paper, cover, on line)."""
        try:
            with self._device() as device:
                state = self._state(device)
        except PrintError as error:
            return PrinterStatus(False, error.reason)
        fault = state.fault()
        if fault is not None:
            return PrinterStatus(False, f"{fault[1]} ({self.where})")
        if state.near_end:
            return PrinterStatus(True, f"paper nearly out: change the roll soon ({self.where})")
        return PrinterStatus(True, f"ready ({self.where})")

    def _device(self) -> "_Open":
        try:
            return _Open(self.connect())
        except (OSError, EscposError, ValueError) as error:
            reason = f"printer {self.where} cannot be reached: {_one_line(error)}"
            raise PrintError(PrintFault.UNREACHABLE, reason) from error

    def _state(self, device: Any) -> State:
        answers = []
        for query in (DLE_EOT_PRINTER, DLE_EOT_OFFLINE, DLE_EOT_PAPER):
            answer = _ask(device, query)
            if answer is None:
                reason = f"printer {self.where} does not answer its status query (off or busy?)"
                raise PrintError(PrintFault.OFFLINE, reason)
            answers.append(answer)
        return State(*answers)


class _Open:
    """Closes the device at the end of a ``with`` block, whatever happened."""

    def __init__(self, device: Any) -> None:
        self.device = device

    def __enter__(self) -> Any:
        return self.device

    def __exit__(self, *exc_info: object) -> None:
        with contextlib.suppress(OSError, EscposError):
            self.device.close()


def _ask(device: Any, query: bytes) -> int | None:
    """Send one DLE EOT `query` and return the status byte, or None without an answer."""
    deadline = time.monotonic() + _ANSWER_S
    try:
        device._raw(query)
        while time.monotonic() < deadline:
            answer = bytes(device._read())
            if answer and answer[-1] & _FIXED_BITS == _FIXED_VALUE:
                return answer[-1]
            if not answer:
                time.sleep(0.02)
    except (OSError, EscposError, NotImplementedError):
        return None
    return None


def raster_commands(page: Image.Image) -> Iterator[bytes]:
    """`page` as GS v 0 raster commands, one per band of lines, dark pixels printed."""
    for top in range(0, page.height, _BAND_LINES):
        band = EscposImage(page.crop((0, top, page.width, min(top + _BAND_LINES, page.height))))
        header = b"\x1dv0\x00" + band.width_bytes.to_bytes(2, "little")
        yield header + band.height.to_bytes(2, "little") + band.to_raster_format()


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__
