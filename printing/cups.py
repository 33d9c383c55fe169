"""The CUPS back-end: submit with ``lp`` and follow the job with ``lpstat`` until it is done."""

import contextlib
import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from datetime import datetime

from printing import lpstat
from printing.printer import PrintError, PrinterStatus, PrintFault, PrintJob

DEFAULT_MEDIA = "Custom.{width}x{length}mm"
_QUEUE_NAME = re.compile(r"[^\s/#\\'\"-][^\s/#\\'\"]{0,126}")
_COMMAND_TIMEOUT_S = 10.0
_LAST_LOOK_S = 5.0
"""The least time a command is given, so the last look at a job is never cut short."""
_SCHEDULER_DOWN = "the CUPS scheduler (cupsd) is not running"


class CupsPrinter:
    """Prints on a CUPS queue and waits until the job has left it.

    A job counts as printed once it is no longer among the queue's
    not-completed jobs. ``lpstat`` does not tell a completed job from one
    cancelled by staff, so a cancelled job also counts as printed.

    A stopped queue, or a fault that appears while the job waits (paper out, a jam),
    fails the job at once. A fault the queue already showed before the job was sent
    does not: CUPS keeps a back-end's "out of paper" after the paper is back, so such
    a job is followed until it prints (then the fault is known to be stale) or times out.

    Args:
        queue: the CUPS queue (destination) name.
        timeout_s: the longest wait for the job to finish, submission included.
        media: ``lp -o media=`` value; ``{width}`` and ``{length}`` are filled with the
            PDF's page size in millimetres; None sends no media option.
        poll_s: the pause between two looks at the job.
        cancel_on_failure: cancel a job that failed, so it cannot come out later.
        clock: monotonic seconds, for the time-out; sleep: waits between looks (tests
            pass a fake pair, so a time-out is decided by no race with the machine's load).
    """

    def __init__(
        self,
        queue: str,
        timeout_s: float = 30.0,
        *,
        media: str | None = DEFAULT_MEDIA,
        poll_s: float = 0.2,
        cancel_on_failure: bool = True,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if not _QUEUE_NAME.fullmatch(queue):
            raise ValueError(f"invalid CUPS queue name {queue!r}")
        self.queue = queue
        self.timeout_s = timeout_s
        self.media = media
        self.poll_s = poll_s
        self.cancel_on_failure = cancel_on_failure
        self._clock = clock
        self._sleep = sleep
        self._stale: frozenset[str] = frozenset()

    def print_pdf(self, pdf: bytes, job_name: str) -> PrintJob:
        """Submit `pdf` as job `job_name` and wait until it is printed.

        Raises:
            PrintError: lp is missing, the scheduler is down, the queue is unknown or
                refuses jobs, the printer stops (disabled, out of paper ...), the job
                is held, or it is not finished within `timeout_s`.
        """
        deadline = self._clock() + self.timeout_s
        argv = [self._tool("lp"), "-d", self.queue, "-t", _title(job_name)]
        standing = frozenset(self._printer_state(deadline).faults)
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
            self._follow(job_id, deadline, standing)
        except PrintError:
            if self.cancel_on_failure:
                self._cancel(job_id)
            raise
        self._stale = standing
        return PrintJob(backend="cups", job_id=job_id, path=None)

    def status(self) -> PrinterStatus:
        """Report whether the queue could print now, and has printed lately.

        The scheduler runs, the queue exists, is enabled, accepts jobs and holds no job
        older than the time-out (a printer that takes jobs and never finishes them makes
        every visitor wait while its queue looks fine).
        """
        try:
            if not self._scheduler_running():
                return PrinterStatus(False, _SCHEDULER_DOWN)
            deadline = self._clock() + _COMMAND_TIMEOUT_S
            printer = self._printer_state(deadline)
            faults = set(printer.faults) - self._stale
            if not printer.enabled or faults:
                return PrinterStatus(False, f"CUPS queue {self.queue}: {printer.describe()}")
            accepting = self._run([self._tool("lpstat"), "-a", self.queue], deadline)
            stuck = self._stuck_jobs(deadline)
        except PrintError as error:
            return PrinterStatus(False, error.reason)
        if " not accepting " in accepting.stdout:
            return PrinterStatus(False, f"CUPS queue {self.queue} is not accepting jobs")
        if stuck:
            oldest = stuck[0]
            reason = (
                f"CUPS queue {self.queue}: {len(stuck)} job(s) not printed within "
                f"{self.timeout_s:g} s, the oldest {oldest.job_id} waiting since "
                f"{oldest.created:%Y-%m-%d %H:%M:%S}"
            )
            if printer.message:
                reason += f" ({printer.message})"
            return PrinterStatus(False, reason)
        return PrinterStatus(True, f"CUPS queue {self.queue} is enabled and accepting jobs")

    def _stuck_jobs(self, deadline: float) -> list[lpstat.QueuedJob]:
        done = self._run([self._tool("lpstat"), "-W", "not-completed", "-o", self.queue], deadline)
        now = datetime.now()
        jobs = lpstat.queued_jobs(done.stdout)
        stuck = [job for job in jobs if (now - job.created).total_seconds() > self.timeout_s]
        return sorted(stuck, key=lambda job: job.created)

    def _follow(self, job_id: str, deadline: float, standing: frozenset[str]) -> None:
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
            if not printer.enabled or set(printer.faults) - standing:
                reason = f"printer {self.queue} stopped: {printer.describe()}"
                raise PrintError(PrintFault.PRINTER_STOPPED, reason)
            remaining = deadline - self._clock()
            if remaining <= 0:
                reason = f"job {job_id} not printed within {self.timeout_s:g} s"
                if standing:
                    reason += f" ({self.queue} shows: {printer.describe()})"
                raise PrintError(PrintFault.TIMEOUT, reason)
            self._sleep(min(self.poll_s, remaining))

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

    def _run(
        self, argv: list[str], deadline: float | None, stdin: bytes = b""
    ) -> subprocess.CompletedProcess[str]:
        remaining = _COMMAND_TIMEOUT_S if deadline is None else deadline - self._clock()
        timeout = max(remaining, _LAST_LOOK_S)
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
