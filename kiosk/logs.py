"""The kiosk's log file: rotating, in the data directory, with a tail for the staff panel."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from collections import deque
from pathlib import Path

from kiosk.db import data_dir

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
JOURNAL_FORMAT = "%(levelname)s %(name)s: %(message)s"


def log_path() -> Path:
    """Where the log file lives."""
    return data_dir() / "kiosk.log"


def configure_logging(path: Path | None = None, *, stderr: bool = False) -> Path:
    """Send INFO and above to a rotating file (1 MB × 5); returns its path.

    Also to stderr when asked, and always under a systemd unit (``JOURNAL_STREAM`` set):
    there stderr is the journal, which stamps the time itself and rotates by journald's
    limits, so the line carries no time of its own.
    """
    target = path or log_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        target, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(FORMAT))
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    root.addHandler(handler)
    journal = bool(os.environ.get("JOURNAL_STREAM"))
    if stderr or journal:
        console = logging.StreamHandler(sys.stderr)
        console.setFormatter(logging.Formatter(JOURNAL_FORMAT if journal else FORMAT))
        root.addHandler(console)
    return target


def tail(path: Path, lines: int = 40) -> list[str]:
    """The last lines of a log file (none when it does not exist yet)."""
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            return [line.rstrip("\n") for line in deque(handle, maxlen=lines)]
    except FileNotFoundError:
        return []
