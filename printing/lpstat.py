"""Parsers for the C-locale output of the CUPS ``lp`` and ``lpstat`` commands."""

import math
import re
from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.units import mm

_REQUEST_ID = re.compile(r"request id is (\S+)")
_ALERTS = re.compile(r"^\s*Alerts:[ \t]*(.*)$", re.MULTILINE)
_MEDIA_BOX = re.compile(rb"/MediaBox\s*\[\s*(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s*\]")

_JOB_LINE = re.compile(r"^(\S+)\s+\S+\s+\d+\s+(\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4})\s*$")
_SEVERITY = re.compile(r"-(error|warning|report)$")

HOLD_REASONS = frozenset({"job-hold-until-specified", "job-held-for-authentication"})
_REASON_WORDS = {
    "media-empty": "out of paper",
    "media-needed": "out of paper",
    "media-jam": "paper jam",
    "cover-open": "cover open",
    "door-open": "cover open",
    "offline": "printer offline",
    "paused": "printer disabled",
}


@dataclass(frozen=True)
class PrinterState:
    """A CUPS queue as ``lpstat -l -p QUEUE`` shows it.

    Attributes:
        enabled: False when the queue is stopped (disabled by staff or by a fault).
        message: the printer-state-message, possibly empty.
        reasons: the printer-state-reasons ("Alerts:"), e.g. ("media-empty-error",).
    """

    enabled: bool
    message: str
    reasons: tuple[str, ...]

    @property
    def faults(self) -> tuple[str, ...]:
        """The reasons that stop printing: those of error severity, and "paused"."""
        return tuple(r for r in self.reasons if r.endswith("-error") or r == "paused")

    def describe(self) -> str:
        """Return why the printer is not printing, in words."""
        words = [_REASON_WORDS.get(_SEVERITY.sub("", r), r) for r in self.faults]
        parts = list(dict.fromkeys(words))
        if self.message:
            parts.append(self.message)
        return "; ".join(parts) or "printer stopped"


@dataclass(frozen=True)
class QueuedJob:
    """A job ``lpstat -W not-completed -o QUEUE`` lists: its id and when it was sent.

    Attributes:
        job_id: the request id, e.g. "kiosk-42".
        created: when the job was sent, in the machine's local time (as lpstat prints it).
    """

    job_id: str
    created: datetime


def queued_jobs(output: str) -> list[QueuedJob]:
    """Parse ``lpstat -W not-completed -o QUEUE`` (C locale); lines it cannot read are left out."""
    jobs = []
    for line in output.splitlines():
        match = _JOB_LINE.match(line)
        if match is None:
            continue
        stamp = " ".join(match.group(2).split())
        try:
            created = datetime.strptime(stamp, "%a %b %d %H:%M:%S %Y")
        except ValueError:
            continue
        jobs.append(QueuedJob(match.group(1), created))
    return jobs


def request_id(lp_output: str) -> str | None:
    """Return the job id from ``lp``'s "request id is QUEUE-42 (1 file(s))", if present."""
    match = _REQUEST_ID.search(lp_output)
    return match.group(1) if match else None


def _alerts(text: str) -> tuple[str, ...]:
    match = _ALERTS.search(text)
    if match is None:
        return ()
    return tuple(word for word in match.group(1).replace(",", " ").split() if word != "none")


def printer_state(output: str) -> PrinterState:
    """Parse ``lpstat -l -p QUEUE``."""
    lines = output.splitlines()
    header = lines[0] if lines else ""
    message_lines: list[str] = []
    for line in lines[1:]:
        stripped = line.strip()
        if re.match(r"(Form mounted|Alerts|Description|Location|Content types):", stripped):
            break
        message_lines.append(stripped)
    return PrinterState(
        enabled=" disabled since " not in header,
        message=" ".join(part for part in message_lines if part),
        reasons=_alerts(output),
    )


def job_reasons(output: str, job_id: str) -> tuple[str, ...] | None:
    """Find `job_id` in ``lpstat -W not-completed -l -o QUEUE``.

    Returns:
        The job's state reasons ("Alerts:"), or None when the job is not listed.
    """
    blocks = re.split(r"\n(?=\S)", output)
    for block in blocks:
        if block.split(maxsplit=1)[:1] == [job_id]:
            return _alerts(block)
    return None


def media_size_mm(pdf: bytes) -> tuple[int, int] | None:
    """Return the first page's width (rounded) and length (rounded up) in millimetres."""
    match = _MEDIA_BOX.search(pdf)
    if match is None:
        return None
    x0, y0, x1, y1 = (float(value) for value in match.groups())
    return round((x1 - x0) / mm), math.ceil((y1 - y0) / mm - 1e-6)
