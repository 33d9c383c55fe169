"""Fake printers for the kiosk's failure paths."""

from __future__ import annotations

from printing import PrintError, PrinterStatus, PrintFault, PrintJob


class OutOfPaperPrinter:
    """A printer that stopped: every job fails as CUPS reports a printer out of paper."""

    def __init__(self) -> None:
        self.attempts = 0

    def print_pdf(self, pdf: bytes, job_name: str) -> PrintJob:
        """Refuse the job."""
        self.attempts += 1
        raise PrintError(PrintFault.PRINTER_STOPPED, "printer 'kiosk' stopped: media-empty")

    def status(self) -> PrinterStatus:
        """A printer that cannot print."""
        return PrinterStatus(ok=False, detail="stopped: media-empty")
