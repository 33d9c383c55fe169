"""A printer that just failed slowly rests a while rather than making each visitor wait."""

import threading
import time
from collections.abc import Callable

from printing.printer import Printer, PrintError, PrinterStatus, PrintJob

REST_S = 60.0
"""How long a printer that failed slowly is not tried again (a circuit breaker's open time)."""
SLOW_S = 2.0
"""A failure that took at least this long made its visitor wait: the printer rests after it.
A quick one (paper out, cover open, a refused job) costs the next visitor nothing, so the
printer is tried again at once: staff who just put paper in see the next slip print."""


class RestingPrinter:
    """Wraps a printer: after a slow failure, slips fail at once until `rest_s` has passed.

    A hung CUPS job makes its visitor wait the whole time-out; without a rest, every
    visitor after them waits as long for a printer that is known to be failing. After the
    rest the next slip tries the printer again: printed, the printer is trusted again;
    failed, it rests again.

    Args:
        printer: the back-end that prints.
        rest_s: how long after a slow failure slips fail at once.
        slow_s: how long a failure must have taken for the printer to rest after it.
        clock: monotonic seconds (tests pass a fake one).
    """

    def __init__(
        self,
        printer: Printer,
        rest_s: float = REST_S,
        slow_s: float = SLOW_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.printer = printer
        self.rest_s = rest_s
        self.slow_s = slow_s
        self._clock = clock
        self._lock = threading.Lock()
        self._failure: PrintError | None = None
        self._failed_at = 0.0

    def print_pdf(self, pdf: bytes, job_name: str) -> PrintJob:
        """Print through the wrapped printer, unless it failed slowly less than `rest_s` ago.

        Raises:
            PrintError: the wrapped printer failed now, or failed lately (then the same
                fault, without trying, and the reason says so).
        """
        with self._lock:
            failure, failed_at = self._failure, self._failed_at
        if failure is not None:
            ago = self._clock() - failed_at
            if ago < self.rest_s:
                reason = (
                    f"not sent: the printer failed {ago:.0f} s ago ({failure.reason}); "
                    f"tried again {self.rest_s:g} s after that"
                )
                raise PrintError(failure.fault, reason)
        started = self._clock()
        try:
            job = self.printer.print_pdf(pdf, job_name)
        except PrintError as error:
            failed_at = self._clock()
            with self._lock:
                slow = failed_at - started >= self.slow_s
                self._failure, self._failed_at = (error, failed_at) if slow else (None, 0.0)
            raise
        with self._lock:
            self._failure = None
        return job

    def status(self) -> PrinterStatus:
        """The wrapped printer's own check (a rest does not hide what it says)."""
        return self.printer.status()
