"""The CUPS back-end: submit with ``lp`` and follow the job with ``lpstat`` until it is done."""

import contextlib
import os
import re
import shutil
import subprocess
import time

from printing import lpstat
from printing.printer import PrintError, PrinterStatus, PrintFault, PrintJob

DEFAULT_MEDIA = "Custom.{width}x{length}mm"
_QUEUE_NAME = re.compile(r"[^\s/#\\'\"-][^\s/#\\'\"]{0,126}")
_COMMAND_TIMEOUT_S = 10.0
_SCHEDULER_DOWN = "the CUPS scheduler (cupsd) is not running"


class CupsPrinter:
    """Prints on a CUPS queue and waits until the job has left it.

    A job counts as printed once it is no longer among the queue's
    not-completed jobs. ``lpstat`` does not tell a completed job from one
    cancelled by staff, so a cancelled job also counts as printed.

    Args:
        queue: the CUPS queue (destination) name.
        timeout_s: the longest wait for the job to finish, submission included.
        media: ``lp -o media=`` value; ``{width}`` and ``{length}`` are filled with the
            PDF's page size in millimetres; None sends no media option.
        poll_s: the pause between two looks at the job.
        cancel_on_failure: cancel a job that failed, so it cannot come out later.
    """

    def __init__(
        self,
        queue: str,
        timeout_s: float = 30.0,
        *,
        media: str | None = DEFAULT_MEDIA,
        poll_s: float = 0.2,
        cancel_on_failure: bool = True,
    ) -> None:
        if not _QUEUE_NAME.fullmatch(queue):
            raise ValueError(f"invalid CUPS queue name {queue!r}")
        self.queue = queue
        self.timeout_s = timeout_s
        self.media = media
        self.poll_s = poll_s
        self.cancel_on_failure = cancel_on_failure

    def print_pdf(self, pdf: bytes, job_name: str) -> PrintJob:
        """Submit `pdf` as job `job_name` and wait until it is printed.

        Raises:
            PrintError: lp is missing, the scheduler is down, the queue is unknown or
                refuses jobs, the printer stops (disabled, out of paper ...), the job
                is held, or it is not finished within `timeout_s`.
        """
        deadline = time.monotonic() + self.timeout_s
        argv = [self._tool("lp"), "-d", self.queue, "-t", _title(job_name)]
        size = lpstat.media_size_mm(pdf)
        if self.media is not None and size is not None:
            argv += ["-o", "media=" + self.media.format(width=size[0], length=size[1])]
        done = self._run(argv, deadline, stdin=pdf)
        if done.returncode != 0:
            raise self._refusal(done.stderr.strip() or done.stdout.strip())
        job_id = lpstat.request_id(done.stdout)
        if job_id is None:
            raise PrintError(PrintFault.REJECTED, f"lp gave no job id: {done.stdout.strip()!r}")
        try:
            self._follow(job_id, deadline)
        except PrintError:
            if self.cancel_on_failure:
                self._cancel(job_id)
            raise
        return PrintJob(backend="cups", job_id=job_id, path=None)

    def status(self) -> PrinterStatus:
        """Report whether the scheduler runs and the queue exists, is enabled and accepts jobs."""
        try:
            if not self._scheduler_running():
                return PrinterStatus(False, _SCHEDULER_DOWN)
            printer = self._printer_state(time.monotonic() + _COMMAND_TIMEOUT_S)
            if not printer.enabled or printer.faults:
                return PrinterStatus(False, f"CUPS queue {self.queue}: {printer.describe()}")
            accepting = self._run([self._tool("lpstat"), "-a", self.queue], None)
        except PrintError as error:
            return PrinterStatus(False, error.reason)
        if " not accepting " in accepting.stdout:
            return PrinterStatus(False, f"CUPS queue {self.queue} is not accepting jobs")
        return PrinterStatus(True, f"CUPS queue {self.queue} is enabled and accepting jobs")

    def _follow(self, job_id: str, deadline: float) -> None:
        lpstat_path = self._tool("lpstat")
        while True:
            argv = [lpstat_path, "-W", "not-completed", "-l", "-o", self.queue]
            listing = self._run(argv, deadline)
            if listing.returncode != 0:
                raise PrintError(PrintFault.UNKNOWN_QUEUE, f"CUPS queue {self.queue} vanished")
            reasons = lpstat.job_reasons(listing.stdout, job_id)
            if reasons is None:
                return
            if lpstat.HOLD_REASONS.intersection(reasons):
                raise PrintError(PrintFault.HELD, f"job {job_id} is held on {self.queue}")
            printer = self._printer_state(deadline)
            if not printer.enabled or printer.faults:
                reason = f"printer {self.queue} stopped: {printer.describe()}"
                raise PrintError(PrintFault.PRINTER_STOPPED, reason)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                reason = f"job {job_id} not printed within {self.timeout_s:g} s"
                raise PrintError(PrintFault.TIMEOUT, reason)
            time.sleep(min(self.poll_s, remaining))

    def _printer_state(self, deadline: float) -> lpstat.PrinterState:
        done = self._run([self._tool("lpstat"), "-l", "-p", self.queue], deadline)
        if done.returncode != 0:
            raise self._unknown_queue()
        return lpstat.printer_state(done.stdout)

    def _scheduler_running(self) -> bool:
        done = self._run([self._tool("lpstat"), "-r"], None)
        return done.stdout.strip() == "scheduler is running"

    def _refusal(self, message: str) -> PrintError:
        if "does not exist" in message or "Invalid destination" in message:
            return self._unknown_queue()
        if "not accepting" in message:
            return PrintError(PrintFault.REJECTED, f"CUPS queue {self.queue} is not accepting jobs")
        reason = f"lp refused the job: {message or 'no reason given'}"
        return PrintError(PrintFault.REJECTED, reason)

    def _unknown_queue(self) -> PrintError:
        if not self._scheduler_running():
            return PrintError(PrintFault.SCHEDULER_DOWN, _SCHEDULER_DOWN)
        return PrintError(PrintFault.UNKNOWN_QUEUE, f"CUPS queue {self.queue} does not exist")

    def _cancel(self, job_id: str) -> None:
        cancel = shutil.which("cancel")
        if cancel is not None:
            with contextlib.suppress(PrintError):
                self._run([cancel, job_id], None)

    @staticmethod
    def _tool(name: str) -> str:
        path = shutil.which(name)
        if path is None:
            reason = f"the {name!r} command is not installed (Debian package cups-client)"
            raise PrintError(PrintFault.NOT_INSTALLED, reason)
        return path

    @staticmethod
    def _run(
        argv: list[str], deadline: float | None, stdin: bytes = b""
    ) -> subprocess.CompletedProcess[str]:
        timeout = _COMMAND_TIMEOUT_S if deadline is None else max(deadline - time.monotonic(), 0.1)
        env = {**os.environ, "LC_ALL": "C", "LANG": "C", "LANGUAGE": "C"}
        try:
            done = subprocess.run(argv, input=stdin, capture_output=True, timeout=timeout, env=env)
        except subprocess.TimeoutExpired as error:
            reason = f"{os.path.basename(argv[0])} did not answer within {timeout:.1f} s"
            raise PrintError(PrintFault.TIMEOUT, reason) from error
        except OSError as error:
            reason = f"cannot run {argv[0]}: {error.strerror or error}"
            raise PrintError(PrintFault.NOT_INSTALLED, reason) from error
        return subprocess.CompletedProcess(
            argv,
            done.returncode,
            done.stdout.decode(errors="replace"),
            done.stderr.decode(errors="replace"),
        )


def _title(job_name: str) -> str:
    printable = "".join(char if char.isprintable() else " " for char in job_name)
    return " ".join(printable.split())[:80] or "slip"
