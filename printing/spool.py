"""The spool back-end: each slip becomes a PDF file in a folder, written atomically."""

import contextlib
import os
import re
import tempfile
import threading
import time
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

from printing.printer import PrintError, PrinterStatus, PrintFault, PrintJob

_NS = 1_000_000_000
LEFTOVER_AGE_S = 60.0
"""A ``.part`` file older than this is a slip whose writer died (a write takes milliseconds)."""
_stamp_lock = threading.Lock()
_last_stamp = 0


def _next_stamp() -> str:
    """Return a UTC time stamp with nanoseconds, strictly increasing within the process."""
    global _last_stamp
    with _stamp_lock:
        _last_stamp = max(time.time_ns(), _last_stamp + 1)
        stamp = _last_stamp
    seconds = datetime.fromtimestamp(stamp // _NS, UTC).strftime("%Y%m%dT%H%M%S")
    return f"{seconds}{stamp % _NS:09d}Z"


def _slug(job_name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", job_name).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9_-]+", "-", ascii_name).strip("-")[:48] or "slip"


def _fsync_dir(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


class SpoolPrinter:
    """Writes each slip into `folder` as ``<UTC time stamp>-<job name>.pdf``.

    File names sort in the order the slips were printed. A slip appears under
    its final name complete or not at all (temporary ``.part`` file, fsync,
    rename, fsync of the folder), so a power cut never leaves half a PDF. The
    ``.part`` files such an interruption leaves are removed by the first slip
    a printer writes (those older than ``LEFTOVER_AGE_S``, so another process's
    slip being written is left alone).
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._swept = False

    def print_pdf(self, pdf: bytes, job_name: str) -> PrintJob:
        """Write `pdf` to the folder and return its path in the job.

        Raises:
            PrintError: the folder cannot be created or written (fault SPOOL_FAILED).
        """
        target = self.folder / f"{_next_stamp()}-{_slug(job_name)}.pdf"
        temporary: str | None = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if not self._swept:
                self._swept = True
                self._remove_leftovers()
            descriptor, temporary = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".part")
            with os.fdopen(descriptor, "wb") as part:
                part.write(pdf)
                part.flush()
                os.fsync(part.fileno())
            os.rename(temporary, target)
            temporary = None
            _fsync_dir(self.folder)
        except OSError as error:
            reason = f"cannot write slip to spool folder {self.folder}: {error.strerror or error}"
            raise PrintError(PrintFault.SPOOL_FAILED, reason) from error
        finally:
            if temporary is not None:
                Path(temporary).unlink(missing_ok=True)
        return PrintJob(backend="spool", job_id=target.name, path=target)

    def _remove_leftovers(self) -> None:
        oldest = time.time() - LEFTOVER_AGE_S
        for part in self.folder.glob(".*.part"):
            with contextlib.suppress(OSError):  # gone meanwhile, or not ours to remove
                if part.stat().st_mtime < oldest:
                    part.unlink()

    def status(self) -> PrinterStatus:
        """Report whether a file can be created in the folder right now."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryFile(dir=self.folder):
                pass
        except OSError as error:
            return PrinterStatus(False, f"spool folder {self.folder} is not writable: {error}")
        return PrinterStatus(True, f"spool folder {self.folder} is writable")
