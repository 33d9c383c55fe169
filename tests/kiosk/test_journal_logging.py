"""Under a systemd unit the kiosk's log also goes to the journal (stderr), without a time."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROGRAM = """
import logging, sys
from pathlib import Path
from kiosk.logs import configure_logging
configure_logging(Path(sys.argv[1]), stderr=sys.argv[2] == "asked")
logging.getLogger("kiosk.test").info("slip printed for A-007")
"""


def _log(tmp_path: Path, *, journal: bool, asked: bool = False) -> tuple[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "JOURNAL_STREAM"}
    if journal:
        env["JOURNAL_STREAM"] = "8:12345"  # what systemd sets for a unit's stderr
    log = tmp_path / "kiosk.log"
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM, str(log), "asked" if asked else "no"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stderr, log.read_text(encoding="utf-8")


def test_under_systemd_the_journal_gets_each_line_without_a_time(tmp_path: Path) -> None:
    stderr, file = _log(tmp_path, journal=True)
    assert stderr == "INFO kiosk.test: slip printed for A-007\n"
    assert file.endswith(" INFO kiosk.test: slip printed for A-007\n")


@pytest.mark.parametrize("asked", [False, True])
def test_from_a_terminal_stderr_only_when_asked(tmp_path: Path, asked: bool) -> None:
    stderr, file = _log(tmp_path, journal=False, asked=asked)
    assert stderr.endswith(" INFO kiosk.test: slip printed for A-007\n") if asked else not stderr
    assert file.endswith(" INFO kiosk.test: slip printed for A-007\n")
