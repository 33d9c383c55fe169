"""The interface every printer back-end offers, and the data it returns."""

import enum
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


class PrintFault(enum.StrEnum):
    """Why a slip was not printed, for the screen to choose its message."""

    NOT_INSTALLED = "not-installed"
    SCHEDULER_DOWN = "scheduler-down"
    UNKNOWN_QUEUE = "unknown-queue"
    REJECTED = "rejected"
    PRINTER_STOPPED = "printer-stopped"
    HELD = "held"
    TIMEOUT = "timeout"
    SPOOL_FAILED = "spool-failed"
    PAPER_OUT = "paper-out"
    COVER_OPEN = "cover-open"
    OFFLINE = "offline"
    UNREACHABLE = "unreachable"


class PrintError(Exception):
    """A slip could not be printed.

    Attributes:
        fault: the kind of failure.
        reason: one human-readable sentence for staff and logs (also ``str(error)``).
    """

    def __init__(self, fault: PrintFault, reason: str) -> None:
        super().__init__(reason)
        self.fault = fault
        self.reason = reason


@dataclass(frozen=True)
class PrintJob:
    """A slip a back-end has finished with.

    Attributes:
        backend: "spool", "cups" or "escpos".
        job_id: the spool file name, the CUPS request id (e.g. "kiosk-42") or, for
            "escpos", the job name.
        path: the written file for the spool back-end, else None.
    """

    backend: str
    job_id: str
    path: Path | None


@dataclass(frozen=True)
class PrinterStatus:
    """The outcome of a back-end's self-check, shown by ``mpp-kiosk doctor``."""

    ok: bool
    detail: str


class Printer(Protocol):
    """Something that prints PDF slips."""

    def print_pdf(self, pdf: bytes, job_name: str) -> PrintJob:
        """Print `pdf` and return once the back-end is done with it.

        Raises:
            PrintError: the slip was not printed.
        """
        ...

    def status(self) -> PrinterStatus:
        """Check, without printing, whether a slip could be printed now."""
        ...
